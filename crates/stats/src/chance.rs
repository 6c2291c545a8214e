//! The chance model of an edge: how many co-actions two accounts would share if they acted
//! independently, and how surprising the observed number is.
//!
//! Per signal `s`, the expected count is `λ_s = ρ_ab × Σ_g n_a,g n_b,g C_g` (see
//! [`Incidence`] for the popularity strata and [`HourProfiles`] for the rhythm overlap `ρ_ab`),
//! and the observed count `X_s` (distinct objects co-acted on within the window) is compared with
//! a Poisson(`λ_s`) law: `p_s = P(X ≥ X_s)`.
//!
//! **Fusion.** The signals are combined two ways and the better is kept at the price of a factor
//! 2 (a union bound, so the result stays a valid p-value):
//! - Fisher's method over all swept signals, `T = −2 Σ ln p_s ~ χ²(2S)`, which lets several weak
//!   but consistent signals add up;
//! - the Šidák-corrected smallest p-value, `1 − (1 − min p_s)^S`, which keeps the full strength
//!   of one overwhelming signal.
//!
//! **Selection.** Only pairs with at least one co-action become candidate edges, so the p-value
//! is conditioned on that event: `p' = p / P(X_total ≥ 1) = p / (1 − e^{−Λ})` with `Λ = Σ_s λ_s`.
//! Under the null `p'` is (super-)uniform among candidates, which makes the false discovery rate
//! over candidate edges controllable by Benjamini–Hochberg ([`crate::fdr`]).

use crate::fdr::CandidateTally;
use crate::incidence::{Incidence, IncidencePart, Rates};
use crate::poisson::{ln_chi2_upper_tail_even, ln_poisson_upper_tail};
use crate::prefetch::prefetch;
use crate::rhythm::{rhythm_overlap, HourProfiles, SmoothedHours};
use lockstep_coaction::{Edge, Fused, ObjectShares, SweepResult};
use lockstep_model::{AccountId, ActionTable, ObjectId, Signal, TimeMs};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The chance side of one edge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EdgeChance {
    /// Distinct objects co-acted on, over all signals.
    pub observed: u32,
    /// Co-actions expected by chance, over all signals.
    pub expected: f64,
    /// Natural log of the fused p-value, conditioned on the pair being a candidate.
    pub ln_p: f64,
}

impl EdgeChance {
    /// The fused, conditional p-value (may underflow to 0).
    pub fn p_value(&self) -> f64 {
        self.ln_p.exp()
    }

    /// `−log10 p`: the strength of the evidence against chance, capped at 300.
    pub fn surprise(&self) -> f64 {
        (-self.ln_p / std::f64::consts::LN_10).clamp(0.0, 300.0)
    }
}

/// Everything needed to assess edges against chance.
///
/// What a pair's assessment reads of one account (its hour profile, and per signal the strata
/// it acted in and where its action counts start) is one row, and its counts for every signal
/// lie together: assessing tens of millions of pairs is bound by memory latency, and this keeps
/// an account's part to a few neighbouring cache lines.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChanceModel {
    signals: Vec<Signal>,
    /// Per signal, the rates within its window.
    rates: Vec<Rates>,
    /// Per signal, the rates within the tight window, for the signals with a tight look.
    tight: Vec<Option<Rates>>,
    rows: Vec<AccountRow>,
    /// Per account, its actions per stratum of every signal in turn, each signal's by stratum.
    counts: Vec<u32>,
}

/// One account's part of the chance model.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct AccountRow {
    /// Posts per UTC hour, smoothed.
    hours: SmoothedHours,
    /// Per signal (in the model's order), the strata acted in.
    masks: [u64; Signal::ALL.len()],
    /// Per signal (in the model's order), the actions on the whole signal.
    totals: [u32; Signal::ALL.len()],
    /// Where the account's counts start in [`ChanceModel::counts`].
    start: usize,
}

impl ChanceModel {
    /// Builds the model from the swept signals. `tables` must be the action tables the sweeps
    /// sorted, `post_accounts` and `post_times` every post's author and time.
    pub fn new(
        n_accounts: usize,
        post_accounts: &[AccountId],
        post_times: &[TimeMs],
        swept: &[(&ActionTable, &SweepResult)],
    ) -> Self {
        let parts: Vec<(Signal, IncidencePart)> = swept
            .par_iter()
            .map(|(table, result)| {
                let share =
                    |shares: &[f32], o: ObjectId| shares.get(o as usize).copied().unwrap_or(0.0);
                let part = IncidencePart::observe(
                    &table.actions,
                    |o| ObjectShares {
                        accounts: result.object_accounts.get(o as usize).copied().unwrap_or(0),
                        window: share(&result.object_window_share, o),
                        tight: share(&result.object_tight_share, o),
                    },
                    !result.object_tight_share.is_empty(),
                );
                (table.signal, part)
            })
            .collect();
        let rhythm = HourProfiles::from_posts(n_accounts, post_accounts, post_times);
        Self::from_parts(&rhythm, &parts)
    }

    /// Builds the model from every account's posts per hour and, per swept signal, the
    /// incidence of all its objects (which may have been observed in parts and merged).
    pub fn from_parts(rhythm: &HourProfiles, parts: &[(Signal, IncidencePart)]) -> Self {
        let n_accounts = rhythm.len();
        let mut incidences: Vec<(Signal, Incidence)> = parts
            .par_iter()
            .map(|(signal, part)| (*signal, Incidence::from_part(n_accounts, part)))
            .collect();
        pool_thin_signals(&mut incidences);
        let mut rows = Vec::with_capacity(n_accounts);
        let mut counts = Vec::new();
        for a in 0..n_accounts as AccountId {
            let mut row = AccountRow {
                hours: SmoothedHours::new(rhythm.counts(a)),
                masks: [0; Signal::ALL.len()],
                totals: [0; Signal::ALL.len()],
                start: counts.len(),
            };
            for (i, (_, incidence)) in incidences.iter().enumerate() {
                let (mask, account_counts) = incidence.strata_of(a);
                row.masks[i] = mask;
                row.totals[i] = incidence.total_of(a);
                counts.extend_from_slice(account_counts);
            }
            rows.push(row);
        }
        Self {
            signals: incidences.iter().map(|(s, _)| *s).collect(),
            tight: incidences
                .iter()
                .map(|(_, inc)| inc.tight_rates().cloned())
                .collect(),
            rates: incidences
                .into_iter()
                .map(|(_, inc)| inc.rates().clone())
                .collect(),
            rows,
            counts,
        }
    }

    /// Assesses one edge.
    pub fn assess_edge(&self, e: &Edge) -> EdgeChance {
        let (ra, rb, rho) = self.pair_of(e);
        let mut expected = 0.0;
        let mut ln_ps = [0.0; Signal::ALL.len()];
        self.for_each_signal(ra, rb, |i, signal, a, b| {
            let lambda = rho * self.rates[i].expected(a, b);
            expected += lambda;
            let x = e.signal_objects[signal.index()];
            ln_ps[i] = ln_poisson_upper_tail(u64::from(x), lambda);
            if let Some(tight) = &self.tight[i] {
                // Two looks at one signal: the better, at the price of a factor 2.
                let x_tight = e.signal_tight[signal.index()];
                let ln_tight =
                    ln_poisson_upper_tail(u64::from(x_tight), rho * tight.expected(a, b));
                ln_ps[i] = (std::f64::consts::LN_2 + ln_ps[i].min(ln_tight)).min(0.0);
            }
        });
        EdgeChance {
            observed: e.n_objects,
            expected,
            ln_p: conditional(fuse_ln_p(&ln_ps[..self.signals.len()]), expected),
        }
    }

    /// The co-actions chance explains on each signal for the pair of `e`, by
    /// [`Signal::index`] (0 for signals not swept): the terms whose sum is
    /// [`EdgeChance::expected`].
    pub fn expected_by_signal(&self, e: &Edge) -> [f64; Signal::ALL.len()] {
        let (ra, rb, rho) = self.pair_of(e);
        let mut out = [0.0; Signal::ALL.len()];
        self.for_each_signal(ra, rb, |i, signal, a, b| {
            out[signal.index()] = rho * self.rates[i].expected(a, b);
        });
        out
    }

    /// The rows of the two accounts of `e` and their rhythm overlap, leaving out the edge's
    /// own co-actions.
    #[inline]
    fn pair_of(&self, e: &Edge) -> (&AccountRow, &AccountRow, f64) {
        let (ra, rb) = (&self.rows[e.a as usize], &self.rows[e.b as usize]);
        let rho = rhythm_overlap((&ra.hours, &e.hours_a), (&rb.hours, &e.hours_b));
        (ra, rb, rho)
    }

    /// Calls `f(i, signal, a, b)` for the model's `i`-th signal with the two accounts' strata
    /// masks, actions per stratum and actions on the whole signal.
    #[inline]
    fn for_each_signal<'m>(
        &'m self,
        ra: &AccountRow,
        rb: &AccountRow,
        mut f: impl FnMut(usize, Signal, StrataCounts<'m>, StrataCounts<'m>),
    ) {
        let (mut at_a, mut at_b) = (ra.start, rb.start);
        for (i, &signal) in self.signals.iter().enumerate() {
            let (mask_a, mask_b) = (ra.masks[i], rb.masks[i]);
            let (end_a, end_b) = (
                at_a + mask_a.count_ones() as usize,
                at_b + mask_b.count_ones() as usize,
            );
            let a = (mask_a, &self.counts[at_a..end_a], ra.totals[i]);
            let b = (mask_b, &self.counts[at_b..end_b], rb.totals[i]);
            (at_a, at_b) = (end_a, end_b);
            f(i, signal, a, b);
        }
    }
}

/// One account's strata on a signal: the mask of strata it acted in, its actions in each (by
/// stratum) and its actions on the whole signal.
type StrataCounts<'m> = (u64, &'m [u32], u32);

/// Gives every thin signal (one whose whole activity, or whose pairs of actions within the
/// window, are those of a few effective accounts, see [`Incidence::set_thin_rate`]) the rate
/// of all swept signals pooled, `Σ_s P_s / (Σ_s M_s)²`: the configuration model over the
/// union of every signal's objects. A group that is the only one to use a signal (the only
/// accounts posting tags, say) would otherwise set that signal's rate by itself and explain its
/// own overlap; pooled, its actions are weighed against all the activity of the dump.
fn pool_thin_signals(incidences: &mut [(Signal, Incidence)]) {
    let (mass, pair_mass, tight_mass) = incidences
        .iter()
        .map(|(_, inc)| inc.totals())
        .fold((0.0, 0.0, 0.0), |acc, t| {
            (acc.0 + t.0, acc.1 + t.1, acc.2 + t.2)
        });
    if mass <= 0.0 {
        return;
    }
    for (_, inc) in incidences.iter_mut() {
        inc.set_thin_rate(pair_mass / (mass * mass), tight_mass / (mass * mass));
    }
}

impl ChanceModel {
    /// Assesses every candidate of `candidates`, in parallel, in candidate order.
    pub fn assess_all(&self, candidates: &Fused) -> Vec<EdgeChance> {
        self.assess_range(candidates, 0..candidates.len())
    }

    /// Assesses the candidates with indices in `range`, in parallel, in candidate order.
    fn assess_range(&self, candidates: &Fused, range: Range<usize>) -> Vec<EdgeChance> {
        let end = range.end;
        range
            .into_par_iter()
            .with_min_len(Self::PREFETCH_RUN)
            .map(|i| {
                self.prefetch_for(candidates, i, end);
                self.assess_edge(&candidates.edge(i))
            })
            .collect()
    }

    /// Candidates a thread assesses in a row, so that prefetching ahead pays.
    const PREFETCH_RUN: usize = 1024;
    /// How many candidates ahead the rows of the second accounts are prefetched; their counts
    /// are prefetched half as far ahead, once the row (which says where they start) is in.
    const PREFETCH_AHEAD: usize = 16;

    /// Prefetches what assessing candidates `i + PREFETCH_AHEAD` (its second account's row)
    /// and `i + PREFETCH_AHEAD / 2` (that row's counts) will read, when they are before `end`.
    #[inline]
    fn prefetch_for(&self, candidates: &Fused, i: usize, end: usize) {
        let ahead = |k: usize| (i + k < end).then(|| candidates.pair_at(i + k).1 as usize);
        if let Some(row) = ahead(Self::PREFETCH_AHEAD).and_then(|b| self.rows.get(b)) {
            prefetch(row);
        }
        if let Some(row) = ahead(Self::PREFETCH_AHEAD / 2).and_then(|b| self.rows.get(b)) {
            let n: u32 = row.masks[..self.signals.len()]
                .iter()
                .map(|m| m.count_ones())
                .sum();
            if let Some(counts) = self.counts.get(row.start..row.start + n as usize) {
                prefetch(counts);
            }
        }
    }

    /// Assesses every candidate of `candidates` and counts it in `tally`, a million candidates
    /// at a time so that their assessments are never all held;
    /// `each` sees every slice's index range and assessments, in candidate order.
    pub fn tally(
        &self,
        candidates: &Fused,
        tally: &mut CandidateTally,
        mut each: impl FnMut(Range<usize>, &[EdgeChance]),
    ) {
        for start in (0..candidates.len()).step_by(Self::TALLY_SLICE) {
            let range = start..(start + Self::TALLY_SLICE).min(candidates.len());
            let chances = self.assess_range(candidates, range.clone());
            for c in &chances {
                tally.add(c.ln_p, c.expected);
            }
            each(range, &chances);
        }
    }

    /// Candidates assessed at a time by [`Self::tally`].
    const TALLY_SLICE: usize = 1 << 20;

    /// How the p-values are fused: the signals, and whether some have a tight look.
    pub fn fusion(&self) -> Fusion {
        Fusion {
            signals: self.signals.len(),
            looks: if self.tight.iter().any(Option::is_some) {
                2
            } else {
                1
            },
        }
    }
}

/// How an edge's p-value is fused from its signals'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fusion {
    /// Signals fused.
    pub signals: usize,
    /// Looks at each signal: 2 when signals are also weighed within the tight window (each
    /// such signal's p-value is the better look's, doubled), else 1.
    pub looks: u32,
}

impl Fusion {
    /// One look at each of `signals` signals.
    pub fn single_look(signals: usize) -> Self {
        Self { signals, looks: 1 }
    }
}

/// The fused, conditional p-value (natural log) of a pair whose `x` co-actions all fall on one
/// of the fused signals, with `lambda` expected in all, as its better look.
pub fn single_signal_ln_p(x: u32, lambda: f64, fusion: Fusion) -> f64 {
    single_signal_ln_p_of_tail(ln_poisson_upper_tail(u64::from(x), lambda), lambda, fusion)
}

/// [`single_signal_ln_p`] from the better look's own tail `ln P(X ≥ x)`.
pub fn single_signal_ln_p_of_tail(ln_tail: f64, lambda: f64, fusion: Fusion) -> f64 {
    let mut ln_ps = [0.0; Signal::ALL.len()];
    ln_ps[0] = (ln_tail + f64::from(fusion.looks.max(1)).ln()).min(0.0);
    conditional(
        fuse_ln_p(&ln_ps[..fusion.signals.clamp(1, Signal::ALL.len())]),
        lambda,
    )
}

/// Fisher's method or the Šidák-corrected minimum, whichever is smaller, times 2.
pub fn fuse_ln_p(ln_ps: &[f64]) -> f64 {
    if ln_ps.is_empty() {
        return 0.0;
    }
    let s = ln_ps.len() as u32;
    let t = -2.0 * ln_ps.iter().sum::<f64>();
    let fisher = if t.is_finite() {
        ln_chi2_upper_tail_even(t, s)
    } else {
        f64::NEG_INFINITY
    };
    let min = ln_ps.iter().copied().fold(0.0, f64::min);
    let sidak = ln_sidak(min, s);
    (std::f64::consts::LN_2 + fisher.min(sidak)).min(0.0)
}

/// `ln(1 − (1 − p)^s)` for `p = e^{ln_p}`.
fn ln_sidak(ln_p: f64, s: u32) -> f64 {
    if ln_p < -30.0 {
        // 1 − (1 − p)^s = s p (1 + O(s p)).
        return f64::from(s).ln() + ln_p;
    }
    let p = ln_p.exp();
    (-(f64::from(s) * (-p).ln_1p()).exp_m1()).ln()
}

/// Conditions a p-value on the pair having at least one co-action (expected `lambda` in all).
fn conditional(ln_p: f64, lambda: f64) -> f64 {
    if lambda <= 0.0 || ln_p == f64::NEG_INFINITY {
        return ln_p;
    }
    (ln_p - (-(-lambda).exp_m1()).ln()).min(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fusion_keeps_one_strong_signal() {
        // One signal at p = 1e-20 among 5: Šidák ≈ 5e-20, doubled: 1e-19.
        let ln = [(1e-20f64).ln(), 0.0, 0.0, 0.0, 0.0];
        let p = fuse_ln_p(&ln).exp();
        assert!((p / 1e-19 - 1.0).abs() < 1e-6, "{p}");
    }

    #[test]
    fn fusion_adds_up_weak_consistent_signals() {
        // Three signals at p = 0.001 among 4: T = 6 ln 1000 = 41.4465; χ²(8) upper tail =
        // e^{-T/2} (1 + h + h²/2 + h³/6) with h = T/2 = 20.7233 → 3.0497e-6; doubled 6.0994e-6,
        // far below the Šidák minimum (≈ 0.004).
        let l = (0.001f64).ln();
        let p = fuse_ln_p(&[l, l, l, 0.0]).exp();
        let h: f64 = 3.0 * 1000f64.ln();
        let tail = (-h).exp() * (1.0 + h + h * h / 2.0 + h * h * h / 6.0);
        assert!((p / (2.0 * tail) - 1.0).abs() < 1e-9, "{p}");
    }

    #[test]
    fn nothing_observed_is_no_evidence() {
        assert_eq!(fuse_ln_p(&[0.0, 0.0]), 0.0);
        assert_eq!(fuse_ln_p(&[]), 0.0);
    }

    #[test]
    fn conditioning_on_one_co_action() {
        // p = 0.01, Λ = 0.1: p' = 0.01 / (1 − e^{-0.1}) = 0.105083.
        let c = conditional((0.01f64).ln(), 0.1).exp();
        assert!((c - 0.01 / (1.0 - (-0.1f64).exp())).abs() < 1e-12);
        // Never above 1.
        assert_eq!(conditional((0.5f64).ln(), 0.01), 0.0);
    }
}
