//! The clustering entry point of the pipeline: components, split by Leiden when large.

use rayon::prelude::*;

use crate::components::connected_components;
use crate::graph::{assert_node_count, check_endpoints, is_usable_weight, Graph};
use crate::leiden::{leiden, LeidenConfig, Objective};
use crate::separation::join_inseparable;

/// Parameters of [`partition`].
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionConfig {
    /// Seed from which every component's Leiden seed is derived.
    pub seed: u64,
    /// Resolution of the objective, finite and non-negative (see [`LeidenConfig::resolution`]).
    pub resolution: f64,
    /// Quality function Leiden maximises.
    pub objective: Objective,
    /// Components with more nodes than this are split by Leiden; smaller ones are kept whole.
    pub split_above: usize,
}

impl Default for PartitionConfig {
    /// Seed 42, modularity at resolution 1, components above 8 nodes split.
    fn default() -> Self {
        PartitionConfig {
            seed: 42,
            resolution: 1.0,
            objective: Objective::Modularity,
            split_above: 8,
        }
    }
}

/// Share of a component's node pairs that must be linked for it to be one group whatever its
/// size: modularity prefers to cut even a near-clique in two once it is large enough, and a
/// group in which seven in ten member pairs are linked is one network. Two groups joined by a
/// few links stay below it unless one of them is a small appendix of the other.
pub const NEAR_CLIQUE_DENSITY: f64 = 0.7;

/// Groups the nodes `0..n_nodes` of the undirected weighted graph `edges` into communities.
///
/// * Self-loops and edges whose weight is not a positive finite number are ignored; duplicate
///   edges add up.
/// * A node left without edges gets `None`.
/// * Every other node is in a connected component. A component of at most
///   [`PartitionConfig::split_above`] nodes, or with at least [`NEAR_CLIQUE_DENSITY`] of its
///   node pairs linked, is one community; a larger, sparser one is split by
///   [`leiden`], run on the component alone with a seed derived from
///   [`PartitionConfig::seed`] and the smallest node id of the component, and the parts
///   that the links between them do not separate are joined again
///   ([`join_inseparable`](crate::join_inseparable)).
///
/// Every community is connected. Labels are numbered `0, 1, 2, ...` in increasing order of
/// the smallest node of each community.
///
/// Components are clustered in parallel on the current rayon pool; the result is the same
/// whatever the number of threads.
///
/// # Panics
///
/// If `n_nodes` exceeds `u32::MAX`, an edge names a node `>= n_nodes`, or the resolution is
/// negative, NaN or infinite.
pub fn partition(
    n_nodes: usize,
    edges: &[(u32, u32, f64)],
    config: &PartitionConfig,
) -> Vec<Option<u32>> {
    assert_node_count(n_nodes);
    assert!(
        config.resolution.is_finite() && config.resolution >= 0.0,
        "the resolution must be finite and non-negative, got {}",
        config.resolution
    );
    let edges: Vec<(u32, u32, f64)> = edges
        .iter()
        .copied()
        .filter(|&(u, v, w)| {
            check_endpoints(n_nodes, u, v);
            u != v && is_usable_weight(w)
        })
        .collect();
    let mut has_edge = vec![false; n_nodes];
    for &(u, v, _) in &edges {
        has_edge[u as usize] = true;
        has_edge[v as usize] = true;
    }
    let component = connected_components(n_nodes, &edges);
    let n_components = component.iter().max().map_or(0, |&c| c as usize + 1);

    // Nodes of each component in increasing order, and each node's index within its component.
    let node_offsets = bucket_offsets(n_components, component.iter().copied());
    let mut members = vec![0u32; n_nodes];
    let mut local = vec![0u32; n_nodes];
    let mut cursor = node_offsets[..n_components].to_vec();
    for (v, &c) in component.iter().enumerate() {
        let slot = &mut cursor[c as usize];
        members[*slot] = v as u32;
        local[v] = (*slot - node_offsets[c as usize]) as u32;
        *slot += 1;
    }

    // Edges of each component, with endpoints renamed to their index within it.
    let edge_offsets = bucket_offsets(
        n_components,
        edges.iter().map(|&(u, _, _)| component[u as usize]),
    );
    let mut local_edges = vec![(0u32, 0u32, 0.0f64); edges.len()];
    let mut cursor = edge_offsets[..n_components].to_vec();
    for &(u, v, w) in &edges {
        let slot = &mut cursor[component[u as usize] as usize];
        local_edges[*slot] = (local[u as usize], local[v as usize], w);
        *slot += 1;
    }
    drop(edges);

    let large: Vec<usize> = (0..n_components)
        .filter(|&c| {
            let n = node_offsets[c + 1] - node_offsets[c];
            n > config.split_above && {
                let mut pairs: Vec<(u32, u32)> = local_edges[edge_offsets[c]..edge_offsets[c + 1]]
                    .iter()
                    .map(|&(u, v, _)| (u.min(v), u.max(v)))
                    .collect();
                pairs.sort_unstable();
                pairs.dedup();
                let n = n as f64;
                (pairs.len() as f64) < NEAR_CLIQUE_DENSITY * n * (n - 1.0) / 2.0
            }
        })
        .collect();
    let splits: Vec<Vec<u32>> = large
        .par_iter()
        .map(|&c| {
            let nodes = &members[node_offsets[c]..node_offsets[c + 1]];
            let graph = Graph::from_edges(
                nodes.len(),
                &local_edges[edge_offsets[c]..edge_offsets[c + 1]],
            );
            let leiden_config = LeidenConfig {
                objective: config.objective,
                resolution: config.resolution,
                seed: component_seed(config.seed, nodes[0]),
                ..LeidenConfig::default()
            };
            let mut labels = leiden(&graph, &leiden_config);
            join_inseparable(
                &mut labels,
                &local_edges[edge_offsets[c]..edge_offsets[c + 1]],
            );
            labels
        })
        .collect();

    // Provisional community of each node: its component, or the Leiden community within it,
    // offset so that they never collide. Then renumber by smallest member.
    let mut split_of = vec![usize::MAX; n_components];
    for (i, &c) in large.iter().enumerate() {
        split_of[c] = i;
    }
    let mut first_id = vec![0usize; n_components + 1];
    for c in 0..n_components {
        let n_communities = match split_of[c] {
            usize::MAX => 1,
            i => splits[i].iter().max().map_or(0, |&max| max as usize + 1),
        };
        first_id[c + 1] = first_id[c] + n_communities;
    }
    let mut label_of = vec![u32::MAX; first_id[n_components]];
    let mut next = 0u32;
    (0..n_nodes)
        .map(|v| {
            if !has_edge[v] {
                return None;
            }
            let c = component[v] as usize;
            let within = match split_of[c] {
                usize::MAX => 0,
                i => splits[i][local[v] as usize] as usize,
            };
            let slot = &mut label_of[first_id[c] + within];
            if *slot == u32::MAX {
                *slot = next;
                next += 1;
            }
            Some(*slot)
        })
        .collect()
}

/// Start of each bucket `0..n_buckets` in a counting sort of `keys`, plus the total at the end.
fn bucket_offsets(n_buckets: usize, keys: impl Iterator<Item = u32>) -> Vec<usize> {
    let mut offsets = vec![0usize; n_buckets + 1];
    for key in keys {
        offsets[key as usize + 1] += 1;
    }
    for i in 0..n_buckets {
        offsets[i + 1] += offsets[i];
    }
    offsets
}

/// Leiden seed of the component whose smallest node is `first_node` (SplitMix64 mixing).
fn component_seed(seed: u64, first_node: u32) -> u64 {
    splitmix64(seed ^ splitmix64(u64::from(first_node)))
}

/// The SplitMix64 finaliser, a bijective mixing of 64-bit values.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool")
    }

    /// `count` disjoint copies of two 6-cliques joined by one edge, node ids interleaved.
    fn barbells(count: u32) -> (usize, Vec<(u32, u32, f64)>) {
        let mut edges = Vec::new();
        for copy in 0..count {
            let id = |i: u32| i * count + copy;
            for u in 0..12 {
                for v in u + 1..12 {
                    if u / 6 == v / 6 {
                        edges.push((id(u), id(v), 1.0));
                    }
                }
            }
            edges.push((id(5), id(6), 1.0));
        }
        (12 * count as usize, edges)
    }

    #[test]
    fn nothing_to_cluster() {
        let config = PartitionConfig::default();
        assert_eq!(partition(0, &[], &config), Vec::<Option<u32>>::new());
        assert_eq!(partition(3, &[], &config), vec![None; 3]);
        // Self-loops and unusable weights do not connect anything.
        let edges = [(0, 0, 1.0), (1, 2, 0.0), (1, 2, -3.0), (2, 1, f64::NAN)];
        assert_eq!(partition(3, &edges, &config), vec![None; 3]);
    }

    #[test]
    fn small_components_stay_whole() {
        // A path 4-2-0 (3 nodes) and a 9-node path at split_above 9: neither is split.
        let mut edges = vec![(4, 2, 1.0), (2, 0, 1.0)];
        edges.extend((5..13).map(|v| (v, v + 1, 1.0)));
        let config = PartitionConfig {
            split_above: 9,
            ..PartitionConfig::default()
        };
        let labels = partition(14, &edges, &config);
        let mut expected = vec![Some(1); 14];
        expected[0] = Some(0);
        expected[2] = Some(0);
        expected[4] = Some(0);
        expected[1] = None;
        expected[3] = None;
        assert_eq!(labels, expected);
    }

    #[test]
    fn large_components_are_split() {
        let (n, edges) = barbells(1);
        let labels = partition(n, &edges, &PartitionConfig::default());
        let expected: Vec<_> = (0..12).map(|v| Some(v / 6)).collect();
        assert_eq!(labels, expected);
        // The same component kept whole when it is not above the threshold.
        let config = PartitionConfig {
            split_above: 12,
            ..PartitionConfig::default()
        };
        assert_eq!(partition(n, &edges, &config), vec![Some(0); 12]);
    }

    #[test]
    fn labels_follow_smallest_member_across_components() {
        // Node i of barbell c has id 3i + c. The cliques' smallest members are 0, 1, 2 (first
        // cliques of barbells 0, 1, 2) then 18, 19, 20 (their second cliques).
        let (n, edges) = barbells(3);
        let labels = partition(n, &edges, &PartitionConfig::default());
        for (v, label) in labels.iter().enumerate() {
            let copy = v % 3;
            let clique = (v / 3) / 6;
            assert_eq!(*label, Some((clique * 3 + copy) as u32), "node {v}");
        }
    }

    #[test]
    fn duplicate_edges_add_up() {
        // A 20-cycle where the edges 9-10 and 19-0 are weak: two halves.
        let mut edges: Vec<_> = (0..20u32).map(|v| (v, (v + 1) % 20, 1.0)).collect();
        edges[9].2 = 0.05;
        edges[19].2 = 0.05;
        // Repeating the weak edges many times makes them the strongest: the halves shift.
        let baseline = partition(20, &edges, &PartitionConfig::default());
        assert_eq!(baseline[0], baseline[9]);
        assert_ne!(baseline[9], baseline[10]);
        let mut repeated = edges.clone();
        for _ in 0..100 {
            repeated.push((10, 9, 0.05));
            repeated.push((0, 19, 0.05));
        }
        let shifted = partition(20, &repeated, &PartitionConfig::default());
        assert_eq!(shifted[9], shifted[10]);
        assert_eq!(shifted[19], shifted[0]);
    }

    #[test]
    fn a_homogeneous_dense_group_is_one_community() {
        use rand::{Rng, SeedableRng};
        // Fifteen nodes, each pair linked with probability 0.55: nothing sets any of them
        // apart, but the density is below the near-clique rule's.
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(15);
        let mut edges = Vec::new();
        for u in 0..15u32 {
            for v in u + 1..15 {
                if rng.random_bool(0.55) {
                    edges.push((u, v, 1.0));
                }
            }
        }
        assert!((edges.len() as f64) < NEAR_CLIQUE_DENSITY * 105.0);
        // Modularity alone cuts it into parts; the links between them do not separate them.
        let graph = Graph::from_edges(15, &edges);
        let leiden_config = LeidenConfig {
            seed: component_seed(42, 0),
            ..LeidenConfig::default()
        };
        assert!(leiden(&graph, &leiden_config).iter().any(|&l| l > 0));
        let labels = partition(15, &edges, &PartitionConfig::default());
        assert_eq!(labels, vec![Some(0); 15]);
    }

    #[test]
    fn same_result_whatever_the_thread_count() {
        let (n, mut edges) = barbells(40);
        // Tie the barbells' ends into a few larger components too.
        for copy in 0..39u32 {
            if copy % 4 != 3 {
                edges.push((copy, copy + 1, 0.5));
            }
        }
        let config = PartitionConfig::default();
        let one = pool(1).install(|| partition(n, &edges, &config));
        let two = pool(2).install(|| partition(n, &edges, &config));
        let four = pool(4).install(|| partition(n, &edges, &config));
        assert_eq!(one, two);
        assert_eq!(one, four);
        assert!(one.iter().all(Option::is_some));
    }

    #[test]
    fn component_seeds_differ() {
        assert_ne!(component_seed(42, 0), component_seed(42, 1));
        assert_ne!(component_seed(42, 0), component_seed(43, 0));
    }

    #[test]
    fn a_near_clique_stays_whole() {
        // 25 nodes, every pair linked but those with (i + j) % 10 == 0: 300 − 28 = 272 of 300
        // pairs (0.91), one community however modularity would cut it.
        let mut edges = Vec::new();
        for i in 0..25u32 {
            for j in i + 1..25 {
                if (i + j) % 10 != 0 {
                    edges.push((i, j, 1.0));
                }
            }
        }
        let labels = partition(25, &edges, &PartitionConfig::default());
        assert!(labels.iter().all(|&l| l == Some(0)), "{labels:?}");
        // Two 12-cliques joined by one edge: 133 of 276 pairs (0.48), split in two.
        let mut edges = Vec::new();
        for base in [0u32, 12] {
            for i in base..base + 12 {
                for j in i + 1..base + 12 {
                    edges.push((i, j, 1.0));
                }
            }
        }
        edges.push((11, 12, 1.0));
        let labels = partition(24, &edges, &PartitionConfig::default());
        assert!(labels[..12].iter().all(|&l| l == Some(0)), "{labels:?}");
        assert!(labels[12..].iter().all(|&l| l == Some(1)), "{labels:?}");
    }
}
