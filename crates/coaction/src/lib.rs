//! The co-action kernel: which pairs of accounts acted on the same objects within a time window.
//!
//! [`sweep`] finds, per signal, every pair of distinct accounts that acted on the same object
//! within the window, bounded on viral objects; [`fuse`] turns the co-actions of all signals into
//! one [`Edge`] per account pair with its evidence counts, lags and time span.

mod edges;
mod sweep;

pub use edges::{fuse, Edge, Fused, ObjectWeighting};
pub use sweep::{sweep, CoAction, SweepConfig, SweepResult, SweepStats};
