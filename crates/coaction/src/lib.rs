//! The co-action kernel: which pairs of accounts acted on the same objects within a time window.
//!
//! [`sweep`] finds, per signal, every pair of distinct accounts that acted on the same object
//! within the window, bounded on viral objects; [`Fused`] groups the co-actions of all signals by
//! account pair and builds each pair's [`Edge`] (evidence counts, lags, time span) on demand;
//! [`Sweeper`] does both for a set of action tables, for all account pairs or a
//! [`PairPartition`] of them at a time; [`cut_object`] and its kin cut a viral object into
//! slices that a cluster pairs apart.

mod edges;
mod sweep;
mod viral;

pub use edges::{Edge, Fused, ObjectWeighting, Sweeper};
pub use sweep::{
    pairs_in_window, sweep, sweep_objects, sweep_sorted, CoAction, CoActions, ObjectShares,
    PairPartition, SweepConfig, SweepResult, SweepStats, TIGHT_WINDOW_MS,
};
pub use viral::{cut_object, keep_episodes, pair_slice, summarise_object, ObjectSlice};

/// `n` actions of `accounts` accounts on object 0 over `span_s` seconds, drawn from `seed`,
/// sorted: one object for the tests of sweeping and slicing.
#[cfg(test)]
fn random_object(n: u32, accounts: u64, span_s: u64, seed: u64) -> Vec<lockstep_model::Action> {
    let mut state = seed;
    let mut next = |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % m
    };
    let mut run: Vec<lockstep_model::Action> = (0..n)
        .map(|post| lockstep_model::Action {
            object: 0,
            time: next(span_s) as i64 * 1000,
            account: next(accounts) as u32,
            post,
        })
        .collect();
    run.sort_unstable();
    run
}
