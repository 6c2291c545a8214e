//! Durations on the command line: `500ms`, `10s`, `1m`, `1h`, `1d`, or a plain number of seconds.

/// Parses a duration into milliseconds.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("'{s}' is not a duration (examples: 10s, 1m, 1h, 500ms)"))?;
    let scale = match unit.trim() {
        "" | "s" | "sec" | "secs" => 1_000.0,
        "ms" => 1.0,
        "m" | "min" | "mins" => 60_000.0,
        "h" | "hour" | "hours" => 3_600_000.0,
        "d" | "day" | "days" => 86_400_000.0,
        other => {
            return Err(format!(
                "unknown time unit '{other}' in '{s}' (use ms, s, m, h or d)"
            ))
        }
    };
    let ms = (value * scale).round();
    if !(0.0..=30.0 * 86_400_000.0).contains(&ms) {
        return Err(format!("duration '{s}' must be between 0 and 30 days"));
    }
    Ok(ms as i64)
}

/// Formats milliseconds in the largest unit that divides them: `90s`, `5m`, `1h`, `250ms`.
pub fn format_duration(ms: i64) -> String {
    for (unit, scale) in [
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
    ] {
        if ms != 0 && ms % scale == 0 {
            return format!("{}{unit}", ms / scale);
        }
    }
    if ms == 0 {
        "0s".to_string()
    } else {
        format!("{ms}ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        assert_eq!(parse_duration("10s"), Ok(10_000));
        assert_eq!(parse_duration("10"), Ok(10_000));
        assert_eq!(parse_duration("1.5m"), Ok(90_000));
        assert_eq!(parse_duration("2h"), Ok(7_200_000));
        assert_eq!(parse_duration("250ms"), Ok(250));
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("5 weeks").is_err());
        assert!(parse_duration("31d").is_err());
        assert_eq!(format_duration(90_000), "90s");
        assert_eq!(format_duration(300_000), "5m");
        assert_eq!(format_duration(3_600_000), "1h");
        assert_eq!(format_duration(250), "250ms");
        assert_eq!(format_duration(0), "0s");
    }
}
