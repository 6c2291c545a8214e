//! Weighted sampling over a fixed table.

use rand::Rng;

/// Cumulative weights of a fixed table; draws an index with probability proportional to its
/// weight by binary search.
pub(crate) struct Cumulative {
    cumulative: Vec<f64>,
}

impl Cumulative {
    /// `None` when no weight is positive.
    pub(crate) fn new(weights: impl IntoIterator<Item = f64>) -> Option<Self> {
        let mut acc = 0.0;
        let cumulative: Vec<f64> = weights
            .into_iter()
            .map(|w| {
                acc += w.max(0.0);
                acc
            })
            .collect();
        (acc > 0.0).then_some(Cumulative { cumulative })
    }

    /// Weights `1 / rank^exponent` for ranks `1..=n` (a Zipf law).
    pub(crate) fn zipf(n: usize, exponent: f64) -> Option<Self> {
        Self::new((1..=n).map(|k| (k as f64).powf(-exponent)))
    }

    /// An index drawn proportionally to its weight.
    pub(crate) fn sample<R: Rng>(&self, rng: &mut R) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.random::<f64>() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

/// A weighted table of account indices.
pub(crate) struct AccountPool {
    accounts: Vec<u32>,
    weights: Cumulative,
}

impl AccountPool {
    /// `None` when the pool is empty or has no positive weight.
    pub(crate) fn new(entries: impl IntoIterator<Item = (u32, f64)>) -> Option<Self> {
        let (accounts, weights): (Vec<u32>, Vec<f64>) = entries.into_iter().unzip();
        Cumulative::new(weights).map(|weights| AccountPool { accounts, weights })
    }

    /// An account drawn proportionally to its weight.
    pub(crate) fn pick<R: Rng>(&self, rng: &mut R) -> u32 {
        self.accounts[self.weights.sample(rng)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn samples_follow_weights_and_skip_zero_weights() {
        let c = Cumulative::new([1.0, 0.0, 3.0]).expect("positive");
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let mut counts = [0usize; 3];
        for _ in 0..40_000 {
            counts[c.sample(&mut rng)] += 1;
        }
        assert_eq!(counts[1], 0);
        let ratio = counts[2] as f64 / counts[0] as f64;
        assert!((2.7..3.3).contains(&ratio), "{ratio}");
        assert!(Cumulative::new([0.0, 0.0]).is_none());
        assert!(Cumulative::zipf(0, 1.0).is_none());
    }

    #[test]
    fn pools_return_their_accounts() {
        let p = AccountPool::new([(7, 1.0), (9, 1.0)]).expect("pool");
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..100 {
            assert!([7, 9].contains(&p.pick(&mut rng)));
        }
        assert!(AccountPool::new(std::iter::empty()).is_none());
    }
}
