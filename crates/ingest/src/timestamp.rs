//! Timestamp parsing for every form FORMATS.md accepts.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use lockstep_model::TimeMs;
use serde::Serialize;

/// Which form a timestamp was written in; counted so the run summary can say how times were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimestampForm {
    /// RFC 3339 / ISO 8601 with a zone (`Z` or an offset).
    Zoned,
    /// `YYYY-MM-DD HH:MM[:SS[.fff]]` (or with `T`) without a zone, read as UTC.
    ZonelessUtc,
    /// `YYYY-MM-DD`, a date without a time, read as midnight UTC.
    DateOnly,
    /// UNIX epoch seconds, integer or decimal.
    EpochSeconds,
    /// UNIX epoch milliseconds, integer or decimal.
    EpochMillis,
    /// UNIX epoch microseconds (Bluesky Jetstream `time_us`).
    EpochMicros,
    /// Recovered to the millisecond from a tweet id (a Twitter "snowflake"), because the export's
    /// own time field is coarser (twitter-io, ira-538).
    SnowflakeId,
    /// A native export's own zoned form (`Wed Oct 10 20:19:24 +0000 2018`, `... EDT`).
    PlatformZoned,
    /// A native export's own form without a zone (`7/31/2017 21:56`), read as UTC.
    PlatformZonelessUtc,
}

/// Why a timestamp could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimestampError {
    /// The field is empty.
    Missing,
    /// The text matches none of the accepted forms.
    Unparseable,
    /// The value parses but lies outside the supported range.
    OutOfRange,
}

/// Epoch numbers at or above this magnitude are milliseconds: 10^11 seconds is in the year 5138,
/// while 10^11 milliseconds is March 1973, earlier than any social-media post.
const MILLIS_THRESHOLD: f64 = 1e11;

/// Parses a timestamp into milliseconds since the epoch (UTC) and reports its form.
///
/// Accepted: RFC 3339 with `T`, `t` or a space between date and time and `Z` or `±HH:MM`/`±HHMM`;
/// `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` and fractional seconds without a zone (UTC); a date
/// alone, `YYYY-MM-DD` (midnight UTC); epoch seconds or milliseconds, integer or decimal.
/// Sub-millisecond digits are rounded to the nearest ms.
pub fn parse_timestamp(raw: &str) -> Result<(TimeMs, TimestampForm), TimestampError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(TimestampError::Missing);
    }
    if looks_numeric(s) {
        return parse_epoch(s);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok((dt.timestamp_millis(), TimestampForm::Zoned));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Ok((dt.timestamp_millis(), TimestampForm::Zoned));
        }
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Ok((dt.and_utc().timestamp_millis(), TimestampForm::ZonelessUtc));
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let midnight = date.and_time(chrono::NaiveTime::MIN).and_utc();
        return Ok((midnight.timestamp_millis(), TimestampForm::DateOnly));
    }
    Err(TimestampError::Unparseable)
}

fn looks_numeric(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit())
}

fn parse_epoch(s: &str) -> Result<(TimeMs, TimestampForm), TimestampError> {
    let negative = s.starts_with('-');
    let body = s.trim_start_matches('-');
    let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
    let int_value: i64 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().map_err(|_| TimestampError::OutOfRange)?
    };
    let magnitude: f64 = body.parse().map_err(|_| TimestampError::Unparseable)?;
    let (form, scale) = if magnitude >= MILLIS_THRESHOLD {
        (TimestampForm::EpochMillis, 1_i64)
    } else {
        (TimestampForm::EpochSeconds, 1000_i64)
    };
    // Fractional part in units of the scale, rounded half up, computed from the digits so that
    // "1623881091.0" gives an exact result without going through binary floating point.
    let frac_units = fraction_in_units(frac_part, scale);
    let ms = int_value
        .checked_mul(scale)
        .and_then(|v| v.checked_add(frac_units))
        .ok_or(TimestampError::OutOfRange)?;
    // Keep within what chrono can represent so later formatting never fails.
    if ms.unsigned_abs() > 8_000_000_000_000_000 {
        return Err(TimestampError::OutOfRange);
    }
    Ok((if negative { -ms } else { ms }, form))
}

/// `0.<frac>` multiplied by `scale` milliseconds, rounded to the nearest millisecond.
fn fraction_in_units(frac: &str, scale: i64) -> i64 {
    // Only the first digits matter at millisecond precision; keep one more for rounding.
    let keep = if scale == 1000 { 4 } else { 1 };
    let mut digits: i64 = 0;
    let mut n = 0;
    for b in frac.bytes().take(keep) {
        digits = digits * 10 + i64::from(b - b'0');
        n += 1;
    }
    for _ in n..keep {
        digits *= 10;
    }
    // digits / 10^keep * scale, rounded.
    let denom = 10_i64.pow(keep as u32);
    (digits * scale + denom / 2) / denom
}

/// Twitter's snowflake epoch: milliseconds since 1970 at snowflake zero (2010-11-04).
const SNOWFLAKE_EPOCH_MS: i64 = 1_288_834_974_657;

/// The creation time a Twitter snowflake id encodes: `(id >> 22) + 1288834974657` ms.
///
/// `None` for ids that are not numbers. Ids issued before snowflakes (November 2010) decode to
/// the first seconds of the snowflake epoch; callers check the result against the row's own time.
pub(crate) fn snowflake_ms(id: &str) -> Option<TimeMs> {
    let id: u64 = id.trim().parse().ok()?;
    Some((id >> 22) as i64 + SNOWFLAKE_EPOCH_MS)
}

/// Parses a platform's own form with one chrono pattern: zoned when the pattern has `%z`
/// ([`TimestampForm::PlatformZoned`]), otherwise read as UTC
/// ([`TimestampForm::PlatformZonelessUtc`]).
pub(crate) fn parse_platform(
    raw: &str,
    pattern: &str,
) -> Result<(TimeMs, TimestampForm), TimestampError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(TimestampError::Missing);
    }
    let parsed = if pattern.contains("%z") {
        DateTime::parse_from_str(s, pattern)
            .map(|dt| (dt.timestamp_millis(), TimestampForm::PlatformZoned))
    } else {
        NaiveDateTime::parse_from_str(s, pattern).map(|dt| {
            (
                dt.and_utc().timestamp_millis(),
                TimestampForm::PlatformZonelessUtc,
            )
        })
    };
    parsed.map_err(|_| TimestampError::Unparseable)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_725_285_787_000; // 2024-09-02T14:03:07Z

    #[test]
    fn zoned_forms() {
        for s in [
            "2024-09-02T14:03:07Z",
            "2024-09-02t14:03:07z",
            "2024-09-02 14:03:07Z",
            "2024-09-02T16:03:07+02:00",
            "2024-09-02T16:03:07+0200",
            "2024-09-02T09:03:07-05:00",
            " 2024-09-02T14:03:07Z ",
        ] {
            assert_eq!(parse_timestamp(s), Ok((T, TimestampForm::Zoned)), "{s}");
        }
        assert_eq!(
            parse_timestamp("2024-09-02T14:03:07.250Z"),
            Ok((T + 250, TimestampForm::Zoned))
        );
    }

    #[test]
    fn zoneless_forms_are_utc() {
        for s in ["2024-09-02 14:03:07", "2024-09-02T14:03:07"] {
            assert_eq!(
                parse_timestamp(s),
                Ok((T, TimestampForm::ZonelessUtc)),
                "{s}"
            );
        }
        assert_eq!(
            parse_timestamp("2024-09-02 14:03"),
            Ok((T - 7_000, TimestampForm::ZonelessUtc))
        );
        assert_eq!(
            parse_timestamp("2024-09-02 14:03:07.5"),
            Ok((T + 500, TimestampForm::ZonelessUtc))
        );
    }

    #[test]
    fn a_date_alone_is_midnight_utc() {
        assert_eq!(
            parse_timestamp("2024-09-02"),
            Ok((1_725_235_200_000, TimestampForm::DateOnly))
        );
        assert_eq!(
            parse_timestamp("2024-02-30"),
            Err(TimestampError::Unparseable)
        );
        assert_eq!(
            parse_timestamp("2024-9-2x"),
            Err(TimestampError::Unparseable)
        );
    }

    #[test]
    fn epoch_seconds_and_millis() {
        assert_eq!(
            parse_timestamp("1725285787"),
            Ok((T, TimestampForm::EpochSeconds))
        );
        assert_eq!(
            parse_timestamp("1725285787.0"),
            Ok((T, TimestampForm::EpochSeconds))
        );
        assert_eq!(
            parse_timestamp("1725285787.1234"),
            Ok((T + 123, TimestampForm::EpochSeconds))
        );
        assert_eq!(
            parse_timestamp("1725285787.9996"),
            Ok((T + 1000, TimestampForm::EpochSeconds))
        );
        assert_eq!(
            parse_timestamp("1725285787000"),
            Ok((T, TimestampForm::EpochMillis))
        );
        assert_eq!(
            parse_timestamp("1725285787000.6"),
            Ok((T + 1, TimestampForm::EpochMillis))
        );
        assert_eq!(parse_timestamp("0"), Ok((0, TimestampForm::EpochSeconds)));
        assert_eq!(
            parse_timestamp("-1.5"),
            Ok((-1500, TimestampForm::EpochSeconds))
        );
    }

    #[test]
    fn bad_values() {
        assert_eq!(parse_timestamp(""), Err(TimestampError::Missing));
        assert_eq!(parse_timestamp("   "), Err(TimestampError::Missing));
        for s in [
            "yesterday",
            "2024-13-02T14:03:07Z",
            "1.2.3",
            "-",
            ".",
            "12:00",
        ] {
            assert_eq!(parse_timestamp(s), Err(TimestampError::Unparseable), "{s}");
        }
        assert_eq!(
            parse_timestamp("99999999999999999999999"),
            Err(TimestampError::OutOfRange)
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_timestamp(&s);
        }

        #[test]
        fn epoch_seconds_round_trip(secs in 0i64..4_000_000_000) {
            proptest::prop_assert_eq!(
                parse_timestamp(&secs.to_string()),
                Ok((secs * 1000, TimestampForm::EpochSeconds))
            );
        }
    }
}
