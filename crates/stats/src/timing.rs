//! Attribution hints from timing: the UTC offset at which a network's activity looks most like
//! an office's working week.
//!
//! For every whole-hour offset from −12 to +14, the network's posts are placed in local time
//! and the share falling in office hours (Monday to Friday, 09:00–17:59) is measured; the offset
//! with the largest share wins (ties: the smallest offset). Uniform activity puts
//! 5 × 9 / (7 × 24) ≈ 27 % there, a workforce on shift close to 100 %. The confidence is
//! `(office_share − uniform) / (1 − uniform)`, clamped to [0, 1]; offsets whose share is within
//! 2 percentage points of the best are listed as equally plausible. Weekend quietness is shown
//! separately. This is a hint for analysts, not an attribution: operators can and do shift
//! their schedules.

use lockstep_model::TimeMs;
use serde::Serialize;

const HOUR_MS: i64 = 3_600_000;
const UNIFORM_OFFICE_SHARE: f64 = 45.0 / 168.0;

/// The most office-like UTC offset of a set of posting times.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkingHours {
    /// Most likely UTC offset of the operators, in hours.
    pub utc_offset_hours: i32,
    /// Offsets within 2 percentage points of the best, ascending.
    pub plausible_offsets: Vec<i32>,
    /// Share of posts in local office hours at the best offset.
    pub office_share: f64,
    /// Share of posts on local Saturdays and Sundays at the best offset (2/7 ≈ 0.29 when
    /// uniform).
    pub weekend_share: f64,
    /// `(office_share − 0.27) / 0.73`, clamped to [0, 1].
    pub confidence: f64,
    /// Posts counted per UTC hour of the day.
    pub utc_hour_counts: [u32; 24],
}

/// Local weekday (0 = Monday) and hour of a UTC instant seen at `offset` hours.
fn local_day_hour(t: TimeMs, offset: i32) -> (i64, i64) {
    let local = t + i64::from(offset) * HOUR_MS;
    let days = local.div_euclid(24 * HOUR_MS);
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    (
        (days + 3).rem_euclid(7),
        local.rem_euclid(24 * HOUR_MS) / HOUR_MS,
    )
}

/// The working-hours hint of `times`; `None` with fewer than `min_posts` posts.
pub fn working_hours(times: &[TimeMs], min_posts: usize) -> Option<WorkingHours> {
    if times.len() < min_posts.max(1) {
        return None;
    }
    let n = times.len() as f64;
    let shares: Vec<(i32, f64, f64)> = (-12..=14)
        .map(|offset| {
            let (mut office, mut weekend) = (0u64, 0u64);
            for &t in times {
                let (day, hour) = local_day_hour(t, offset);
                if day >= 5 {
                    weekend += 1;
                } else if (9..18).contains(&hour) {
                    office += 1;
                }
            }
            (offset, office as f64 / n, weekend as f64 / n)
        })
        .collect();
    let best = shares
        .iter()
        .copied()
        .fold(None::<(i32, f64, f64)>, |acc, x| match acc {
            Some(a) if a.1 >= x.1 => Some(a),
            _ => Some(x),
        })?;
    let plausible_offsets = shares
        .iter()
        .filter(|s| best.1 - s.1 <= 0.02)
        .map(|s| s.0)
        .collect();
    let mut utc_hour_counts = [0u32; 24];
    for &t in times {
        utc_hour_counts[local_day_hour(t, 0).1 as usize] += 1;
    }
    Some(WorkingHours {
        utc_offset_hours: best.0,
        plausible_offsets,
        office_share: best.1,
        weekend_share: best.2,
        confidence: ((best.1 - UNIFORM_OFFICE_SHARE) / (1.0 - UNIFORM_OFFICE_SHARE))
            .clamp(0.0, 1.0),
        utc_hour_counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moscow_office_hours_point_at_utc_plus_3() {
        // Posts on weekdays at 06:00–14:59 UTC, i.e. 09:00–17:59 at UTC+3, over two weeks
        // starting Monday 2024-09-02 (1725235200 s).
        let monday = 1_725_235_200_000i64;
        let mut times = Vec::new();
        for day in 0..14 {
            if day % 7 >= 5 {
                continue;
            }
            for hour in 6..15 {
                times.push(monday + day * 24 * HOUR_MS + hour * HOUR_MS + 60_000);
            }
        }
        let w = working_hours(&times, 10).unwrap();
        assert_eq!(w.utc_offset_hours, 3);
        assert_eq!(w.office_share, 1.0);
        assert_eq!(w.weekend_share, 0.0);
        assert_eq!(w.confidence, 1.0);
        // Offsets +2 and +4 lose one hour of nine: 8/9 = 0.89, far outside 2 points.
        assert_eq!(w.plausible_offsets, vec![3]);
        assert_eq!(w.utc_hour_counts[6], 10);
    }

    #[test]
    fn too_few_posts_give_no_hint() {
        assert_eq!(working_hours(&[0, 1, 2], 10), None);
    }

    #[test]
    fn weekdays() {
        // 1970-01-01 00:00 UTC was a Thursday; at UTC−1 it is Wednesday 23:00.
        assert_eq!(local_day_hour(0, 0), (3, 0));
        assert_eq!(local_day_hour(0, -1), (2, 23));
    }
}
