//! The fixed-threshold edge rule (`--min-evidence`): the alternative to the statistical
//! selection of the stats crate, for small inputs where chance cannot be ruled out and for
//! comparison with tools that threshold raw counts.

use lockstep_coaction::Edge;
use serde::{Deserialize, Serialize};

/// Keeps edges with enough evidence: a minimum popularity-weighted weight and a minimum number
/// of co-actions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MinEvidence {
    /// Smallest edge weight kept.
    pub min_weight: f64,
    /// Smallest number of co-actions (over all signals) kept.
    pub min_objects: u32,
}

impl MinEvidence {
    /// True when `e` reaches both thresholds.
    pub fn keeps(&self, e: &Edge) -> bool {
        e.weight >= self.min_weight && e.n_objects >= self.min_objects
    }
}
