//! Delay distributions between a post and the reactions to it.

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

/// Longest organic reaction delay (a week).
const MAX_ORGANIC_DELAY: f64 = 7.0 * 86_400.0;
/// End of the constant part of the SEISMIC kernel, in seconds.
const KERNEL_FLAT: f64 = 300.0;
/// Power-law exponent of the kernel's tail (Zhao et al. 2015).
const KERNEL_THETA: f64 = 0.242;

/// Delay in seconds of an organic reshare or reply after the original: the SEISMIC memory kernel
/// normalised to a density, flat for the first 5 minutes and decaying as `s^-(1+θ)` after, which
/// puts about 56 % of reactions within an hour, 80 % within a day, and the median near 36 minutes.
/// The kernel's infinite tail beyond a week is folded back log-uniformly onto one to seven days,
/// so that reactions stay within a week.
pub(crate) fn organic<R: Rng>(rng: &mut R) -> i64 {
    let flat_mass = KERNEL_THETA / (1.0 + KERNEL_THETA);
    let u: f64 = rng.random();
    let s = if u < flat_mass {
        2.0 + (KERNEL_FLAT - 2.0) * u / flat_mass
    } else {
        let tail = (1.0 - u).max(1e-12) * (1.0 + KERNEL_THETA);
        KERNEL_FLAT * tail.powf(-1.0 / KERNEL_THETA)
    };
    if s > MAX_ORGANIC_DELAY {
        (86_400.0 * 7f64.powf(rng.random::<f64>())) as i64
    } else {
        s as i64
    }
}

/// A log-normal value with the given median and shape, clamped to `[min, max]`.
pub(crate) fn lognormal<R: Rng>(rng: &mut R, median: f64, sigma: f64, min: f64, max: f64) -> f64 {
    let z: f64 = StandardNormal.sample(rng);
    (median * (sigma * z).exp()).clamp(min, max)
}

/// A log-normal delay in whole seconds, clamped to `[min, max]`.
pub(crate) fn lognormal_secs<R: Rng>(
    rng: &mut R,
    median: f64,
    sigma: f64,
    min: f64,
    max: f64,
) -> i64 {
    lognormal(rng, median, sigma, min, max) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn organic_delays_match_the_field_numbers() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let mut d: Vec<i64> = (0..100_000).map(|_| organic(&mut rng)).collect();
        d.sort_unstable();
        let median = d[d.len() / 2];
        assert!((1_500..3_000).contains(&median), "median {median}");
        let within_hour = d.iter().filter(|&&x| x <= 3_600).count() as f64 / d.len() as f64;
        let within_day = d.iter().filter(|&&x| x <= 86_400).count() as f64 / d.len() as f64;
        assert!((0.5..0.62).contains(&within_hour), "{within_hour}");
        assert!((0.74..0.85).contains(&within_day), "{within_day}");
        assert!(d[0] >= 2);
        assert!(d[d.len() - 1] <= 7 * 86_400);
    }

    #[test]
    fn lognormal_is_clamped() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..1000 {
            let x = lognormal_secs(&mut rng, 60.0, 2.0, 5.0, 600.0);
            assert!((5..=600).contains(&x));
        }
    }
}
