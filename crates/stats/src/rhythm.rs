//! Daily rhythms: when in the (UTC) day each account acts.
//!
//! Two accounts that are both active mostly between 08:00 and 10:00 meet within a short window
//! more often by chance than two accounts active around the clock. The chance model scales each
//! pair's expected co-actions by the *rhythm overlap* `24 × Σ_h p_a(h) p_b(h)`: 1 when either
//! account is active uniformly over the day, up to 24 when both act in the same single hour.
//! Profiles are smoothed towards uniform with [`HourProfiles::PSEUDO_COUNT`] posts so that an
//! account seen a handful of times does not get an extreme profile.

use lockstep_model::{AccountId, TimeMs};
use serde::{Deserialize, Serialize};

const HOUR_MS: TimeMs = 3_600_000;

/// The hour of the UTC day (0–23) of an instant.
pub fn utc_hour(t: TimeMs) -> usize {
    (t.rem_euclid(24 * HOUR_MS) / HOUR_MS) as usize
}

/// The share of the posts per UTC hour `counts` in each run of `width` consecutive hours of
/// the day, starting at each hour in turn (runs wrap round midnight); all 0 without posts.
pub(crate) fn hour_run_shares(counts: &[u32; 24], width: usize) -> impl Iterator<Item = f64> + '_ {
    let total = f64::from(counts.iter().sum::<u32>());
    (0..24).map(move |start| {
        let run: u32 = (0..width).map(|k| counts[(start + k) % 24]).sum();
        if total == 0.0 {
            0.0
        } else {
            f64::from(run) / total
        }
    })
}

/// The run of `width` consecutive hours of the day with the smallest share of `counts`: its
/// first hour (the earliest, where runs tie) and its share.
pub(crate) fn quietest_run(counts: &[u32; 24], width: usize) -> (usize, f64) {
    hour_run_shares(counts, width).enumerate().fold(
        (0, f64::INFINITY),
        |quietest, (start, share)| {
            if share < quietest.1 {
                (start, share)
            } else {
                quietest
            }
        },
    )
}

/// Hour-of-day activity of every account: posts per UTC hour.
#[derive(Debug, Clone)]
pub struct HourProfiles {
    counts: Vec<[u32; 24]>,
}

impl HourProfiles {
    /// Posts' worth of uniform activity mixed into every profile.
    pub const PSEUDO_COUNT: f64 = 12.0;

    /// Profiles from every post's author and time.
    pub fn from_posts(n_accounts: usize, authors: &[AccountId], times: &[TimeMs]) -> Self {
        let mut counts = vec![[0u32; 24]; n_accounts];
        for (&a, &t) in authors.iter().zip(times) {
            counts[a as usize][utc_hour(t)] += 1;
        }
        Self { counts }
    }

    /// Accounts profiled.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// True when no account is profiled.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// `account`'s posts per UTC hour.
    pub fn counts(&self, account: AccountId) -> &[u32; 24] {
        &self.counts[account as usize]
    }

    /// `24 × Σ_h p_a(h) p_b(h)`: how much more often than uniformly active accounts the two meet
    /// by chance.
    pub fn overlap(&self, a: AccountId, b: AccountId) -> f64 {
        rhythm_overlap(
            (&SmoothedHours::new(self.counts(a)), &[0; 24]),
            (&SmoothedHours::new(self.counts(b)), &[0; 24]),
        )
    }
}

/// An account's posts per hour with the uniform pseudo-count mixed in, `c(h) + k/24`, and their
/// total `Σ_h c(h) + k`: the unnormalised smoothed profile the rhythm overlap is computed from.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct SmoothedHours {
    /// `c(h) + k/24` per UTC hour.
    pub weights: [f32; 24],
    /// `Σ_h c(h) + k`.
    pub total: f32,
}

impl SmoothedHours {
    /// From posts per hour.
    pub fn new(counts: &[u32; 24]) -> Self {
        let s = (HourProfiles::PSEUDO_COUNT / 24.0) as f32;
        Self {
            weights: counts.map(|c| c as f32 + s),
            total: counts.iter().map(|&c| c as f32).sum::<f32>()
                + HourProfiles::PSEUDO_COUNT as f32,
        }
    }
}

/// The rhythm overlap `24 × Σ_h p_a(h) p_b(h)` of two accounts from their smoothed posts per
/// hour, each leaving out the actions given with it (at most its posts in each hour).
///
/// The pair's own co-actions are left out (leave-the-pair-out): a group whose only activity is
/// its coordinated bursts would otherwise explain its shared timing by the very hours those
/// bursts set, while for ordinary pairs, whose co-actions are a small part of their activity,
/// nothing changes. With `u = c + k/24` precomputed per account and the removed counts `r`, it
/// is `24 Σ_h (u_a − r_a)(u_b − r_b) / ((T_a − R_a)(T_b − R_b))`: one pass over the hours and two
/// divisions.
pub fn rhythm_overlap(a: (&SmoothedHours, &[u16; 24]), b: (&SmoothedHours, &[u16; 24])) -> f64 {
    let (ua, ub) = (&a.0.weights, &b.0.weights);
    let s = (HourProfiles::PSEUDO_COUNT / 24.0) as f32;
    // The three sums run in one pass, each in hour order, so that they overlap in the pipeline
    // rather than wait on one another.
    let (mut dot, mut removed_a, mut removed_b) = (0.0f64, 0.0f32, 0.0f32);
    for h in 0..24 {
        // Removing more than an hour's posts leaves its pseudo-count.
        let ra = f32::from(a.1[h]).min(ua[h] - s);
        let rb = f32::from(b.1[h]).min(ub[h] - s);
        dot += f64::from(ua[h] - ra) * f64::from(ub[h] - rb);
        removed_a += ra;
        removed_b += rb;
    }
    let ta = f64::from(a.0.total) - f64::from(removed_a);
    let tb = f64::from(b.0.total) - f64::from(removed_b);
    24.0 * dot / (ta * tb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_of_uniform_and_concentrated_accounts() {
        // Account 0: 24 posts, one per hour. Account 1 and 2: 36 posts each at 09:xx UTC.
        let mut authors = Vec::new();
        let mut times = Vec::new();
        for h in 0..24 {
            authors.push(0);
            times.push(h * HOUR_MS + 60_000);
        }
        for d in 0..36 {
            for a in [1, 2] {
                authors.push(a);
                times.push(d * 24 * HOUR_MS + 9 * HOUR_MS + 1_000);
            }
        }
        let p = HourProfiles::from_posts(3, &authors, &times);
        // Uniform account: (1 + 0.5)/36 per hour, uniform, so overlap with anyone is 1.
        assert!((p.overlap(0, 1) - 1.0).abs() < 1e-5);
        // Concentrated: 09h share (36.5)/48, others 0.5/48.
        let hi = 36.5 / 48.0;
        let lo = 0.5 / 48.0;
        let expected = 24.0 * (hi * hi + 23.0 * lo * lo);
        assert!((p.overlap(1, 2) - expected).abs() < 1e-4);
        assert_eq!(utc_hour(-1), 23);
        // Leaving out all 36 of each account's posts (their co-actions) leaves two uniform
        // profiles.
        let mut removed = [0u16; 24];
        removed[9] = 36;
        let (h1, h2) = (
            SmoothedHours::new(p.counts(1)),
            SmoothedHours::new(p.counts(2)),
        );
        let apart = rhythm_overlap((&h1, &removed), (&h2, &removed));
        assert!((apart - 1.0).abs() < 1e-6);
    }
}
