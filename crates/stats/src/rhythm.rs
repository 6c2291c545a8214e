//! Daily rhythms: when in the (UTC) day each account acts.
//!
//! Two accounts that are both active mostly between 08:00 and 10:00 meet within a short window
//! more often by chance than two accounts active around the clock. The chance model scales each
//! pair's expected co-actions by the *rhythm overlap* `24 × Σ_h p_a(h) p_b(h)`: 1 when either
//! account is active uniformly over the day, up to 24 when both act in the same single hour.
//! Profiles are smoothed towards uniform with [`HourProfiles::PSEUDO_COUNT`] posts so that an
//! account seen a handful of times does not get an extreme profile.

use lockstep_model::{AccountId, TimeMs};

const HOUR_MS: TimeMs = 3_600_000;

/// The hour of the UTC day (0–23) of an instant.
pub fn utc_hour(t: TimeMs) -> usize {
    (t.rem_euclid(24 * HOUR_MS) / HOUR_MS) as usize
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

    /// `account`'s posts per UTC hour.
    pub fn counts(&self, account: AccountId) -> &[u32; 24] {
        &self.counts[account as usize]
    }

    /// `24 × Σ_h p_a(h) p_b(h)`: how much more often than uniformly active accounts the two meet
    /// by chance.
    pub fn overlap(&self, a: AccountId, b: AccountId) -> f64 {
        rhythm_overlap((self.counts(a), &[0; 24]), (self.counts(b), &[0; 24]))
    }
}

/// The smoothed share of activity per hour of an account that posted `counts` per hour, leaving
/// out `removed` of them.
fn smoothed(counts: &[u32; 24], removed: &[u16; 24]) -> [f64; 24] {
    let kept: [f64; 24] =
        std::array::from_fn(|h| f64::from(counts[h].saturating_sub(u32::from(removed[h]))));
    let total = kept.iter().sum::<f64>() + HourProfiles::PSEUDO_COUNT;
    kept.map(|x| (x + HourProfiles::PSEUDO_COUNT / 24.0) / total)
}

/// The rhythm overlap `24 × Σ_h p_a(h) p_b(h)` of two accounts from their posts per hour, each
/// leaving out the actions given with it.
///
/// The pair's own co-actions are left out (leave-the-pair-out): a group whose only activity is
/// its coordinated bursts would otherwise explain its shared timing by the very hours those
/// bursts set, while for ordinary pairs, whose co-actions are a small part of their activity,
/// nothing changes.
pub fn rhythm_overlap(a: (&[u32; 24], &[u16; 24]), b: (&[u32; 24], &[u16; 24])) -> f64 {
    let (pa, pb) = (smoothed(a.0, a.1), smoothed(b.0, b.1));
    24.0 * pa.iter().zip(&pb).map(|(x, y)| x * y).sum::<f64>()
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
        let apart = rhythm_overlap((p.counts(1), &removed), (p.counts(2), &removed));
        assert!((apart - 1.0).abs() < 1e-12);
    }
}
