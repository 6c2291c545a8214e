use chrono::{DateTime, SecondsFormat};
use lockstep_model::TimeMs;

/// RFC 3339 in UTC, with milliseconds only when they are not zero: `2024-09-02T14:03:07Z`.
pub fn format_time(ms: TimeMs) -> String {
    match DateTime::from_timestamp_millis(ms) {
        Some(t) if ms % 1000 == 0 => t.to_rfc3339_opts(SecondsFormat::Secs, true),
        Some(t) => t.to_rfc3339_opts(SecondsFormat::Millis, true),
        None => ms.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::format_time;

    #[test]
    fn formats() {
        assert_eq!(format_time(1_725_285_787_000), "2024-09-02T14:03:07Z");
        assert_eq!(format_time(1_725_285_787_250), "2024-09-02T14:03:07.250Z");
        assert_eq!(format_time(0), "1970-01-01T00:00:00Z");
    }
}
