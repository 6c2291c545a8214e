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

use crate::chance::{single_signal_ln_p_of_tail, Fusion};
use crate::exact_sum::ExactSum;
use crate::poisson::{ln_poisson_pmf, ln_poisson_upper_tail};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// Thresholds tried, as natural logs, from the largest down: 10^(−k/4) for k = 4..=1200.
static GRID: LazyLock<Vec<f64>> = LazyLock::new(|| {
    (4..=1200)
        .map(|k| -(k as f64) / 4.0 * std::f64::consts::LN_10)
        .collect()
});

/// Whether an edge with p-value `e^{ln_p}` can be kept at all: it must pass the largest
/// threshold tried (0.1).
pub fn may_be_kept(ln_p: f64) -> bool {
    ln_p <= GRID[0]
}

/// What selection needs to know of the candidate edges, gathered one candidate at a time (so
/// candidates can be weighed a part at a time and forgotten): how many have their p-value in
/// each cell of the threshold grid, and the chance co-actions the model expects of them,
/// grouped into bins of `Λ`. Its size does not depend on the number of candidates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateTally {
    /// `cells[i]`: candidates with a p-value in `(t_{i+1}, t_i]`, the last cell every one at or
    /// below the smallest threshold.
    cells: Vec<usize>,
    /// Per bin of `Λ` (an eighth of a binary order wide): the sum of `Λ` and the candidates.
    /// The sum is exact, so the tally does not depend on the order candidates come in, nor
    /// on how they were split into parts of the account pairs.
    bins: FxHashMap<i64, (ExactSum, usize)>,
    tested: usize,
}

impl Default for CandidateTally {
    fn default() -> Self {
        Self {
            cells: vec![0; GRID.len()],
            bins: FxHashMap::default(),
            tested: 0,
        }
    }
}

impl CandidateTally {
    /// Counts a candidate with p-value `e^{ln_p}` that expects `expected` chance co-actions.
    pub fn add(&mut self, ln_p: f64, expected: f64) {
        self.tested += 1;
        if ln_p <= GRID[0] {
            self.cells[GRID.partition_point(|&t| t >= ln_p) - 1] += 1;
        }
        if expected > 0.0 && expected.is_finite() {
            let bin = (expected.log2() * 8.0).floor() as i64;
            let e = self.bins.entry(bin).or_default();
            e.0.add(expected);
            e.1 += 1;
        }
    }

    /// Adds the candidates counted in `other` (another part of the account pairs): the same
    /// tally as counting them all here, in any order.
    pub fn merge(&mut self, other: &CandidateTally) {
        for (cell, n) in self.cells.iter_mut().zip(&other.cells) {
            *cell += n;
        }
        for (bin, (sum, n)) in &other.bins {
            let e = self.bins.entry(*bin).or_default();
            e.0.merge(sum);
            e.1 += n;
        }
        self.tested += other.tested;
    }

    /// Candidates counted.
    pub fn tested(&self) -> usize {
        self.tested
    }

    /// Candidates with a p-value at most `t = e^{ln_t}`, for `t` on the grid of quarter decades
    /// from 0.1 down.
    pub fn passing(&self, ln_t: f64) -> usize {
        // The grid threshold equal to `t`, allowing for rounding.
        let first = GRID.partition_point(|&g| g > ln_t + 1e-9);
        self.cells[first.min(self.cells.len())..].iter().sum()
    }

    /// The chance model's counts for these candidates, fused as `fusion` says.
    pub fn null_counts(&self, fusion: Fusion) -> NullCounts {
        let mut bins: Vec<(i64, (f64, usize))> = self
            .bins
            .iter()
            .map(|(&k, (sum, n))| (k, (sum.value(), *n)))
            .collect();
        bins.sort_unstable_by_key(|&(k, _)| k);
        NullCounts::from_bins(bins.into_iter().map(|(_, v)| v), fusion)
    }
}

/// The chance model's expectation of how many candidates pass a threshold by chance.
#[derive(Debug, Clone)]
pub struct NullCounts {
    /// Per bin of `Λ`: the candidates in it and, for x = 1, 2, …, the p-value of x chance
    /// co-actions with the probability of at least x (both as natural logs, given one).
    bins: Vec<(usize, Vec<(f64, f64)>)>,
    /// Looks at each signal: a chance pair may pass on either (a union bound).
    looks: u32,
}

impl NullCounts {
    /// From every candidate's expected co-actions `Λ` and how p-values are fused.
    pub fn new(expected: impl IntoIterator<Item = f64>, fusion: Fusion) -> Self {
        let mut tally = CandidateTally::default();
        for l in expected {
            tally.add(0.0, l);
        }
        tally.null_counts(fusion)
    }

    /// From (sum of `Λ`, candidates) per bin of `Λ`.
    fn from_bins(bins: impl Iterator<Item = (f64, usize)>, fusion: Fusion) -> Self {
        let bins = bins
            .map(|(sum, n)| (n, pass_ladder(sum / n as f64, fusion)))
            .collect();
        Self {
            bins,
            looks: fusion.looks.max(1),
        }
    }

    /// Candidates expected to have a p-value at most `e^{ln_t}` if no pair were coordinated.
    pub fn expected_false(&self, ln_t: f64) -> f64 {
        self.bins
            .iter()
            .map(|(n, ladder)| *n as f64 * pass_from_ladder(ladder, ln_t))
            .sum::<f64>()
            * f64::from(self.looks)
    }
}

/// For x = ⌊λ⌋, ⌊λ⌋ + 1, … (from 1 when λ < 1) until the chance of x co-actions or its p-value
/// vanishes: (ln p-value of x co-actions, ln P(X ≥ x | X ≥ 1)). Both decrease with x.
///
/// Counts below the mean are left out: their tail is at least about one half, so their fused
/// p-value is 1, above every threshold tried. The tail is stepped down by `P(X ≥ x + 1) =
/// P(X ≥ x) − P(X = x)`. A step divides the tail's relative error by `1 − P(X = x) / P(X ≥ x)`;
/// once those factors multiply to 10⁴ the tail is computed afresh. Far above a small mean
/// nearly every step is fresh (a few terms each); near a large one steps lose almost nothing,
/// so the `≈ 40√λ` rungs of a pair expecting thousands cost little more than one step each.
fn pass_ladder(lambda: f64, fusion: Fusion) -> Vec<(f64, f64)> {
    const VANISHED: f64 = -700.0;
    const MAX_AMPLIFICATION: f64 = 1e4;
    let ln_candidate = ln_poisson_upper_tail(1, lambda);
    if lambda <= 0.0 || ln_candidate == f64::NEG_INFINITY {
        return Vec::new();
    }
    let start = (lambda.floor() as u64).max(1);
    let mut ln_tail = ln_poisson_upper_tail(start, lambda);
    let mut ln_pmf = ln_poisson_pmf(start, lambda);
    let mut amplification = 1.0;
    let mut ladder = Vec::new();
    for x in start.. {
        let ln_given_one = ln_tail - ln_candidate;
        if ln_given_one < VANISHED {
            break;
        }
        let ln_p = single_signal_ln_p_of_tail(ln_tail, lambda, fusion);
        ladder.push((ln_p, ln_given_one));
        if ln_p < VANISHED {
            break;
        }
        let share = (ln_pmf - ln_tail).exp();
        amplification /= 1.0 - share.min(1.0);
        ln_tail = if amplification < MAX_AMPLIFICATION {
            ln_tail + (-share).ln_1p()
        } else {
            amplification = 1.0;
            ln_poisson_upper_tail(x + 1, lambda)
        };
        ln_pmf += lambda.ln() - ((x + 1) as f64).ln();
    }
    ladder
}

/// P(p' ≤ t | X ≥ 1) from a ladder: the chance of reaching the first count whose p-value is at
/// most `t`.
fn pass_from_ladder(ladder: &[(f64, f64)], ln_t: f64) -> f64 {
    let first = ladder.partition_point(|&(ln_p, _)| ln_p > ln_t);
    ladder.get(first).map_or(0.0, |&(_, ln_q)| ln_q.exp())
}

/// P(p' ≤ t | at least one co-action) on one look for a pair expecting `lambda` co-actions by
/// chance.
pub fn null_pass_probability(lambda: f64, fusion: Fusion, ln_t: f64) -> f64 {
    pass_from_ladder(&pass_ladder(lambda, fusion), ln_t)
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
    /// The threshold kept edges reach, as a natural log (none when no threshold keeps an
    /// edge within the target).
    pub fn ln_threshold(&self) -> Option<f64> {
        self.ln_threshold
    }

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
/// `target`. `tally` counts the candidates' p-values, `null` holds the model's chance counts.
pub fn select_by_fdr(tally: &CandidateTally, null: &NullCounts, target: f64) -> FdrSelection {
    // (ln t, edges passing, estimated FDR), from the largest threshold down: the edges passing
    // t_i are those in cells i and beyond.
    let mut passing: usize = tally.cells.iter().sum();
    let rows: Vec<(f64, usize, f64)> = GRID
        .iter()
        .zip(&tally.cells)
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
        tested: tally.tested,
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
    use crate::chance::single_signal_ln_p;

    #[test]
    fn null_pass_probability_by_hand() {
        // One signal: the fused p-value is 2 P(X ≥ x), conditioned: 2 P(X ≥ x) / P(X ≥ 1).
        // λ = 0.1, t = 0.01: P(X ≥ 1) = 0.0951626; x = 2 gives 2 · 0.0046788 / 0.0951626 =
        // 0.0983 > t; x = 3 gives 2 · 0.00015465 / 0.0951626 = 0.00325 ≤ t. So the pair passes
        // by chance with P(X ≥ 3 | X ≥ 1) = 0.00015465 / 0.0951626 = 0.0016251.
        let p = null_pass_probability(0.1, Fusion::single_look(1), (0.01f64).ln());
        let p1 = 1.0 - (-0.1f64).exp();
        let p3 = 1.0 - (-0.1f64).exp() * (1.0 + 0.1 + 0.005);
        assert!((p - p3 / p1).abs() < 1e-9, "{p}");
    }

    #[test]
    fn pass_probability_for_hyperactive_pairs() {
        // Pairs expecting thousands of chance co-actions: the stepped ladder agrees with the
        // tail computed afresh at the first count whose p-value reaches t, and the first count
        // is found as a search over counts with direct tails would find it.
        for &lambda in &[2_000.0, 40_000.0, 250_000.0] {
            for &t in &[0.01f64, 1e-6, 1e-40] {
                let ln_t = t.ln();
                let ln_candidate = ln_poisson_upper_tail(1, lambda);
                let first = (lambda as u64..)
                    .find(|&x| single_signal_ln_p(x as u32, lambda, Fusion::single_look(3)) <= ln_t)
                    .unwrap();
                let direct = (ln_poisson_upper_tail(first, lambda) - ln_candidate).exp();
                let laddered = null_pass_probability(lambda, Fusion::single_look(3), ln_t);
                assert!(
                    (laddered / direct - 1.0).abs() < 1e-6,
                    "λ {lambda} t {t}: {laddered} vs {direct}"
                );
            }
        }
        // Many bins of large means are counted in one go.
        let null = NullCounts::new(
            (0..2000).map(|i| 1_000.0 + 150.0 * f64::from(i)),
            Fusion::single_look(5),
        );
        assert!(null.expected_false((1e-3f64).ln()) < 2000.0 * 1e-3);
    }

    #[test]
    fn selection_keeps_edges_within_the_target() {
        // 1,000 candidates expecting 0.1 co-actions each; 5 edges with p = 1e-12, 995 with
        // p = 1. At t = 1e-12 with one signal the chance count needed is large enough that the
        // null passes almost never: FDR ≈ 0; at larger thresholds still only 5 edges pass, so
        // the largest threshold with FDR ≤ 1 % is kept, and it keeps exactly the 5.
        let mut ln_p = vec![0.0; 995];
        ln_p.extend([(1e-12f64).ln(); 5]);
        let null = NullCounts::new(vec![0.1; 1000], Fusion::single_look(1));
        let s = select_by_fdr(&tally_of(&ln_p), &null, 0.01);
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

    fn tally_of(ln_p: &[f64]) -> CandidateTally {
        let mut t = CandidateTally::default();
        for &p in ln_p {
            t.add(p, 0.1);
        }
        t
    }

    #[test]
    fn tally_counts_on_the_grid() {
        // p = 0.5 is above every threshold; 0.09 and 0.05 lie between 0.1 and 0.056 and between
        // 0.056 and 0.032; 1e-305 below the smallest (1e-300).
        let t = tally_of(&[0.5f64.ln(), 0.09f64.ln(), 0.05f64.ln(), 1e-305f64.ln()]);
        assert_eq!(t.tested(), 4);
        assert_eq!(t.passing(0.1f64.ln()), 3);
        assert_eq!(t.passing(10f64.powf(-1.25).ln()), 2);
        assert_eq!(t.passing(0.01f64.ln()), 1);
        assert_eq!(t.passing(1e-300f64.ln()), 1);
        assert!(may_be_kept(0.09f64.ln()) && !may_be_kept(0.5f64.ln()));
    }

    #[test]
    fn nothing_passes() {
        let null = NullCounts::new([0.5, 0.5], Fusion::single_look(2));
        let s = select_by_fdr(&tally_of(&[0.0, 0.0]), &null, 0.01);
        assert_eq!((s.selected, s.p_threshold), (0, 0.0));
        assert!(!s.keeps(0.0));
        assert!(!s.keeps(f64::NEG_INFINITY));
    }
}
