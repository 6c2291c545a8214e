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

use crate::chance::ChanceModel;
use crate::rhythm::utc_hour;
use lockstep_coaction::{fuse, sweep, ObjectWeighting, SweepConfig};
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

/// The p-values (natural logs) of every candidate edge in the surrogate of `dataset`.
pub fn surrogate_ln_p(
    dataset: &Dataset,
    configs: &[(Signal, SweepConfig)],
    weighting: ObjectWeighting,
    seed: u64,
) -> Vec<f64> {
    let mut tables = Vec::new();
    for (i, (signal, _)) in configs.iter().enumerate() {
        let mut table = dataset.table(*signal).clone();
        relabel_within_hours(&mut table.actions, seed.wrapping_add(i as u64));
        tables.push(table);
    }
    let results: Vec<_> = tables
        .iter_mut()
        .zip(configs)
        .map(|(table, (_, config))| {
            let n_objects = table.objects.len();
            sweep(&mut table.actions, n_objects, config)
        })
        .collect();
    let fused: Vec<_> = configs
        .iter()
        .zip(&results)
        .map(|((s, _), r)| (*s, r))
        .collect();
    let edges = fuse(&fused, weighting);
    let swept: Vec<_> = tables.iter().zip(&results).collect();
    let model = ChanceModel::new(
        dataset.accounts.len(),
        &dataset.post_accounts,
        &dataset.post_times,
        &swept,
    );
    model.assess(&edges).iter().map(|c| c.ln_p).collect()
}

/// How the p-values of the real data and of the surrogate compare at one threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationRow {
    /// The p-value threshold `t`.
    pub p_threshold: f64,
    /// Real candidate edges with `p ≤ t`.
    pub real_edges: usize,
    /// Chance edges the model expects among them: `t × real candidates`.
    pub model_false_edges: f64,
    /// The model's estimate of the false discovery rate: `model_false_edges / real_edges`.
    pub model_fdr: f64,
    /// Surrogate candidates with `p ≤ t`, scaled to the number of real candidates.
    pub surrogate_false_edges: f64,
    /// The surrogate's false discovery rate: `surrogate_false_edges / real_edges`.
    pub surrogate_fdr: f64,
    /// Share of surrogate candidates with `p ≤ t` (at most `t` if the model is calibrated).
    pub surrogate_share: f64,
}

/// Compares real and surrogate p-values (natural logs) at each threshold.
pub fn calibration(real: &[f64], surrogate: &[f64], thresholds: &[f64]) -> Vec<CalibrationRow> {
    let below = |ps: &[f64], t: f64| ps.iter().filter(|&&p| p <= t.ln()).count();
    thresholds
        .iter()
        .map(|&t| {
            let real_edges = below(real, t);
            let sur = below(surrogate, t);
            let surrogate_share = if surrogate.is_empty() {
                0.0
            } else {
                sur as f64 / surrogate.len() as f64
            };
            let model_false_edges = t * real.len() as f64;
            let surrogate_false_edges = surrogate_share * real.len() as f64;
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
                surrogate_false_edges,
                surrogate_fdr: rate(surrogate_false_edges),
                surrogate_share,
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
        let ln = |v: &[f64]| v.iter().map(|x| x.ln()).collect::<Vec<_>>();
        let real = ln(&[1e-6, 1e-4, 0.02, 0.5]);
        let sur = ln(&[0.005, 0.3, 0.6, 0.9, 1.0]);
        let rows = calibration(&real, &sur, &[0.01, 1e-3]);
        // t = 0.01: real 2 edges; model expects 0.04 false (FDR 0.02); the surrogate has 1 of 5
        // below (share 0.2), scaled to 4 candidates: 0.8 false (FDR 0.4).
        assert_eq!(rows[0].real_edges, 2);
        assert!((rows[0].model_fdr - 0.02).abs() < 1e-12);
        assert!((rows[0].surrogate_share - 0.2).abs() < 1e-12);
        assert!((rows[0].surrogate_fdr - 0.4).abs() < 1e-12);
        assert_eq!(rows[1].real_edges, 2);
        assert_eq!(rows[1].surrogate_share, 0.0);
    }
}
