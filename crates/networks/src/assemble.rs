//! From selected edges to ranked networks with a score whose parts are shown.
//!
//! Networks are the communities of [`partition`](crate::partition) over the selected edges,
//! keeping those with at least `min_size` accounts. Each network's score is
//!
//! `score = strength × sqrt(density) × log2(1 + size) × log2(1 + active_days) × (0.5 + inauthenticity)`
//!
//! - `strength`: the mean strength of the internal edges (the caller's measure of each edge's
//!   evidence against chance, `−log10 p`): pairs whose co-actions chance explains badly;
//! - `density`: the share of member pairs that are linked: networks that act as one;
//! - `size`: members; the logarithm lets a large network rank above a small one of equal
//!   strength without letting size alone decide;
//! - `active_days`: the most distinct days on which one internal pair co-acted: persistence,
//!   an operation returns day after day where a coincidence happens once;
//! - `inauthenticity` (0–1, from the caller; the factor is 1 when unknown): coordination by
//!   fabricated accounts ranks above coordination by established ones.
//!
//! Networks are ranked by score (ties: more members, then the smallest member id) and numbered
//! from 1.

use crate::partition::{partition, PartitionConfig};
use lockstep_coaction::Edge;
use lockstep_model::{AccountId, TimeMs};
use serde::Serialize;

/// How networks are formed from selected edges.
#[derive(Debug, Clone)]
pub struct NetworkConfig {
    /// Community detection inside connected components.
    pub partition: PartitionConfig,
    /// Smallest network reported.
    pub min_size: usize,
}

/// The parts of a network's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NetworkScore {
    /// `strength × sqrt(density) × log2(1 + size) × log2(1 + active_days) × (0.5 +
    /// inauthenticity)`.
    pub score: f64,
    /// Mean strength (evidence against chance) of internal edges.
    pub strength: f64,
    /// Linked member pairs / all member pairs.
    pub density: f64,
    /// Number of members.
    pub size: usize,
    /// Most distinct days on which one internal pair co-acted.
    pub active_days: u32,
    /// Inauthenticity of the members (0–1), when known.
    pub inauthenticity: Option<f64>,
}

/// One coordinated network.
#[derive(Debug, Clone, Serialize)]
pub struct Network {
    /// Rank, starting at 1 for the highest score.
    pub id: usize,
    /// Members (dense account ids), ascending.
    pub members: Vec<AccountId>,
    /// Indices of the internal edges in the selected edge list.
    pub edges: Vec<usize>,
    /// The score and its parts.
    pub score: NetworkScore,
    /// Earliest co-action on an internal edge.
    pub first_seen: TimeMs,
    /// Latest co-action on an internal edge.
    pub last_seen: TimeMs,
}

/// Networks found among `edges` (all of them selected), ranked; and for each account the index
/// (into the returned list) of its network. `strengths[i]` is how strongly edge `i` speaks for
/// coordination (its evidence against chance); a network's strength is their mean.
/// `inauthenticity` rates a set of members (0–1), or says it cannot.
pub fn build_networks(
    n_accounts: usize,
    edges: &[Edge],
    strengths: &[f64],
    inauthenticity: &dyn Fn(&[AccountId]) -> Option<f64>,
    config: &NetworkConfig,
) -> (Vec<Network>, Vec<Option<usize>>) {
    let weighted: Vec<(u32, u32, f64)> = edges.iter().map(|e| (e.a, e.b, e.weight)).collect();
    let labels = partition(n_accounts, &weighted, &config.partition);
    let n_labels = labels
        .iter()
        .flatten()
        .map(|&l| l as usize + 1)
        .max()
        .unwrap_or(0);
    let mut members: Vec<Vec<AccountId>> = vec![Vec::new(); n_labels];
    for (account, label) in labels.iter().enumerate() {
        if let Some(l) = label {
            members[*l as usize].push(account as AccountId);
        }
    }
    let mut internal: Vec<Vec<usize>> = vec![Vec::new(); n_labels];
    for (i, e) in edges.iter().enumerate() {
        if let (Some(la), Some(lb)) = (labels[e.a as usize], labels[e.b as usize]) {
            if la == lb {
                internal[la as usize].push(i);
            }
        }
    }
    let mut networks: Vec<Network> = members
        .into_iter()
        .zip(internal)
        .filter(|(m, _)| m.len() >= config.min_size.max(2))
        .map(|(members, internal)| {
            let inauthentic = inauthenticity(&members);
            score_network(members, internal, edges, strengths, inauthentic)
        })
        .collect();
    networks.sort_by(|x, y| {
        y.score
            .score
            .total_cmp(&x.score.score)
            .then(y.members.len().cmp(&x.members.len()))
            .then(x.members[0].cmp(&y.members[0]))
    });
    let mut membership = vec![None; n_accounts];
    for (rank, net) in networks.iter_mut().enumerate() {
        net.id = rank + 1;
        for &m in &net.members {
            membership[m as usize] = Some(rank);
        }
    }
    (networks, membership)
}

fn score_network(
    members: Vec<AccountId>,
    internal: Vec<usize>,
    edges: &[Edge],
    strengths: &[f64],
    inauthenticity: Option<f64>,
) -> Network {
    let size = members.len();
    let total: f64 = internal.iter().map(|&i| strengths[i]).sum();
    let strength = if internal.is_empty() {
        0.0
    } else {
        total / internal.len() as f64
    };
    let pairs = (size * (size - 1) / 2) as f64;
    let density = internal.len() as f64 / pairs;
    let active_days = internal
        .iter()
        .map(|&i| edges[i].active_days)
        .max()
        .unwrap_or(0);
    let score = strength
        * density.sqrt()
        * (1.0 + size as f64).log2()
        * (1.0 + f64::from(active_days)).log2()
        * inauthenticity.map_or(1.0, |x| 0.5 + x);
    Network {
        id: 0,
        first_seen: internal
            .iter()
            .map(|&i| edges[i].first_seen)
            .min()
            .unwrap_or_default(),
        last_seen: internal
            .iter()
            .map(|&i| edges[i].last_seen)
            .max()
            .unwrap_or_default(),
        members,
        edges: internal,
        score: NetworkScore {
            score,
            strength,
            density,
            size,
            active_days,
            inauthenticity,
        },
    }
}
