//! Number formatting as R writes doubles to CSV.

/// Formats a double the way R's `fwrite` and `write.csv` write it.
///
/// The value is rounded to 15 significant digits and trailing zeros are dropped, so whole
/// numbers have no decimal point (`7`), short fractions stay short (`2.5`) and repeating ones
/// are cut at 15 digits (`0.333333333333333`, `0.666666666666667`). Scientific notation
/// (`1e+05`, `1e-04`, two-digit exponents at least) is used only when it is strictly shorter
/// than fixed notation, as R does with its default `scipen = 0`. Non-finite values are written
/// as R prints them: `NaN`, `Inf`, `-Inf`.
pub(crate) fn format_r(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Inf" } else { "-Inf" }.to_owned();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let magnitude = x.abs();

    if magnitude.fract() == 0.0 && magnitude < 1e15 {
        // Whole numbers below 10^15 convert exactly; keep fixed notation unless the
        // scientific form (`d.ddde+XX`) is strictly shorter.
        let fixed = (magnitude as u64).to_string();
        let significant = fixed.trim_end_matches('0').len();
        let sci_len = significant + usize::from(significant > 1) + 4;
        if fixed.len() <= sci_len {
            return format!("{sign}{fixed}");
        }
    }

    // Rust rounds `{:.14e}` correctly, like the C library R relies on.
    let scientific = format!("{magnitude:.14e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');

    let fixed = if exponent >= 15 {
        // R prints every integer digit in fixed notation, not the rounded ones.
        format!("{magnitude:.0}")
    } else if exponent >= 0 {
        let int_len = exponent as usize + 1;
        if digits.len() <= int_len {
            format!("{digits:0<int_len$}")
        } else {
            format!("{}.{}", &digits[..int_len], &digits[int_len..])
        }
    } else {
        let zeros = "0".repeat((-exponent - 1) as usize);
        format!("0.{zeros}{digits}")
    };
    let sci = {
        let (lead, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!("{lead}{point}{rest}e{exp_sign}{:02}", exponent.abs())
    };
    if fixed.len() <= sci.len() {
        format!("{sign}{fixed}")
    } else {
        format!("{sign}{sci}")
    }
}

#[cfg(test)]
mod tests {
    use super::format_r;

    #[test]
    fn integers_have_no_decimal_point() {
        assert_eq!(format_r(7.0), "7");
        assert_eq!(format_r(0.0), "0");
        assert_eq!(format_r(-0.0), "0");
        assert_eq!(format_r(-12.0), "-12");
        assert_eq!(format_r(86400.0), "86400");
        assert_eq!(format_r(1623881091.0), "1623881091");
    }

    #[test]
    fn fractions_use_at_most_15_significant_digits() {
        assert_eq!(format_r(2.5), "2.5");
        assert_eq!(format_r(1.0 / 3.0), "0.333333333333333");
        assert_eq!(format_r(2.0 / 3.0), "0.666666666666667");
        assert_eq!(format_r(20.0 / 3.0), "6.66666666666667");
        assert_eq!(format_r(0.1 + 0.2), "0.3");
        assert_eq!(format_r(-1.25), "-1.25");
        assert_eq!(format_r(0.001), "0.001");
    }

    #[test]
    fn scientific_only_when_shorter() {
        assert_eq!(format_r(100000.0), "1e+05");
        assert_eq!(format_r(123456.0), "123456");
        assert_eq!(format_r(0.0001), "1e-04");
        assert_eq!(format_r(0.00025), "0.00025");
        assert_eq!(format_r(1e-300), "1e-300");
        assert_eq!(format_r(1e15), "1e+15");
        assert_eq!(format_r(2f64.powi(62)), "4611686018427387904");
    }

    #[test]
    fn non_finite_values() {
        assert_eq!(format_r(f64::NAN), "NaN");
        assert_eq!(format_r(f64::INFINITY), "Inf");
        assert_eq!(format_r(f64::NEG_INFINITY), "-Inf");
    }
}
