//! evidence.csv: the co-actions behind each edge, oriented and kept within limits.

use crate::accounts::Accounts;
use crate::error::ReportError;
use crate::interned::Interned;
use crate::model::{Edge, EvidenceRow};
use crate::table::{NamedCsv, NamedRow};
use std::collections::HashMap;
use std::path::Path;

/// How many evidence rows a report keeps: for an edge of a network with `k` edges,
/// `min(per_edge, max(1, per_network / k))` rows of evidence.csv, evenly spaced over the edge's
/// rows (every `ceil(n_objects / kept)`-th, so they span its whole time); none for edges outside
/// networks, which the report does not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceLimits {
    /// Most rows kept per edge.
    pub per_edge: usize,
    /// Rows kept per network, shared among its edges.
    pub per_network: usize,
}

impl EvidenceLimits {
    /// Rows kept for an edge of a network with `edges` edges.
    fn for_edge_of(&self, edges: usize) -> usize {
        self.per_edge.min((self.per_network / edges.max(1)).max(1))
    }
}

/// The signal and object names of the evidence.
#[derive(Default)]
pub(crate) struct EvidenceNames {
    pub(crate) signals: Interned,
    pub(crate) objects: Interned,
}

/// Reads evidence.csv: counts every row of each edge and keeps evenly spaced ones within
/// `limits`, turned to run from the edge's source; rows of pairs without an edge are skipped.
pub(crate) fn read_evidence(
    path: &Path,
    limits: EvidenceLimits,
    accounts: &Accounts,
    edges: &mut [Edge],
    names: &mut EvidenceNames,
) -> Result<(), ReportError> {
    let mut csv = NamedCsv::open(path)?;
    csv.require(&[
        "source",
        "target",
        "signal",
        "object",
        "source_post_id",
        "target_post_id",
        "source_time",
        "target_time",
        "lag_s",
    ])?;
    let mut edge_of: HashMap<(usize, usize), usize> = HashMap::with_capacity(edges.len());
    let mut network_edges: HashMap<u64, usize> = HashMap::new();
    for (i, e) in edges.iter().enumerate() {
        edge_of.insert((e.source, e.target), i);
        if let Some(n) = e.network {
            *network_edges.entry(n).or_default() += 1;
        }
    }
    let kept = |e: &Edge| {
        e.network
            .map_or(0, |n| limits.for_edge_of(network_edges[&n]))
    };
    csv.for_each(|row| {
        let (Some(a), Some(b)) = (
            accounts.find(row.text("source")),
            accounts.find(row.text("target")),
        ) else {
            return Ok(());
        };
        let (edge, forward) = match (edge_of.get(&(a, b)), edge_of.get(&(b, a))) {
            (Some(&i), _) => (i, true),
            (None, Some(&i)) => (i, false),
            (None, None) => return Ok(()),
        };
        let edge = &mut edges[edge];
        let keep = kept(edge);
        let stride = (edge.n_objects as usize).div_ceil(keep.max(1)).max(1) as u64;
        if edge.evidence_total % stride == 0 && edge.evidence.len() < keep {
            edge.evidence.push(evidence_row(row, forward, names)?);
        }
        edge.evidence_total += 1;
        Ok(())
    })
}

fn evidence_row(
    row: &NamedRow,
    forward: bool,
    names: &mut EvidenceNames,
) -> Result<EvidenceRow, ReportError> {
    let (first, second) = if forward {
        ("source", "target")
    } else {
        ("target", "source")
    };
    let field = |side: &str, what: &str| row.text(&format!("{side}_{what}")).to_string();
    Ok(EvidenceRow(
        names.signals.position_of(row.text("signal")),
        names.objects.position_of(row.text("object")),
        field(first, "post_id"),
        field(second, "post_id"),
        field(first, "time"),
        field(second, "time"),
        row.parsed("lag_s")?.unwrap_or(0.0),
        row.parsed("similarity")?,
    ))
}
