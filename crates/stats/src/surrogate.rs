//! The surrogate null: the same data with cross-account alignment destroyed, run through the
//! same sweep and chance model, to check that the p-values mean what they say.
//!
//! Within each signal, the account labels of the actions are shuffled among the actions that
//! fall in the same hour of the UTC day. What stays: every object's popularity and time profile
//! (its actions keep their times), every account's volume per signal and its daily rhythm (it
//! keeps as many actions in each hour of the day). What goes: any relation between accounts,
//! since who performed an action is now drawn at random among the accounts active at that hour.
//! Every candidate edge of the surrogate is therefore a chance coincidence, and the share of
//! surrogate candidates with a p-value below `t` should not exceed `t`.
//!
//! (Shifting each account by a random time, the other classic surrogate, spreads viral objects'
//! actions over days and leaves so few coincidences that small p-values cannot be checked;
//! coordinated accounts whose shifts happen to agree also stay coordinated.)

use crate::chance::{ChanceModel, Fusion};
use crate::fdr::CandidateTally;
use crate::rhythm::utc_hour;
use lockstep_coaction::{ObjectWeighting, PairPartition, SweepConfig, Sweeper};
use lockstep_model::{Action, Dataset, Signal};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// Shuffles the accounts of `actions` among the actions of the same UTC hour of day.
pub fn relabel_within_hours(actions: &mut [Action], seed: u64) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5375_7272_6f67_6174);
    let mut by_hour: Vec<Vec<usize>> = vec![Vec::new(); 24];
    for (i, a) in actions.iter().enumerate() {
        by_hour[utc_hour(a.time)].push(i);
    }
    for indices in by_hour {
        let mut accounts: Vec<_> = indices.iter().map(|&i| actions[i].account).collect();
        accounts.shuffle(&mut rng);
        for (&i, a) in indices.iter().zip(accounts) {
            actions[i].account = a;
        }
    }
}

/// The chance assessment of every candidate edge in the surrogate of `dataset`, tallied; the
/// account pairs are swept in `partitions` parts, one after another, to bound memory.
pub fn surrogate_tally(
    dataset: &Dataset,
    configs: &[(Signal, SweepConfig)],
    weighting: ObjectWeighting,
    seed: u64,
    partitions: u32,
) -> CandidateTally {
    let mut tables = Vec::new();
    for (i, (signal, _)) in configs.iter().enumerate() {
        let mut table = dataset.table(*signal).clone();
        relabel_within_hours(&mut table.actions, seed.wrapping_add(i as u64));
        tables.push(table);
    }
    let sweeper = Sweeper::new(
        tables.iter_mut().zip(configs.iter().map(|(_, c)| *c)),
        weighting,
    );
    let mut tally = CandidateTally::default();
    let mut model = None;
    for index in 0..partitions.max(1) {
        let (results, candidates) = sweeper.sweep(PairPartition {
            index,
            count: partitions.max(1),
        });
        let model = model.get_or_insert_with(|| {
            ChanceModel::new(
                dataset.accounts.len(),
                &dataset.post_accounts,
                &dataset.post_times,
                &sweeper.swept(&results),
            )
        });
        model.tally(&candidates, &mut tally, |_, _| {});
    }
    tally
}

/// What the model expects and what the data and the surrogate show at one p-value threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationRow {
    /// The p-value threshold `t`.
    pub p_threshold: f64,
    /// Real candidate edges with `p ≤ t`.
    pub real_edges: usize,
    /// Chance edges the model expects among them.
    pub model_false_edges: f64,
    /// The model's false discovery rate: `model_false_edges / real_edges`.
    pub model_fdr: f64,
    /// Surrogate candidates with `p ≤ t`: chance edges, counted.
    pub surrogate_edges: usize,
    /// Surrogate candidates the model expects with `p ≤ t`: to compare with `surrogate_edges`.
    pub surrogate_model_edges: f64,
    /// The surrogate's false discovery rate: `surrogate_edges`, scaled to the number of real
    /// candidates, over `real_edges`.
    pub surrogate_fdr: f64,
}

/// Compares the model, the real data and the surrogate at each threshold (on the grid of
/// quarter decades, see [`CandidateTally::passing`]), p-values fused as `fusion` says.
pub fn calibration(
    real: &CandidateTally,
    surrogate: &CandidateTally,
    fusion: Fusion,
    thresholds: &[f64],
) -> Vec<CalibrationRow> {
    let (real_null, surrogate_null) = (real.null_counts(fusion), surrogate.null_counts(fusion));
    let scale = if surrogate.tested() == 0 {
        0.0
    } else {
        real.tested() as f64 / surrogate.tested() as f64
    };
    thresholds
        .iter()
        .map(|&t| {
            let ln_t = t.ln();
            let real_edges = real.passing(ln_t);
            let surrogate_edges = surrogate.passing(ln_t);
            let model_false_edges = real_null.expected_false(ln_t);
            let rate = |x: f64| {
                if real_edges == 0 {
                    0.0
                } else {
                    (x / real_edges as f64).min(1.0)
                }
            };
            CalibrationRow {
                p_threshold: t,
                real_edges,
                model_false_edges,
                model_fdr: rate(model_false_edges),
                surrogate_edges,
                surrogate_model_edges: surrogate_null.expected_false(ln_t),
                surrogate_fdr: rate(surrogate_edges as f64 * scale),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relabelling_keeps_hours_volumes_and_objects() {
        // 300 actions: account i % 10 at hour (i % 3), object i % 7.
        let mut actions: Vec<Action> = (0..300u32)
            .map(|i| Action {
                object: i % 7,
                time: i64::from(i % 3) * 3_600_000 + i64::from(i) * 1000,
                account: i % 10,
                post: i,
            })
            .collect();
        let before = actions.clone();
        relabel_within_hours(&mut actions, 3);
        let mut again = before.clone();
        relabel_within_hours(&mut again, 3);
        assert_eq!(actions, again, "seeded");
        assert_ne!(actions, before, "labels moved");
        let tally = |v: &[Action]| {
            let mut t = std::collections::BTreeMap::new();
            for a in v {
                *t.entry((a.account, utc_hour(a.time))).or_insert(0) += 1;
            }
            t
        };
        // Every account keeps its number of actions in every hour.
        assert_eq!(tally(&actions), tally(&before));
        // Objects, times and posts are untouched.
        for (x, y) in actions.iter().zip(&before) {
            assert_eq!((x.object, x.time, x.post), (y.object, y.time, y.post));
        }
    }

    #[test]
    fn calibration_counts_by_hand() {
        // Four candidates on each side, each expecting 0.1 chance co-actions on one signal.
        let tally = |p: [f64; 4]| {
            let mut t = CandidateTally::default();
            for p in p {
                t.add(p.ln(), 0.1);
            }
            t
        };
        let real = tally([1e-6, 1e-4, 0.02, 0.5]);
        let surrogate = tally([0.005, 0.3, 1.0, 1.0]);
        let rows = calibration(&real, &surrogate, Fusion::single_look(1), &[0.01]);
        let r = &rows[0];
        // Two real edges and one surrogate edge at or below 0.01.
        assert_eq!((r.real_edges, r.surrogate_edges), (2, 1));
        // Both have 4 candidates expecting 0.1 each: the model expects 4 × 0.0016251 (see the
        // fdr module's hand case) on either side.
        let per_pair =
            crate::fdr::null_pass_probability(0.1, Fusion::single_look(1), (0.01f64).ln());
        assert!((r.model_false_edges - 4.0 * per_pair).abs() < 1e-12);
        assert!((r.surrogate_model_edges - 4.0 * per_pair).abs() < 1e-12);
        assert!((r.model_fdr - 2.0 * per_pair).abs() < 1e-12);
        // One surrogate edge, scale 4/4, over two real edges.
        assert!((r.surrogate_fdr - 0.5).abs() < 1e-12);
    }
}
