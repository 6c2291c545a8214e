//! Daily rhythms and time zones: when in its local day an account posts.

use chrono::{DateTime, Datelike, Timelike, Weekday};
use rand::Rng;

use crate::vocab::Lang;

/// Seconds in a day.
pub(crate) const DAY: i64 = 86_400;

/// Relative posting activity per local hour of ordinary users: trough around 4 h (about 1.5 %
/// of the day's posts per hour), a broad plateau in the afternoon and a peak in the evening.
const ORGANIC_HOURLY: [f64; 24] = [
    3.4, 2.4, 1.8, 1.5, 1.4, 1.7, 2.6, 3.6, 4.3, 4.7, 4.9, 5.1, 5.4, 5.5, 5.6, 5.6, 5.4, 5.3, 5.5,
    5.8, 6.1, 6.0, 5.2, 4.3,
];

/// Activity per local hour of an office worker: 9 to 18 h with a lunch dip.
const OFFICE_HOURLY: [f64; 24] = [
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.8, 1.0, 1.0, 0.5, 0.8, 1.0, 1.0, 0.9, 0.6, 0.0,
    0.0, 0.0, 0.0, 0.0, 0.0,
];

/// Cumulative hourly weights, sampled by a linear scan.
struct HourTable {
    cumulative: [f64; 24],
}

impl HourTable {
    fn new(weights: &[f64; 24]) -> Self {
        let mut cumulative = [0.0; 24];
        let mut acc = 0.0;
        for (c, w) in cumulative.iter_mut().zip(weights) {
            acc += w;
            *c = acc;
        }
        HourTable { cumulative }
    }

    fn sample<R: Rng>(&self, rng: &mut R) -> i64 {
        let x = rng.random::<f64>() * self.cumulative[23];
        self.cumulative.iter().position(|&c| x < c).unwrap_or(23) as i64
    }
}

/// Samplers of the local second of the day.
pub(crate) struct Rhythm {
    organic: HourTable,
    office: HourTable,
}

impl Rhythm {
    pub(crate) fn new() -> Self {
        Rhythm {
            organic: HourTable::new(&ORGANIC_HOURLY),
            office: HourTable::new(&OFFICE_HOURLY),
        }
    }

    /// A local second of the day drawn from the ordinary users' profile, moved by the account's
    /// chronotype `shift_s` (night owls post later).
    pub(crate) fn organic_second<R: Rng>(&self, rng: &mut R, shift_s: i32) -> i64 {
        let hour = self.organic.sample(rng);
        (hour * 3600 + rng.random_range(0..3600) + i64::from(shift_s)).rem_euclid(DAY)
    }

    /// A local second within office hours.
    pub(crate) fn office_second<R: Rng>(&self, rng: &mut R) -> i64 {
        let hour = self.office.sample(rng);
        hour * 3600 + rng.random_range(0..3600)
    }
}

/// The instant in the day window starting at `window_start` whose local time of day (in the zone
/// `tz_min` minutes east of UTC) is `local_second`.
pub(crate) fn place(window_start: i64, local_second: i64, tz_min: i32) -> i64 {
    let utc_second = (local_second - i64::from(tz_min) * 60).rem_euclid(DAY);
    window_start + (utc_second - window_start.rem_euclid(DAY)).rem_euclid(DAY)
}

/// Local weekday of the instant `ts` in the zone `tz_min` minutes east of UTC.
pub(crate) fn local_weekday(ts: i64, tz_min: i32) -> Weekday {
    DateTime::from_timestamp(ts + i64::from(tz_min) * 60, 0)
        .map(|d| d.weekday())
        .unwrap_or(Weekday::Mon)
}

/// Local hour of the instant `ts`.
pub(crate) fn local_hour(ts: i64, tz_min: i32) -> u32 {
    DateTime::from_timestamp(ts + i64::from(tz_min) * 60, 0)
        .map(|d| d.hour())
        .unwrap_or(12)
}

/// Whether the local day around the middle of the window starting at `window_start` is a workday.
pub(crate) fn is_workday(window_start: i64, tz_min: i32) -> bool {
    !matches!(
        local_weekday(window_start + DAY / 2, tz_min),
        Weekday::Sat | Weekday::Sun
    )
}

/// A time zone (minutes east of UTC, daylight saving as in September) for a user of `lang`.
pub(crate) fn user_time_zone<R: Rng>(rng: &mut R, lang: Lang) -> i32 {
    let zones: &[(i32, f64)] = match lang {
        Lang::En => &[
            (-420, 0.14),
            (-300, 0.12),
            (-240, 0.27),
            (60, 0.16),
            (120, 0.03),
            (330, 0.12),
            (480, 0.06),
            (600, 0.06),
            (720, 0.04),
        ],
        Lang::Es => &[
            (-360, 0.3),
            (-300, 0.2),
            (-240, 0.1),
            (-180, 0.2),
            (120, 0.2),
        ],
        Lang::De => &[(120, 0.9), (60, 0.05), (-240, 0.05)],
        Lang::Ru => &[(180, 0.7), (300, 0.1), (420, 0.1), (600, 0.05), (120, 0.05)],
        Lang::Ar => &[(180, 0.55), (240, 0.2), (120, 0.1), (60, 0.15)],
        Lang::Zh => &[(480, 0.9), (-420, 0.05), (60, 0.05)],
    };
    pick_weighted(rng, zones)
}

/// The time zone an operation of `lang` works from.
pub(crate) fn operator_time_zone<R: Rng>(rng: &mut R, lang: Lang) -> i32 {
    let zones: &[(i32, f64)] = match lang {
        Lang::En => &[(180, 0.5), (210, 0.2), (-300, 0.2), (480, 0.1)],
        Lang::Es => &[(-240, 0.6), (180, 0.4)],
        Lang::De | Lang::Ru => &[(180, 1.0)],
        Lang::Ar => &[(210, 0.5), (180, 0.5)],
        Lang::Zh => &[(480, 1.0)],
    };
    pick_weighted(rng, zones)
}

fn pick_weighted<R: Rng>(rng: &mut R, zones: &[(i32, f64)]) -> i32 {
    let total: f64 = zones.iter().map(|z| z.1).sum();
    let mut x = rng.random::<f64>() * total;
    for &(tz, w) in zones {
        if x < w {
            return tz;
        }
        x -= w;
    }
    zones.last().map_or(0, |z| z.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    const MONDAY: i64 = 1_725_235_200; // 2024-09-02T00:00:00Z

    #[test]
    fn place_lands_in_the_window_at_the_local_time() {
        for tz in [-420, 0, 180, 330, 600] {
            for local in [0, 3_600, 45_000, 86_399] {
                let t = place(MONDAY, local, tz);
                assert!((MONDAY..MONDAY + DAY).contains(&t));
                assert_eq!((t + i64::from(tz) * 60).rem_euclid(DAY), local);
            }
        }
        // A window that does not start at midnight.
        let t = place(MONDAY + 5_000, 100, 0);
        assert!((MONDAY + 5_000..MONDAY + 5_000 + DAY).contains(&t));
        assert_eq!(t.rem_euclid(DAY), 100);
    }

    #[test]
    fn weekends_and_hours_follow_the_zone() {
        assert!(is_workday(MONDAY, 180));
        assert!(!is_workday(MONDAY + 5 * DAY, 180));
        assert_eq!(local_weekday(MONDAY, -60), Weekday::Sun);
        assert_eq!(local_hour(MONDAY, 180), 3);
    }

    #[test]
    fn office_seconds_stay_in_office_hours() {
        let r = Rhythm::new();
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..1000 {
            let s = r.office_second(&mut rng);
            assert!((9 * 3600..18 * 3600).contains(&s));
            let o = r.organic_second(&mut rng, -7200);
            assert!((0..DAY).contains(&o));
        }
    }
}
