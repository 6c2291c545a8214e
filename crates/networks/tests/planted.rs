//! Leiden and `partition` on planted-partition graphs and on random graphs, checked against
//! the planted truth with the adjusted Rand index and normalised mutual information.

use std::collections::HashMap;

use lockstep_networks::{
    connected_components, leiden, modularity, partition, Graph, LeidenConfig, Objective,
    PartitionConfig,
};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

type Edges = Vec<(u32, u32, f64)>;

/// A planted-partition graph: `groups` groups of `size` consecutive nodes, each pair inside a
/// group an edge with probability `p_in`, each pair across groups with probability `p_out`.
/// Returns the edges and the planted group of every node.
fn planted(groups: u32, size: u32, p_in: f64, p_out: f64, seed: u64) -> (Edges, Vec<u32>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = groups * size;
    let truth: Vec<u32> = (0..n).map(|v| v / size).collect();
    let mut edges = Vec::new();
    for u in 0..n {
        for v in u + 1..n {
            let p = if truth[u as usize] == truth[v as usize] {
                p_in
            } else {
                p_out
            };
            if rng.random_bool(p) {
                edges.push((u, v, 1.0));
            }
        }
    }
    (edges, truth)
}

fn choose2(x: u64) -> f64 {
    (x * x.saturating_sub(1)) as f64 / 2.0
}

/// Sizes of the classes of `labels` and of the cells of the contingency table of `a` and `b`.
fn counts(a: &[u32], b: &[u32]) -> (Vec<u64>, Vec<u64>, Vec<u64>) {
    let mut rows: HashMap<u32, u64> = HashMap::new();
    let mut cols: HashMap<u32, u64> = HashMap::new();
    let mut cells: HashMap<(u32, u32), u64> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *rows.entry(x).or_default() += 1;
        *cols.entry(y).or_default() += 1;
        *cells.entry((x, y)).or_default() += 1;
    }
    (
        rows.into_values().collect(),
        cols.into_values().collect(),
        cells.into_values().collect(),
    )
}

/// Adjusted Rand index of two labellings (Hubert & Arabie).
fn ari(a: &[u32], b: &[u32]) -> f64 {
    let (rows, cols, cells) = counts(a, b);
    let index: f64 = cells.iter().map(|&c| choose2(c)).sum();
    let row_pairs: f64 = rows.iter().map(|&c| choose2(c)).sum();
    let col_pairs: f64 = cols.iter().map(|&c| choose2(c)).sum();
    let expected = row_pairs * col_pairs / choose2(a.len() as u64);
    let max = (row_pairs + col_pairs) / 2.0;
    (index - expected) / (max - expected)
}

/// Normalised mutual information of two labellings (arithmetic-mean normalisation).
fn nmi(a: &[u32], b: &[u32]) -> f64 {
    let n = a.len() as f64;
    let entropy = |sizes: &[u64]| -> f64 {
        sizes
            .iter()
            .map(|&c| {
                let p = c as f64 / n;
                -p * p.ln()
            })
            .sum()
    };
    let (rows, cols, _) = counts(a, b);
    let mut row_size: HashMap<u32, f64> = HashMap::new();
    let mut col_size: HashMap<u32, f64> = HashMap::new();
    let mut cells: HashMap<(u32, u32), f64> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *row_size.entry(x).or_default() += 1.0;
        *col_size.entry(y).or_default() += 1.0;
        *cells.entry((x, y)).or_default() += 1.0;
    }
    let mutual: f64 = cells
        .iter()
        .map(|(&(x, y), &c)| c / n * (c * n / (row_size[&x] * col_size[&y])).ln())
        .sum();
    2.0 * mutual / (entropy(&rows) + entropy(&cols))
}

/// Whether every community of `labels` is connected in `graph`.
fn all_connected(graph: &Graph, labels: &[u32]) -> bool {
    let n = labels.len();
    let mut reached = vec![false; n];
    let mut communities_seen = std::collections::HashSet::new();
    for start in 0..n {
        if reached[start] {
            continue;
        }
        if !communities_seen.insert(labels[start]) {
            return false;
        }
        reached[start] = true;
        let mut stack = vec![start as u32];
        while let Some(v) = stack.pop() {
            for (u, _) in graph.neighbours(v) {
                if !reached[u as usize] && labels[u as usize] == labels[start] {
                    reached[u as usize] = true;
                    stack.push(u);
                }
            }
        }
    }
    true
}

#[test]
fn metrics_by_hand() {
    let a = [0, 0, 0, 1, 1, 1];
    let b = [0, 0, 1, 1, 2, 2];
    // Pairs together in both: 2; expected 6 · 3 / 15 = 1.2; maximum (6 + 3) / 2 = 4.5.
    assert!((ari(&a, &b) - 8.0 / 33.0).abs() < 1e-12);
    // I = (2/3) ln 2, H(a) = ln 2, H(b) = ln 3.
    let expected_nmi = 2.0 * (2.0 / 3.0) * 2f64.ln() / 6f64.ln();
    assert!((nmi(&a, &b) - expected_nmi).abs() < 1e-12);
    assert!((ari(&a, &[5, 5, 5, 2, 2, 2]) - 1.0).abs() < 1e-12);
    assert!((nmi(&a, &[5, 5, 5, 2, 2, 2]) - 1.0).abs() < 1e-12);
}

#[test]
fn leiden_recovers_planted_partition() {
    for graph_seed in 0..4 {
        let (edges, truth) = planted(20, 25, 0.3, 0.005, graph_seed);
        let graph = Graph::from_edges(truth.len(), &edges);
        let planted_q = modularity(&graph, &truth, 1.0);
        for seed in 0..3 {
            let config = LeidenConfig {
                seed,
                ..LeidenConfig::default()
            };
            let labels = leiden(&graph, &config);
            let (a, n) = (ari(&truth, &labels), nmi(&truth, &labels));
            let q = modularity(&graph, &labels, 1.0);
            assert!(
                a >= 0.95 && n >= 0.95,
                "graph {graph_seed}, seed {seed}: {a} {n}"
            );
            assert!(q >= planted_q - 0.01, "{q} < {planted_q} - 0.01");
            assert!(all_connected(&graph, &labels));
        }
    }
}

#[test]
fn partition_recovers_planted_partition() {
    let (edges, truth) = planted(20, 25, 0.3, 0.005, 9);
    let labels: Vec<u32> = partition(truth.len(), &edges, &PartitionConfig::default())
        .into_iter()
        .map(|label| label.expect("every node has edges"))
        .collect();
    assert!(ari(&truth, &labels) >= 0.95);
    assert!(nmi(&truth, &labels) >= 0.95);
}

#[test]
fn cpm_recovers_planted_partition() {
    // Densities 0.3 inside, 0.005 across: a CPM resolution in between separates them.
    let (edges, truth) = planted(20, 25, 0.3, 0.005, 3);
    let graph = Graph::from_edges(truth.len(), &edges);
    let config = LeidenConfig {
        objective: Objective::Cpm,
        resolution: 0.05,
        ..LeidenConfig::default()
    };
    let labels = leiden(&graph, &config);
    assert!(ari(&truth, &labels) >= 0.95);
    assert!(nmi(&truth, &labels) >= 0.95);
}

/// 60 groups of 50 (3000 nodes), about 15 edges inside and 1.2 across per node. The groups are
/// dense enough for modularity's resolution limit not to merge any two of them (with more
/// groups and more edges across, merging groups tied by a few edges gains modularity).
#[test]
fn leiden_recovers_many_groups() {
    for graph_seed in 0..2 {
        let (edges, truth) = planted(60, 50, 0.3, 0.0004, graph_seed);
        let graph = Graph::from_edges(truth.len(), &edges);
        let labels = leiden(&graph, &LeidenConfig::default());
        assert!(ari(&truth, &labels) >= 0.95, "{}", ari(&truth, &labels));
        assert!(nmi(&truth, &labels) >= 0.95, "{}", nmi(&truth, &labels));
        assert!(modularity(&graph, &labels, 1.0) >= modularity(&graph, &truth, 1.0) - 0.01);
        assert!(all_connected(&graph, &labels));
    }
}

#[test]
fn planted_results_are_reproducible() {
    let (edges, truth) = planted(20, 25, 0.2, 0.01, 1);
    let graph = Graph::from_edges(truth.len(), &edges);
    let config = LeidenConfig {
        seed: 77,
        ..LeidenConfig::default()
    };
    assert_eq!(leiden(&graph, &config), leiden(&graph, &config));
    let config = PartitionConfig::default();
    assert_eq!(
        partition(truth.len(), &edges, &config),
        partition(truth.len(), &edges, &config)
    );
}

#[test]
fn partition_is_independent_of_thread_count() {
    // Four planted graphs of different sizes, node ids interleaved, plus unused ids.
    let mut edges = Vec::new();
    let copies = 4u32;
    for copy in 0..copies {
        let (planted_edges, _) = planted(4 + copy, 15, 0.4, 0.02, u64::from(copy));
        edges.extend(
            planted_edges
                .into_iter()
                .map(|(u, v, w)| (u * (copies + 1) + copy, v * (copies + 1) + copy, w)),
        );
    }
    let n = 7 * 15 * (copies as usize + 1);
    let config = PartitionConfig::default();
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool")
            .install(|| partition(n, &edges, &config))
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
    // The ids of no planted graph have no community; the 60 + 75 + 90 + 105 others have one.
    assert!(one
        .iter()
        .enumerate()
        .all(|(v, label)| v % 5 != 4 || label.is_none()));
    assert_eq!(one.iter().flatten().count(), 330);
}

/// Small random edge lists, duplicates, self-loops and unusable weights included.
fn edge_lists() -> impl Strategy<Value = (usize, Edges)> {
    (1usize..60).prop_flat_map(|n| {
        let weight = prop_oneof![
            8 => 0.1f64..5.0,
            1 => Just(0.0),
            1 => Just(-1.0),
        ];
        let edge = (0..n as u32, 0..n as u32, weight);
        (Just(n), prop::collection::vec(edge, 0..150))
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn partition_invariants(
        (n, edges) in edge_lists(),
        seed in any::<u64>(),
        cpm in any::<bool>(),
        split_above in 0usize..10,
    ) {
        let config = PartitionConfig {
            seed,
            resolution: if cpm { 0.3 } else { 1.0 },
            objective: if cpm { Objective::Cpm } else { Objective::Modularity },
            split_above,
        };
        let labels = partition(n, &edges, &config);
        prop_assert_eq!(labels.len(), n);
        let usable: Edges = edges
            .iter()
            .copied()
            .filter(|&(u, v, w)| u != v && w > 0.0)
            .collect();
        let mut has_edge = vec![false; n];
        for &(u, v, _) in &usable {
            has_edge[u as usize] = true;
            has_edge[v as usize] = true;
        }
        // None exactly for the nodes without a usable edge; labels numbered by smallest member.
        let mut next = 0;
        for (v, label) in labels.iter().enumerate() {
            prop_assert_eq!(label.is_none(), !has_edge[v]);
            if let Some(label) = *label {
                prop_assert!(label <= next);
                if label == next {
                    next += 1;
                }
            }
        }
        // Communities are connected and lie inside one component.
        let graph = Graph::from_edges(n, &usable);
        // Nodes without a community get labels of their own.
        let flat: Vec<u32> = labels
            .iter()
            .enumerate()
            .map(|(v, l)| l.unwrap_or((n + v) as u32))
            .collect();
        prop_assert!(all_connected(&graph, &flat));
        let components = connected_components(n, &usable);
        for &(u, v, _) in &usable {
            if flat[u as usize] == flat[v as usize] {
                prop_assert_eq!(components[u as usize], components[v as usize]);
            }
        }
        // Same answer again.
        prop_assert_eq!(&labels, &partition(n, &edges, &config));
    }

    #[test]
    fn leiden_communities_are_connected((n, edges) in edge_lists(), seed in any::<u64>()) {
        let graph = Graph::from_edges(n, &edges);
        let labels = leiden(&graph, &LeidenConfig { seed, ..LeidenConfig::default() });
        prop_assert!(all_connected(&graph, &labels));
    }
}
