//! From selected edges to ranked networks with a score whose parts are shown.
//!
//! Networks are the communities of [`partition`](crate::partition) over the selected edges,
//! less their *hangers-on*, keeping those with at least `min_size` accounts. A hanger-on is a
//! member whose ties into its community (the summed weight of its edges to other members)
//! weigh less than [`MIN_TIE_SHARE`] of the community's median member's: an ordinary account
//! with one weak edge to an operation is put in the operation's community by the partition,
//! though nothing but that edge links it. It stays in the edge list, in no network. The median
//! is taken over the members linked to at least two others (over all members where fewer than
//! three are), so that hangers-on cannot set it by their number: five ordinary accounts, each
//! tied by shared dense tags to one of a four-account cell, are most of the community, and the
//! plain median was one of theirs. A core of heavy posters does not set it either: members on
//! the periphery of a community, linked to a few others each, stay. Each network's score is
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

/// The smallest share of its community's median member's ties (summed edge weight to other
/// members) that keeps a member in the network, the median taken over members linked to two
/// or more others. Against the plain median, planted members of the generator's networks
/// reached at least 0.12 of it, ordinary accounts tied to a planted network by one weak edge
/// 0.001 to 0.005.
pub const MIN_TIE_SHARE: f64 = 0.05;

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
    let mut labels = partition(n_accounts, &weighted, &config.partition);
    leave_out_hangers_on(&mut labels, &weighted);
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

/// Takes the hangers-on (see the module documentation) out of their communities in `labels`.
fn leave_out_hangers_on(labels: &mut [Option<u32>], edges: &[(u32, u32, f64)]) {
    let mut ties = vec![0.0f64; labels.len()];
    let mut links = vec![0u32; labels.len()];
    for &(a, b, w) in edges {
        if labels[a as usize].is_some() && labels[a as usize] == labels[b as usize] {
            ties[a as usize] += w;
            ties[b as usize] += w;
            links[a as usize] += 1;
            links[b as usize] += 1;
        }
    }
    let mut by_label: Vec<(u32, f64, usize)> = labels
        .iter()
        .enumerate()
        .filter_map(|(account, label)| label.map(|l| (l, ties[account], account)))
        .collect();
    by_label.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
    for community in by_label.chunk_by(|x, y| x.0 == y.0) {
        let linked: Vec<f64> = community
            .iter()
            .filter(|m| links[m.2] >= 2)
            .map(|m| m.1)
            .collect();
        let median = if linked.len() >= 3 {
            linked[linked.len() / 2]
        } else {
            community[community.len() / 2].1
        };
        for &(_, tie, account) in community {
            if tie < MIN_TIE_SHARE * median {
                labels[account] = None;
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(a: u32, b: u32, weight: f64) -> Edge {
        Edge {
            a,
            b,
            n_objects: 1,
            weight,
            active_days: 1,
            ..Edge::default()
        }
    }

    /// The edges of a 4-clique on accounts 0–3, each of `weight`.
    fn clique(weight: f64) -> Vec<Edge> {
        let mut edges = Vec::new();
        for a in 0..4 {
            for b in a + 1..4 {
                edges.push(edge(a, b, weight));
            }
        }
        edges
    }

    /// The members of the networks built from a 4-clique (accounts 0–3, every edge of weight
    /// 10) and account 4 tied to account 0 by one edge of weight `tie`.
    fn members_with_pendant(tie: f64) -> Vec<Vec<AccountId>> {
        let mut edges = clique(10.0);
        edges.push(edge(0, 4, tie));
        let strengths = vec![1.0; edges.len()];
        let config = NetworkConfig {
            partition: PartitionConfig::default(),
            min_size: 3,
        };
        let (networks, membership) = build_networks(5, &edges, &strengths, &|_| None, &config);
        assert_eq!(
            membership.iter().filter(|m| m.is_some()).count(),
            networks.iter().map(|n| n.members.len()).sum::<usize>()
        );
        networks.into_iter().map(|n| n.members).collect()
    }

    #[test]
    fn a_hanger_on_is_left_out() {
        // Clique members tie 30 (account 0: 30.2); the median member 30, of which the
        // pendant's 0.2 is under a twentieth (1.5): it is left out, its edge kept.
        assert_eq!(members_with_pendant(0.2), vec![vec![0, 1, 2, 3]]);
        // A tie of 2 is over a twentieth of the median (30 or 32): the account stays.
        assert_eq!(members_with_pendant(2.0), vec![vec![0, 1, 2, 3, 4]]);
    }

    #[test]
    fn a_heavy_core_does_not_set_the_median() {
        // A 4-clique of edges of weight 100 (ties 300) and a ring of 20 accounts 4–23, each
        // linked to its two neighbours by edges of weight 5 and to clique member 0 by one of
        // weight 1 (ties 11; member 0 has 320). The 24 are linked to two or more each;
        // their median (11) keeps the ring, where a median weighed by the ties (300) would
        // put all 20 under its twentieth (15).
        let mut edges = clique(100.0);
        for i in 0..20u32 {
            edges.push(edge(4 + i, 4 + (i + 1) % 20, 5.0));
            edges.push(edge(0, 4 + i, 1.0));
        }
        // One community, however a partition would cut it.
        let mut labels = vec![Some(0); 24];
        let weighted: Vec<(u32, u32, f64)> = edges.iter().map(|e| (e.a, e.b, e.weight)).collect();
        leave_out_hangers_on(&mut labels, &weighted);
        assert_eq!(labels, vec![Some(0); 24]);
        // A pendant tied by one edge of weight 0.2 is still left out (under 0.55).
        let mut labels = vec![Some(0); 25];
        let mut with_pendant = weighted.clone();
        with_pendant.push((1, 24, 0.2));
        leave_out_hangers_on(&mut labels, &with_pendant);
        assert_eq!(labels[24], None);
        assert!(labels[..24].iter().all(|l| *l == Some(0)));
    }

    #[test]
    fn hangers_on_cannot_set_the_median_by_their_number() {
        // A 4-clique of ties 10 (accounts 0–3) and five accounts 4–8, each tied to one clique
        // member by an edge of weight 1. Ties: 4–8 have 1 each, 0 has 30 + 2 = 32, 1 has 32,
        // 2 has 31, 3 has 30; 5 of the 9 are hangers-on, so the plain median (1) was one of
        // theirs. Over the members linked to two or more (0–3: 30, 31, 32, 32) the median is
        // 32, a twentieth of which (1.6) the hangers-on fall under.
        let mut edges = clique(10.0);
        for (hanger, member) in [(4, 0), (5, 0), (6, 1), (7, 1), (8, 2)] {
            edges.push(edge(member, hanger, 1.0));
        }
        let strengths = vec![1.0; edges.len()];
        let config = NetworkConfig {
            partition: PartitionConfig::default(),
            min_size: 3,
        };
        let (networks, _) = build_networks(9, &edges, &strengths, &|_| None, &config);
        let members: Vec<Vec<AccountId>> = networks.into_iter().map(|n| n.members).collect();
        assert_eq!(members, vec![vec![0, 1, 2, 3]]);
    }
}
