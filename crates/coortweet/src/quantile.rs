//! R's default (type 7) sample quantile.

/// The `p` quantile of `values` as R's `quantile(values, p, type = 7)` computes it, or `None`
/// when `values` is empty (R returns `NA`).
///
/// With the values sorted as `x[0] <= ... <= x[n-1]`, let `h = (n - 1) * p`, `lo = floor(h)`
/// and `hi = ceil(h)`: the result is `x[lo]` when `h` is whole or `x[lo] == x[hi]`, and
/// otherwise `(1 - f) * x[lo] + f * x[hi]` with `f = h - lo`, the same arithmetic as R.
/// `p` outside `[0, 1]` or NaN yields `None` (R refuses such probabilities).
pub fn quantile_type7(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    // R: index <- 1 + (n - 1) * p, with 1-based positions.
    let index = 1.0 + (sorted.len() - 1) as f64 * p;
    let lo = index.floor();
    let hi = index.ceil();
    // Both lie in 1..=n because 0 <= p <= 1; the conversions are exact for any slice length.
    let below = sorted[lo as usize - 1];
    let above = sorted[hi as usize - 1];
    if index > lo && above != below {
        let f = index - lo;
        Some((1.0 - f) * below + f * above)
    } else {
        Some(below)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_examples() {
        // quantile(c(1, 2, 3, 4), 0.5) = 2.5 in R: h = 1.5, between 2 and 3.
        assert_eq!(quantile_type7(&[4.0, 1.0, 3.0, 2.0], 0.5), Some(2.5));
        // quantile(c(1, 1, 1, 2, 5), 0.9): index = 1 + 4 * 0.9 = 4.6, 0.4 * 2 + 0.6 * 5 = 3.8.
        let q = quantile_type7(&[1.0, 5.0, 1.0, 2.0, 1.0], 0.9).unwrap();
        assert!((q - 3.8).abs() < 1e-12, "{q}");
        // quantile(c(1, 1, 1, 2), 0.5) = 1: both neighbours are 1.
        assert_eq!(quantile_type7(&[1.0, 2.0, 1.0, 1.0], 0.5), Some(1.0));
        // quantile(c(10, 20, 30), 0.25) = 15.
        assert_eq!(quantile_type7(&[30.0, 10.0, 20.0], 0.25), Some(15.0));
    }

    #[test]
    fn extremes_are_min_and_max() {
        let values = [3.0, 9.0, 1.0, 4.0];
        assert_eq!(quantile_type7(&values, 0.0), Some(1.0));
        assert_eq!(quantile_type7(&values, 1.0), Some(9.0));
        assert_eq!(quantile_type7(&[7.0], 0.3), Some(7.0));
    }

    #[test]
    fn empty_or_bad_probability_is_none() {
        assert_eq!(quantile_type7(&[], 0.5), None);
        assert_eq!(quantile_type7(&[1.0], 1.5), None);
        assert_eq!(quantile_type7(&[1.0], f64::NAN), None);
    }
}
