//! Choosing which edges are strong enough to form networks.
//!
//! The step is a trait so that a statistical test can replace the fixed rule without touching
//! the rest of the pipeline.

use lockstep_coaction::Edge;
use serde::Serialize;

/// Decides which candidate edges are kept.
pub trait EdgeSelector {
    /// Short name of the rule, for run.json.
    fn name(&self) -> &'static str;
    /// One flag per edge: true when the edge is kept.
    fn select(&self, edges: &[Edge]) -> Vec<bool>;
}

/// Keeps edges with enough evidence: a minimum popularity-weighted weight and a minimum number
/// of distinct shared objects.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MinEvidence {
    /// Smallest edge weight kept.
    pub min_weight: f64,
    /// Smallest number of distinct objects (over all signals) kept.
    pub min_objects: u32,
}

impl EdgeSelector for MinEvidence {
    fn name(&self) -> &'static str {
        "min_evidence"
    }

    fn select(&self, edges: &[Edge]) -> Vec<bool> {
        edges
            .iter()
            .map(|e| e.weight >= self.min_weight && e.n_objects >= self.min_objects)
            .collect()
    }
}
