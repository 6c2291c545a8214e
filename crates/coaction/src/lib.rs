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
