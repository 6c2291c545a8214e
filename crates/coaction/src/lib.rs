//! The co-action kernel: which pairs of accounts acted on the same objects within a time window.
//!
//! [`sweep`] finds, per signal, every pair of distinct accounts that acted on the same object
//! within the window, bounded on viral objects; [`Fused`] groups the co-actions of all signals by
//! account pair and builds each pair's [`Edge`] (evidence counts, lags, time span) on demand;
//! [`sweep_tables`] does both for a set of action tables.

mod edges;
mod sweep;

pub use edges::{sweep_tables, Edge, Fused, ObjectWeighting};
pub use sweep::{sweep, CoAction, CoActions, SweepConfig, SweepResult, SweepStats};
