//! Choosing edges at a target false discovery rate.
//!
//! The p-values of co-action counts are discrete: a pair expecting 0.01 chance co-actions that
//! shows exactly one has p = 1, so among candidates far fewer than a share `t` reach `p ≤ t` by
//! chance and the Benjamini–Hochberg bound `m t` overstates the false edges many times over.
//! Instead the chance model itself is asked how many candidates would pass a threshold `t` if
//! every pair acted independently: for a pair expecting `Λ` co-actions, the smallest count whose
//! p-value reaches `t` is found and its probability (given at least one co-action) summed over
//! candidates. Pairs are grouped by `Λ` into bins an eighth of a binary order wide, so each
//! threshold costs a few hundred tail evaluations. The approximation puts all of a pair's chance
//! co-actions on one signal; chance co-actions spread over several signals pass a threshold
//! less often, so the estimate leans towards too many false edges, never too few.
//!
//! Edges are kept below the largest threshold (on a grid of quarter decades from 10⁻¹ down)
//! whose estimated false discovery rate, expected false edges over edges kept, is within the
//! target. The surrogate check ([`crate::surrogate`]) measures the same quantity on data without
//! coordination.

use crate::chance::single_signal_ln_p;
use crate::poisson::ln_poisson_upper_tail;
use serde::Serialize;

/// Thresholds tried, as natural logs: 10^(−k/4) for k = 4..=1200.
fn threshold_grid() -> impl Iterator<Item = f64> {
    (4..=1200).map(|k| -(k as f64) / 4.0 * std::f64::consts::LN_10)
}

/// The chance model's expectation of how many candidates pass a threshold by chance.
#[derive(Debug, Clone)]
pub struct NullCounts {
    /// Per bin of `Λ`: the candidates in it and, for x = 1, 2, …, the p-value of x chance
    /// co-actions with the probability of at least x (both as natural logs, given one).
    bins: Vec<(usize, Vec<(f64, f64)>)>,
}

impl NullCounts {
    /// From every candidate's expected co-actions `Λ` and the number of signals fused.
    pub fn new(expected: impl IntoIterator<Item = f64>, n_signals: usize) -> Self {
        let mut by_bin: std::collections::BTreeMap<i64, (f64, usize)> = Default::default();
        for l in expected.into_iter().filter(|l| *l > 0.0 && l.is_finite()) {
            let bin = (l.log2() * 8.0).floor() as i64;
            let e = by_bin.entry(bin).or_insert((0.0, 0));
            e.0 += l;
            e.1 += 1;
        }
        let bins = by_bin
            .into_values()
            .map(|(sum, n)| (n, pass_ladder(sum / n as f64, n_signals)))
            .collect();
        Self { bins }
    }

    /// Candidates expected to have a p-value at most `e^{ln_t}` if no pair were coordinated.
    pub fn expected_false(&self, ln_t: f64) -> f64 {
        self.bins
            .iter()
            .map(|(n, ladder)| *n as f64 * pass_from_ladder(ladder, ln_t))
            .sum()
    }
}

/// For x = 1, 2, … until the chance of x co-actions vanishes: (ln p-value of x co-actions,
/// ln P(X ≥ x | X ≥ 1)). Both decrease with x.
fn pass_ladder(lambda: f64, n_signals: usize) -> Vec<(f64, f64)> {
    let ln_candidate = ln_poisson_upper_tail(1, lambda);
    let mut ladder = Vec::new();
    for x in 1..100_000u32 {
        let ln_given_one = ln_poisson_upper_tail(u64::from(x), lambda) - ln_candidate;
        if ln_given_one < -700.0 {
            break;
        }
        ladder.push((single_signal_ln_p(x, lambda, n_signals), ln_given_one));
    }
    ladder
}

/// P(p' ≤ t | X ≥ 1) from a ladder: the chance of reaching the first count whose p-value is at
/// most `t`.
fn pass_from_ladder(ladder: &[(f64, f64)], ln_t: f64) -> f64 {
    let first = ladder.partition_point(|&(ln_p, _)| ln_p > ln_t);
    ladder.get(first).map_or(0.0, |&(_, ln_q)| ln_q.exp())
}

/// P(p' ≤ t | at least one co-action) for a pair expecting `lambda` co-actions by chance.
pub fn null_pass_probability(lambda: f64, n_signals: usize, ln_t: f64) -> f64 {
    pass_from_ladder(&pass_ladder(lambda, n_signals), ln_t)
}

/// The outcome of the selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FdrSelection {
    /// Target false discovery rate.
    pub target: f64,
    /// Edges tested (the candidates).
    pub tested: usize,
    /// Edges kept.
    pub selected: usize,
    /// p-value threshold: edges at or below it are kept (0 when nothing is kept).
    pub p_threshold: f64,
    /// Chance edges the model expects among those kept.
    pub expected_false_edges: f64,
    /// `expected_false_edges / selected`.
    pub estimated_fdr: f64,
    /// One flag per edge.
    #[serde(skip)]
    pub keep: Vec<bool>,
    /// Per edge, the smallest estimated false discovery rate of a threshold that keeps it.
    #[serde(skip)]
    pub q_values: Vec<f64>,
}

/// Keeps the edges below the largest threshold whose estimated false discovery rate is within
/// `target`. `ln_p` are the edges' p-values (natural logs), `null` the model's chance counts.
pub fn select_by_fdr(ln_p: &[f64], null: &NullCounts, target: f64) -> FdrSelection {
    let mut sorted: Vec<f64> = ln_p.to_vec();
    sorted.sort_by(f64::total_cmp);
    // (ln t, edges passing, estimated FDR), from the largest threshold down.
    let rows: Vec<(f64, usize, f64)> = threshold_grid()
        .map(|ln_t| {
            let passing = sorted.partition_point(|&p| p <= ln_t);
            let fdr = if passing == 0 {
                0.0
            } else {
                (null.expected_false(ln_t) / passing as f64).min(1.0)
            };
            (ln_t, passing, fdr)
        })
        .collect();
    let chosen = rows
        .iter()
        .find(|&&(_, passing, fdr)| passing > 0 && fdr <= target)
        .copied();
    let keep: Vec<bool> = match chosen {
        Some((ln_t, _, _)) => ln_p.iter().map(|&p| p <= ln_t).collect(),
        None => vec![false; ln_p.len()],
    };
    // q-value: the smallest FDR among the thresholds that keep the edge (those ≥ its p-value,
    // a prefix of the rows, which run from large to small thresholds).
    let mut prefix_min = Vec::with_capacity(rows.len());
    let mut running = 1.0f64;
    for &(_, passing, fdr) in &rows {
        if passing > 0 {
            running = running.min(fdr);
        }
        prefix_min.push(running);
    }
    let q_values = ln_p
        .iter()
        .map(|&p| {
            // The smallest grid threshold still ≥ p: the last row with ln_t ≥ p.
            let idx = rows.partition_point(|r| r.0 >= p);
            if idx == 0 {
                1.0
            } else {
                prefix_min[idx - 1]
            }
        })
        .collect();
    let (p_threshold, selected, estimated_fdr) = match chosen {
        Some((ln_t, passing, fdr)) => (ln_t.exp(), passing, fdr),
        None => (0.0, 0, 0.0),
    };
    FdrSelection {
        target,
        tested: ln_p.len(),
        selected,
        p_threshold,
        expected_false_edges: estimated_fdr * selected as f64,
        estimated_fdr,
        keep,
        q_values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_pass_probability_by_hand() {
        // One signal: the fused p-value is 2 P(X ≥ x), conditioned: 2 P(X ≥ x) / P(X ≥ 1).
        // λ = 0.1, t = 0.01: P(X ≥ 1) = 0.0951626; x = 2 gives 2 · 0.0046788 / 0.0951626 =
        // 0.0983 > t; x = 3 gives 2 · 0.00015465 / 0.0951626 = 0.00325 ≤ t. So the pair passes
        // by chance with P(X ≥ 3 | X ≥ 1) = 0.00015465 / 0.0951626 = 0.0016251.
        let p = null_pass_probability(0.1, 1, (0.01f64).ln());
        let p1 = 1.0 - (-0.1f64).exp();
        let p3 = 1.0 - (-0.1f64).exp() * (1.0 + 0.1 + 0.005);
        assert!((p - p3 / p1).abs() < 1e-9, "{p}");
    }

    #[test]
    fn selection_keeps_edges_within_the_target() {
        // 1,000 candidates expecting 0.1 co-actions each; 5 edges with p = 1e-12, 995 with
        // p = 1. At t = 1e-12 with one signal the chance count needed is large enough that the
        // null passes almost never: FDR ≈ 0; at larger thresholds still only 5 edges pass, so
        // the largest threshold with FDR ≤ 1 % is kept, and it keeps exactly the 5.
        let mut ln_p = vec![0.0; 995];
        ln_p.extend([(1e-12f64).ln(); 5]);
        let null = NullCounts::new(vec![0.1; 1000], 1);
        let s = select_by_fdr(&ln_p, &null, 0.01);
        assert_eq!(s.selected, 5);
        assert_eq!(s.keep.iter().filter(|k| **k).count(), 5);
        assert!(s.keep[995..].iter().all(|k| *k));
        // 1000 × P(pass at t) / 5 ≤ 0.01 → the threshold's chance count is at most 0.05.
        assert!(s.expected_false_edges <= 0.05 + 1e-12);
        assert!(s.estimated_fdr <= 0.01);
        // q-values: small for the 5, 1 for the rest.
        assert!(s.q_values[999] <= 0.01);
        assert_eq!(s.q_values[0], 1.0);
    }

    #[test]
    fn nothing_passes() {
        let null = NullCounts::new([0.5, 0.5], 2);
        let s = select_by_fdr(&[0.0, 0.0], &null, 0.01);
        assert_eq!((s.selected, s.p_threshold), (0, 0.0));
        assert!(s.keep.iter().all(|k| !k));
    }
}
