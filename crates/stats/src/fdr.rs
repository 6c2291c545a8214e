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
use rayon::prelude::*;
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

/// The outcome of the selection. It holds no per-edge data: whether an edge is kept and its
/// q-value follow from its p-value ([`FdrSelection::keeps`], [`FdrSelection::q_value`]).
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
    /// The chosen threshold as a natural log, if any.
    #[serde(skip)]
    ln_threshold: Option<f64>,
    /// The grid from the largest threshold down: (ln t, the smallest estimated false discovery
    /// rate of this threshold or a larger one).
    #[serde(skip)]
    q_ladder: Vec<(f64, f64)>,
}

impl FdrSelection {
    /// Whether an edge with p-value `e^{ln_p}` is kept.
    pub fn keeps(&self, ln_p: f64) -> bool {
        self.ln_threshold.is_some_and(|t| ln_p <= t)
    }

    /// The q-value of an edge with p-value `e^{ln_p}`: the smallest estimated false discovery
    /// rate of a threshold that keeps it (1 when none does).
    pub fn q_value(&self, ln_p: f64) -> f64 {
        // The smallest grid threshold still ≥ p: the last row with ln t ≥ p.
        let idx = self.q_ladder.partition_point(|r| r.0 >= ln_p);
        if idx == 0 {
            1.0
        } else {
            self.q_ladder[idx - 1].1
        }
    }
}

/// Keeps the edges below the largest threshold whose estimated false discovery rate is within
/// `target`. `ln_p` are the edges' p-values (natural logs), `null` the model's chance counts.
/// Memory is the threshold grid, whatever the number of edges.
pub fn select_by_fdr(ln_p: &[f64], null: &NullCounts, target: f64) -> FdrSelection {
    let grid: Vec<f64> = threshold_grid().collect();
    // Edges per grid cell: cell i holds p-values in (t_{i+1}, t_i], the last cell every one at
    // or below the smallest threshold.
    let cells = ln_p
        .par_iter()
        .fold(
            || vec![0usize; grid.len()],
            |mut cells, &p| {
                if p <= grid[0] {
                    cells[grid.partition_point(|&t| t >= p) - 1] += 1;
                }
                cells
            },
        )
        .reduce(
            || vec![0usize; grid.len()],
            |mut x, y| {
                x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
                x
            },
        );
    // (ln t, edges passing, estimated FDR), from the largest threshold down: the edges passing
    // t_i are those in cells i and beyond.
    let mut passing: usize = cells.iter().sum();
    let rows: Vec<(f64, usize, f64)> = grid
        .iter()
        .zip(&cells)
        .map(|(&ln_t, &cell)| {
            let row_passing = passing;
            passing -= cell;
            let fdr = if row_passing == 0 {
                0.0
            } else {
                (null.expected_false(ln_t) / row_passing as f64).min(1.0)
            };
            (ln_t, row_passing, fdr)
        })
        .collect();
    let chosen = rows
        .iter()
        .find(|&&(_, passing, fdr)| passing > 0 && fdr <= target)
        .copied();
    let mut q_ladder = Vec::with_capacity(rows.len());
    let mut running = 1.0f64;
    for &(ln_t, passing, fdr) in &rows {
        if passing > 0 {
            running = running.min(fdr);
        }
        q_ladder.push((ln_t, running));
    }
    let (ln_threshold, selected, estimated_fdr) = match chosen {
        Some((ln_t, passing, fdr)) => (Some(ln_t), passing, fdr),
        None => (None, 0, 0.0),
    };
    FdrSelection {
        target,
        tested: ln_p.len(),
        selected,
        p_threshold: ln_threshold.map_or(0.0, f64::exp),
        expected_false_edges: estimated_fdr * selected as f64,
        estimated_fdr,
        ln_threshold,
        q_ladder,
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
        assert_eq!(ln_p.iter().filter(|&&p| s.keeps(p)).count(), 5);
        assert!(ln_p[995..].iter().all(|&p| s.keeps(p)));
        // 1000 × P(pass at t) / 5 ≤ 0.01 → the threshold's chance count is at most 0.05.
        assert!(s.expected_false_edges <= 0.05 + 1e-12);
        assert!(s.estimated_fdr <= 0.01);
        // q-values: small for the 5, 1 for the rest.
        assert!(s.q_value(ln_p[999]) <= 0.01);
        assert_eq!(s.q_value(ln_p[0]), 1.0);
    }

    #[test]
    fn nothing_passes() {
        let null = NullCounts::new([0.5, 0.5], 2);
        let s = select_by_fdr(&[0.0, 0.0], &null, 0.01);
        assert_eq!((s.selected, s.p_threshold), (0, 0.0));
        assert!(!s.keeps(0.0));
        assert!(!s.keeps(f64::NEG_INFINITY));
    }
}
