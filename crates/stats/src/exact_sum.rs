//! Sums of floating-point numbers whose result does not depend on the order of the terms.
//!
//! A plain `f64` sum rounds after every addition, so the same terms added in another order, or
//! split into parts that are summed separately and then combined, can give a different last
//! bit. Detection weighs candidates a part of the account pairs at a time, and a cluster run
//! splits them over executors; for both to give the same files as one pass, every sum that
//! feeds the selection must be a function of the terms alone. [`ExactSum`] adds each term's
//! 53-bit significand, exactly, into an integer per binary exponent, and rounds only when the
//! total is read, always in the same order (smallest exponent first).

use serde::{Deserialize, Serialize};

/// An order-independent sum of finite `f64` terms. Adding terms in any order, or adding
/// [`ExactSum`]s of any split of the terms with [`ExactSum::merge`], gives the same
/// [`ExactSum::value`], bit for bit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExactSum {
    /// (binary exponent of the significand's unit, sum of the significands), by exponent. The
    /// terms seen here span few exponents, so a short sorted vector beats a map.
    parts: Vec<(i16, i128)>,
}

impl ExactSum {
    /// Adds `x`; zero and non-finite terms are ignored.
    pub fn add(&mut self, x: f64) {
        if x == 0.0 || !x.is_finite() {
            return;
        }
        let (exponent, significand) = decompose(x);
        self.add_part(exponent, significand);
    }

    /// Adds every term of `other`.
    pub fn merge(&mut self, other: &ExactSum) {
        for &(exponent, significand) in &other.parts {
            self.add_part(exponent, significand);
        }
    }

    fn add_part(&mut self, exponent: i16, significand: i128) {
        match self.parts.binary_search_by_key(&exponent, |p| p.0) {
            // 2^74 significands of at most 2^53 fit in an i128.
            Ok(i) => self.parts[i].1 += significand,
            Err(i) => self.parts.insert(i, (exponent, significand)),
        }
    }

    /// The sum, rounded: each exponent's exact total is rounded to `f64` and those are added
    /// from the smallest exponent up.
    pub fn value(&self) -> f64 {
        self.parts
            .iter()
            .map(|&(exponent, significand)| {
                // In two steps: 2^e alone underflows to 0 below e = −1023.
                let e = i32::from(exponent);
                significand as f64 * 2f64.powi(e / 2) * 2f64.powi(e - e / 2)
            })
            .sum()
    }
}

/// `x` as `significand · 2^exponent` with an integer significand of at most 53 bits.
fn decompose(x: f64) -> (i16, i128) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i16;
    let fraction = (bits & ((1 << 52) - 1)) as i128;
    let (exponent, magnitude) = if biased == 0 {
        // Subnormal: no implicit leading bit.
        (-1074, fraction)
    } else {
        (biased - 1075, fraction | (1 << 52))
    };
    let sign = if x.is_sign_negative() { -1 } else { 1 };
    (exponent, sign * magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_sums_by_hand() {
        // Left to right, 1e16 + 1 rounds back to 1e16 (the spacing there is 2), so
        // [1e16, 1, 1] sums to 1e16 and [1, 1, 1e16] to 1e16 + 2. Exactly, both are 1e16 + 2,
        // which is representable.
        let sum = |terms: &[f64]| {
            let mut s = ExactSum::default();
            terms.iter().for_each(|&x| s.add(x));
            s.value()
        };
        assert_eq!([1e16, 1.0, 1.0].iter().sum::<f64>(), 1e16);
        assert_eq!(sum(&[1e16, 1.0, 1.0]), 1e16 + 2.0);
        assert_eq!(sum(&[1.0, 1.0, 1e16]), 1e16 + 2.0);
        // Cancellation is exact: 1e16 + 1 − 1e16 is 1, not 0.
        assert_eq!(sum(&[1e16, 1.0, -1e16]), 1.0);
        // The smallest subnormal, 2^−1074, is kept.
        assert_eq!(
            sum(&[f64::from_bits(1), f64::from_bits(1)]),
            f64::from_bits(2)
        );
        // Zero and non-finite terms are ignored.
        assert_eq!(sum(&[0.0, f64::NAN, f64::INFINITY, 2.5]), 2.5);
        assert_eq!(sum(&[]), 0.0);
    }

    proptest! {
        #[test]
        fn order_and_split_do_not_matter(
            terms in prop::collection::vec(1e-12f64..1e9, 0..200),
            split in 0usize..200,
            seed in any::<u64>(),
        ) {
            let mut whole = ExactSum::default();
            for &x in &terms {
                whole.add(x);
            }
            // Another order: rotate and reverse.
            let mut shuffled = terms.clone();
            let len = shuffled.len().max(1);
            shuffled.rotate_left((seed as usize) % len);
            shuffled.reverse();
            let split = split.min(shuffled.len());
            let (mut left, mut right) = (ExactSum::default(), ExactSum::default());
            for &x in &shuffled[..split] {
                left.add(x);
            }
            for &x in &shuffled[split..] {
                right.add(x);
            }
            right.merge(&left);
            prop_assert_eq!(whole.value().to_bits(), right.value().to_bits());
            let naive: f64 = terms.iter().sum();
            prop_assert!((whole.value() - naive).abs() <= 1e-12 * naive.abs().max(1.0));
        }
    }
}
