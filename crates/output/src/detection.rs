//! Everything a detection run produced, borrowed for writing.

use lockstep_coaction::{CoAction, Edge};
use lockstep_ingest::AccountProfile;
use lockstep_model::{Dataset, Signal};
use lockstep_neardup::Narratives;
use lockstep_networks::Network;
use std::collections::BTreeMap;

/// One co-action behind a selected edge.
#[derive(Debug, Clone, Copy)]
pub struct Evidence {
    /// The signal it was found on.
    pub signal: Signal,
    /// The co-action.
    pub coaction: CoAction,
    /// Jaccard similarity of the two posts' texts, for text co-actions.
    pub similarity: Option<f64>,
}

/// A finished detection, as the writers see it.
pub struct Detection<'a> {
    /// Accounts, posts and object names.
    pub dataset: &'a Dataset,
    /// Selected edges.
    pub edges: &'a [Edge],
    /// Ranked networks; their `edges` index into [`Detection::edges`].
    pub networks: &'a [Network],
    /// For each account, the index of its network in [`Detection::networks`].
    pub membership: &'a [Option<usize>],
    /// Evidence of the selected edges, grouped by edge in the order of [`Detection::edges`].
    pub evidence: &'a [Evidence],
    /// `evidence[edge_evidence[i]..edge_evidence[i + 1]]` belongs to `edges[i]`.
    pub edge_evidence: &'a [usize],
    /// Profiles from the accounts file, when one was given.
    pub profiles: Option<&'a BTreeMap<String, AccountProfile>>,
    /// Narratives of near-duplicate texts, when the text signal was swept.
    pub narratives: Option<&'a Narratives>,
}

impl Detection<'_> {
    /// The 1-based network id of an account, if it belongs to one.
    pub fn network_id(&self, account: u32) -> Option<usize> {
        self.membership[account as usize].map(|i| self.networks[i].id)
    }

    /// Evidence of edge `i`.
    pub fn evidence_of(&self, i: usize) -> &[Evidence] {
        &self.evidence[self.edge_evidence[i]..self.edge_evidence[i + 1]]
    }
}
