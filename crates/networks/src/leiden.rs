//! Seeded Leiden community detection.
//!
//! An implementation of the algorithm of Traag, Waltman & van Eck, "From Louvain to Leiden:
//! guaranteeing well-connected communities" (Scientific Reports 9, 2019). One *pass* repeats,
//! on graphs that get smaller and smaller:
//!
//! 1. **Local moving** with a queue: nodes are visited in a seeded random order and each one
//!    moves to the neighbouring (or an empty) community that improves the quality most; when a
//!    node moves, its neighbours outside its new community are queued again.
//! 2. **Refinement**: inside each community, starting from singletons, well-connected nodes are
//!    merged into well-connected sub-communities, chosen at random among the merges that do not
//!    decrease the quality (with probability growing as `exp(gain / randomness)`).
//! 3. **Aggregation**: every refined sub-community becomes one node; the communities found by
//!    local moving give the initial partition of the aggregated graph.
//!
//! A pass ends when local moving leaves every community as a single aggregated node. Passes
//! are repeated from the partition found so far until one moves no node (or
//! [`LeidenConfig::max_passes`] ran).
//!
//! Everything is deterministic: the only randomness comes from a ChaCha8 generator seeded with
//! [`LeidenConfig::seed`], consumed in a fixed order, and all data structures are flat vectors
//! indexed by node or community id.
//!
//! # Objectives
//!
//! With `m` the total weight, `k_v` the strength of `v`, `e_c` the weight inside community `c`
//! and `K_c` the sum of the strengths of its nodes, `n_c` its number of nodes, and `γ` the
//! resolution:
//!
//! * modularity: `Q = Σ_c [ e_c / m − γ (K_c / 2m)² ]` (see [`modularity`]);
//! * the Constant Potts Model (CPM): `H = Σ_c [ e_c − γ n_c (n_c − 1) / 2 ]`. A community is
//!   worth keeping when its density exceeds `γ`, whatever the size of the graph.

use std::collections::VecDeque;

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::graph::{Graph, NeighbourWeights};

/// The quality function that Leiden maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Objective {
    /// Newman–Girvan modularity with a resolution parameter.
    #[default]
    Modularity,
    /// The Constant Potts Model: the resolution is the density a community must exceed.
    Cpm,
}

/// Parameters of [`leiden`].
#[derive(Debug, Clone, PartialEq)]
pub struct LeidenConfig {
    /// Quality function to maximise.
    pub objective: Objective,
    /// Resolution `γ`, finite and non-negative; higher values give smaller communities.
    pub resolution: f64,
    /// Seed of the random generator; the same graph, configuration and seed always give the
    /// same partition.
    pub seed: u64,
    /// Randomness `θ` of the refinement, finite and non-negative: a merge of gain `g` is chosen
    /// with probability proportional to `exp(g / θ)`. Gains are measured in units of edge
    /// weight (for modularity, `m` times the change of `Q`), so `θ` is relative to the edge
    /// weights; with weights around 1 the default makes the refinement almost greedy, random
    /// only between nearly equal merges. 0 makes it fully greedy.
    pub randomness: f64,
    /// Upper bound on the number of passes, each starting from the partition the previous one
    /// found; passes stop earlier as soon as one moves no node. At least one pass always runs.
    pub max_passes: usize,
}

impl Default for LeidenConfig {
    /// Modularity at resolution 1, seed 42, randomness 0.01 and at most 10 passes.
    fn default() -> Self {
        LeidenConfig {
            objective: Objective::Modularity,
            resolution: 1.0,
            seed: 42,
            randomness: 0.01,
            max_passes: 10,
        }
    }
}

/// Relative tolerance below which a quality gain is taken for rounding noise.
const RELATIVE_TOLERANCE: f64 = 1e-10;

/// Whether `gain` is a real improvement and not rounding noise on terms of size `magnitude`.
fn improves(gain: f64, magnitude: f64) -> bool {
    gain > RELATIVE_TOLERANCE * magnitude
}

/// The objective reduced to what the moves need.
///
/// Every node `v` carries a weight `x_v` (its strength for modularity, its number of original
/// nodes for CPM). The gain of adding `v` to a community `C` that does not hold it is
/// `w(v, C) − penalty · x_v · X_C`, with `w(v, C)` the weight of the edges between them and
/// `X_C` the sum of the weights of its nodes. It is the change of CPM, and `m` times the change
/// of modularity.
struct Moves {
    /// Coefficient of the penalty term: `γ / 2m` for modularity, `γ` for CPM.
    penalty: f64,
    /// Randomness of the refinement, see [`LeidenConfig::randomness`].
    randomness: f64,
}

impl Moves {
    /// Whether a set with `external` weight towards the rest of the enclosing community, and
    /// node weight `total` out of the community's `community_total`, is well connected to it:
    /// `external ≥ penalty · total · (community_total − total)`.
    fn well_connected(&self, external: f64, total: f64, community_total: f64) -> bool {
        let required = self.penalty * total * (community_total - total);
        !improves(required - external, required + external)
    }
}

/// Partitions the nodes of `graph` into communities with the Leiden algorithm.
///
/// Returns one label per node, numbered `0, 1, 2, ...` by first appearance in node order (node
/// 0 is in community 0, the smallest node outside it in community 1, and so on). Every
/// community induces a connected subgraph. Nodes without edges end up alone, and so does
/// everything in a graph of total weight 0.
///
/// The result depends only on the graph, the configuration and its seed.
///
/// # Panics
///
/// If the resolution or the randomness is negative, NaN or infinite.
pub fn leiden(graph: &Graph, config: &LeidenConfig) -> Vec<u32> {
    assert!(
        config.resolution.is_finite() && config.resolution >= 0.0,
        "the resolution must be finite and non-negative, got {}",
        config.resolution
    );
    assert!(
        config.randomness.is_finite() && config.randomness >= 0.0,
        "the randomness must be finite and non-negative, got {}",
        config.randomness
    );
    connected_labels(graph, &optimise(graph, config))
}

/// Runs the passes of Leiden from singletons and returns the membership they end with, with
/// community ids below the number of nodes.
fn optimise(graph: &Graph, config: &LeidenConfig) -> Vec<u32> {
    let n = graph.n_nodes();
    let m = graph.total_weight();
    if m <= 0.0 {
        return (0..n as u32).collect();
    }
    let (node_weights, moves) = match config.objective {
        Objective::Modularity => (
            graph.strengths().to_vec(),
            Moves {
                penalty: config.resolution / (2.0 * m),
                randomness: config.randomness,
            },
        ),
        Objective::Cpm => (
            vec![1.0; n],
            Moves {
                penalty: config.resolution,
                randomness: config.randomness,
            },
        ),
    };
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut membership: Vec<u32> = (0..n as u32).collect();
    for _ in 0..config.max_passes.max(1) {
        if !run_pass(graph, &node_weights, &moves, &mut membership, &mut rng) {
            break;
        }
    }
    membership
}

/// One pass of Leiden starting from `membership`, which it updates. Returns whether any node
/// moved during local moving, at any level.
fn run_pass(
    graph: &Graph,
    node_weights: &[f64],
    moves: &Moves,
    membership: &mut [u32],
    rng: &mut ChaCha8Rng,
) -> bool {
    let mut aggregated: Option<Graph> = None;
    let mut weights = node_weights.to_vec();
    let mut communities = membership.to_vec();
    // Node of the current level that each original node belongs to.
    let mut level_node: Vec<u32> = (0..graph.n_nodes() as u32).collect();
    let mut moved = false;
    loop {
        let level = aggregated.as_ref().unwrap_or(graph);
        moved |= move_nodes(level, &weights, moves, &mut communities, rng);
        if renumber(&mut communities) == level.n_nodes() {
            break;
        }
        let (refined, n_refined) = refine(level, &weights, moves, &communities, rng);
        if n_refined == level.n_nodes() {
            // Nothing merged: aggregating would give the same graph again. The next pass
            // starts over from the original nodes.
            break;
        }
        let next = level.aggregate(&refined, n_refined);
        let mut next_weights = vec![0.0; n_refined];
        let mut next_communities = vec![0u32; n_refined];
        for (v, &r) in refined.iter().enumerate() {
            next_weights[r as usize] += weights[v];
            // A refined community lies inside one community, which it starts in.
            next_communities[r as usize] = communities[v];
        }
        for node in &mut level_node {
            *node = refined[*node as usize];
        }
        weights = next_weights;
        communities = next_communities;
        aggregated = Some(next);
    }
    for (label, &node) in membership.iter_mut().zip(&level_node) {
        *label = communities[node as usize];
    }
    moved
}

/// Local moving with a queue. `communities` holds ids below the number of nodes and is
/// updated in place. Returns whether any node moved.
fn move_nodes(
    graph: &Graph,
    node_weights: &[f64],
    moves: &Moves,
    communities: &mut [u32],
    rng: &mut ChaCha8Rng,
) -> bool {
    let n = graph.n_nodes();
    let mut totals = vec![0.0; n];
    let mut sizes = vec![0u32; n];
    for (&c, &x) in communities.iter().zip(node_weights) {
        totals[c as usize] += x;
        sizes[c as usize] += 1;
    }
    // Unused community ids; one is always free when a node leaves a non-singleton community.
    let mut empty: Vec<u32> = (0..n as u32)
        .rev()
        .filter(|&c| sizes[c as usize] == 0)
        .collect();
    let mut queue: VecDeque<u32> = shuffled(n, rng).into();
    let mut queued = vec![true; n];
    let mut scratch = NeighbourWeights::new(n);
    let mut moved = false;
    while let Some(v) = queue.pop_front() {
        let vi = v as usize;
        queued[vi] = false;
        let current = communities[vi];
        let x = node_weights[vi];
        for (u, w) in graph.neighbours(v) {
            scratch.add(communities[u as usize], w);
        }
        // Take `v` out of its community, then find the best place to put it back.
        let current_total = totals[current as usize];
        totals[current as usize] -= x;
        sizes[current as usize] -= 1;
        let score = |c: u32| scratch.weight(c) - moves.penalty * x * totals[c as usize];
        let stay = score(current);
        let (mut target, mut best) = (current, stay);
        for &c in scratch.touched() {
            let s = score(c);
            if s > best {
                (target, best) = (c, s);
            }
        }
        if sizes[current as usize] > 0 && best < 0.0 {
            if let Some(&c) = empty.last() {
                (target, best) = (c, 0.0);
            }
        }
        let magnitude = scratch.weight(current)
            + scratch.weight(target)
            + moves.penalty * x * (totals[current as usize] + totals[target as usize]).abs();
        if target != current && improves(best - stay, magnitude) {
            if sizes[target as usize] == 0 {
                empty.pop();
            }
            totals[target as usize] += x;
            sizes[target as usize] += 1;
            communities[vi] = target;
            if sizes[current as usize] == 0 {
                empty.push(current);
            }
            moved = true;
            for (u, _) in graph.neighbours(v) {
                let ui = u as usize;
                if !queued[ui] && communities[ui] != target {
                    queued[ui] = true;
                    queue.push_back(u);
                }
            }
        } else {
            totals[current as usize] = current_total;
            sizes[current as usize] += 1;
        }
        scratch.clear();
    }
    moved
}

/// Refinement: splits every community into well-connected sub-communities, starting from
/// singletons and merging each well-connected singleton, in a random order, into a randomly
/// chosen well-connected sub-community of the same community. Returns the sub-community of
/// every node, numbered by first appearance, and their number.
fn refine(
    graph: &Graph,
    node_weights: &[f64],
    moves: &Moves,
    communities: &[u32],
    rng: &mut ChaCha8Rng,
) -> (Vec<u32>, usize) {
    let n = graph.n_nodes();
    let mut community_totals = vec![0.0; n];
    for (&c, &x) in communities.iter().zip(node_weights) {
        community_totals[c as usize] += x;
    }
    // Sub-communities are named after a node; each node starts in its own.
    let mut refined: Vec<u32> = (0..n as u32).collect();
    let mut totals = node_weights.to_vec();
    let mut sizes = vec![1u32; n];
    // Weight from each sub-community to the rest of its community.
    let mut external: Vec<f64> = (0..n as u32)
        .map(|v| {
            let c = communities[v as usize];
            graph
                .neighbours(v)
                .filter(|&(u, _)| communities[u as usize] == c)
                .map(|(_, w)| w)
                .sum()
        })
        .collect();
    let mut scratch = NeighbourWeights::new(n);
    let mut candidates: Vec<(u32, f64)> = Vec::new();
    for v in shuffled(n, rng) {
        let vi = v as usize;
        let c = communities[vi];
        let community_total = community_totals[c as usize];
        let x = node_weights[vi];
        if sizes[refined[vi] as usize] != 1
            || !moves.well_connected(external[vi], x, community_total)
        {
            continue;
        }
        for (u, w) in graph.neighbours(v) {
            if communities[u as usize] == c {
                scratch.add(refined[u as usize], w);
            }
        }
        // Staying alone (gain 0) is always a candidate; it comes first.
        candidates.clear();
        candidates.push((v, 0.0));
        for &r in scratch.touched() {
            let ri = r as usize;
            if !moves.well_connected(external[ri], totals[ri], community_total) {
                continue;
            }
            let gain = scratch.weight(r) - moves.penalty * x * totals[ri];
            if gain >= 0.0 {
                candidates.push((r, gain));
            }
        }
        let r = choose(&mut candidates, moves.randomness, rng);
        if r != v {
            let ri = r as usize;
            external[ri] += external[vi] - 2.0 * scratch.weight(r);
            totals[ri] += x;
            sizes[ri] += 1;
            sizes[vi] = 0;
            refined[vi] = r;
        }
        scratch.clear();
    }
    let count = renumber(&mut refined);
    (refined, count)
}

/// Picks one of the `(id, gain)` candidates, with probability proportional to
/// `exp(gain / randomness)`, or the first one of highest gain when the randomness is 0.
/// `candidates` is not empty; their gains are overwritten.
fn choose(candidates: &mut [(u32, f64)], randomness: f64, rng: &mut ChaCha8Rng) -> u32 {
    let (mut best_id, mut best_gain) = candidates[0];
    for &(id, gain) in &candidates[1..] {
        if gain > best_gain {
            (best_id, best_gain) = (id, gain);
        }
    }
    if candidates.len() == 1 || randomness == 0.0 {
        return best_id;
    }
    // Shifting by the best gain keeps every exponent at most 0: no overflow.
    let mut sum = 0.0;
    for (_, gain) in candidates.iter_mut() {
        *gain = ((*gain - best_gain) / randomness).exp();
        sum += *gain;
    }
    let mut threshold = unit_interval(rng) * sum;
    for &(id, weight) in candidates.iter() {
        threshold -= weight;
        if threshold < 0.0 {
            return id;
        }
    }
    best_id
}

/// Relabels `labels` (each below `labels.len()`) to `0, 1, 2, ...` by first appearance and
/// returns the number of distinct labels.
fn renumber(labels: &mut [u32]) -> usize {
    let mut new_label = vec![u32::MAX; labels.len()];
    let mut next = 0u32;
    for label in labels.iter_mut() {
        let slot = &mut new_label[*label as usize];
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
        *label = *slot;
    }
    next as usize
}

/// Final labels: the connected parts of each community, numbered by first appearance.
///
/// Leiden's communities are connected whenever a pass ends normally; this also covers a pass
/// cut short because its refinement merged nothing. Splitting a community into parts with no
/// edge between them never lowers modularity or CPM.
fn connected_labels(graph: &Graph, membership: &[u32]) -> Vec<u32> {
    let n = graph.n_nodes();
    let mut labels = vec![u32::MAX; n];
    let mut next = 0u32;
    let mut stack = Vec::new();
    for start in 0..n as u32 {
        if labels[start as usize] != u32::MAX {
            continue;
        }
        labels[start as usize] = next;
        stack.push(start);
        while let Some(v) = stack.pop() {
            let community = membership[v as usize];
            for (u, _) in graph.neighbours(v) {
                let ui = u as usize;
                if labels[ui] == u32::MAX && membership[ui] == community {
                    labels[ui] = next;
                    stack.push(u);
                }
            }
        }
        next += 1;
    }
    labels
}

/// The numbers `0..n` in a random order (Fisher–Yates).
fn shuffled(n: usize, rng: &mut ChaCha8Rng) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    for i in (1..n).rev() {
        order.swap(i, below(rng, i + 1));
    }
    order
}

/// A random number in `0..bound` (multiply-shift; the bias, below `bound / 2^64`, is
/// negligible).
fn below(rng: &mut ChaCha8Rng, bound: usize) -> usize {
    ((u128::from(rng.next_u64()) * bound as u128) >> 64) as usize
}

/// A random number in `[0, 1)` with 53 random bits.
fn unit_interval(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// Modularity of the partition `labels` of `graph` at resolution `gamma`:
/// `Q = Σ_c [ e_c / m − γ (K_c / 2m)² ]`, with `m` the total weight, `e_c` the weight of the
/// edges inside community `c` (self-loops included, each edge once) and `K_c` the sum of the
/// strengths of its nodes. This is the `(1 / 2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)` of
/// Newman and Girvan, with the convention that a self-loop of weight `w` gives `A_ii = 2w`.
///
/// Labels can be any `u32` values; equal labels mean the same community. Returns 0 for a
/// graph of total weight 0.
///
/// # Panics
///
/// If `labels.len() != graph.n_nodes()`.
pub fn modularity(graph: &Graph, labels: &[u32], gamma: f64) -> f64 {
    assert_eq!(
        labels.len(),
        graph.n_nodes(),
        "one label per node is needed"
    );
    let m = graph.total_weight();
    if m <= 0.0 {
        return 0.0;
    }
    let mut distinct = labels.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let dense: Vec<usize> = labels
        .iter()
        .map(|label| distinct.partition_point(|d| d < label))
        .collect();
    let mut inside = vec![0.0; distinct.len()];
    let mut totals = vec![0.0; distinct.len()];
    for v in 0..graph.n_nodes() as u32 {
        let c = dense[v as usize];
        totals[c] += graph.strength(v);
        inside[c] += graph.self_loop(v);
        for (u, w) in graph.neighbours(v) {
            if u > v && dense[u as usize] == c {
                inside[c] += w;
            }
        }
    }
    inside
        .iter()
        .zip(&totals)
        .map(|(&e, &k)| e / m - gamma * (k / (2.0 * m)).powi(2))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two triangles {0, 1, 2} and {3, 4, 5} joined by the edge 2-3.
    fn two_triangles() -> Graph {
        let edges = [
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (3, 5, 1.0),
            (2, 3, 1.0),
        ];
        Graph::from_edges(6, &edges)
    }

    fn clique(n: u32) -> Graph {
        let edges: Vec<_> = (0..n)
            .flat_map(|u| (u + 1..n).map(move |v| (u, v, 1.0)))
            .collect();
        Graph::from_edges(n as usize, &edges)
    }

    /// A seeded random graph: each pair is an edge with probability `p`, weight 1 to 3.
    fn random_graph(n: u32, p: f64, seed: u64) -> Graph {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut edges = Vec::new();
        for u in 0..n {
            for v in u + 1..n {
                if unit_interval(&mut rng) < p {
                    edges.push((u, v, 1.0 + below(&mut rng, 3) as f64));
                }
            }
        }
        Graph::from_edges(n as usize, &edges)
    }

    fn cpm(resolution: f64) -> LeidenConfig {
        LeidenConfig {
            objective: Objective::Cpm,
            resolution,
            ..LeidenConfig::default()
        }
    }

    fn assert_close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn modularity_by_hand() {
        let g = two_triangles();
        // m = 7. Each triangle: e_c = 3, K_c = 2 + 2 + 3 = 7, so Q = 2 (3/7 − 1/4) = 5/14.
        assert_close(modularity(&g, &[0, 0, 0, 1, 1, 1], 1.0), 5.0 / 14.0);
        // Labels are only compared, their values do not matter.
        assert_close(modularity(&g, &[9, 9, 9, 4, 4, 4], 1.0), 5.0 / 14.0);
        // At resolution 1/2: 6/7 − 2 · (1/2) · 1/4 = 17/28.
        assert_close(modularity(&g, &[0, 0, 0, 1, 1, 1], 0.5), 17.0 / 28.0);
        // One community: 7/7 − 1 = 0.
        assert_close(modularity(&g, &[0; 6], 1.0), 0.0);
        // Singletons: −Σ (k_v / 14)² = −(4 · 4 + 2 · 9) / 196.
        assert_close(modularity(&g, &[0, 1, 2, 3, 4, 5], 1.0), -34.0 / 196.0);
    }

    #[test]
    fn modularity_with_self_loop_by_hand() {
        // Edge 0-1 (1) and a self-loop of 2 on node 0: m = 3, k_0 = 1 + 2 · 2 = 5, k_1 = 1.
        let g = Graph::from_edges(2, &[(0, 1, 1.0), (0, 0, 2.0)]);
        // Apart: (2/3 − (5/6)²) + (0 − (1/6)²) = −1/18. Together: 3/3 − 1 = 0.
        assert_close(modularity(&g, &[0, 1], 1.0), -1.0 / 18.0);
        assert_close(modularity(&g, &[0, 0], 1.0), 0.0);
    }

    #[test]
    fn modularity_of_edgeless_graph_is_zero() {
        assert_eq!(modularity(&Graph::from_edges(3, &[]), &[0, 1, 2], 1.0), 0.0);
    }

    #[test]
    fn two_triangles_split_in_two() {
        let g = two_triangles();
        for seed in 0..20 {
            let config = LeidenConfig {
                seed,
                ..LeidenConfig::default()
            };
            assert_eq!(leiden(&g, &config), vec![0, 0, 0, 1, 1, 1], "seed {seed}");
        }
    }

    #[test]
    fn clique_stays_whole() {
        let g = clique(10);
        for seed in 0..10 {
            let config = LeidenConfig {
                seed,
                ..LeidenConfig::default()
            };
            assert_eq!(leiden(&g, &config), vec![0; 10]);
        }
    }

    #[test]
    fn empty_and_edgeless_graphs() {
        let config = LeidenConfig::default();
        assert_eq!(
            leiden(&Graph::from_edges(0, &[]), &config),
            Vec::<u32>::new()
        );
        assert_eq!(
            leiden(&Graph::from_edges(4, &[]), &config),
            vec![0, 1, 2, 3]
        );
        // Only a self-loop: nothing to merge.
        assert_eq!(
            leiden(&Graph::from_edges(3, &[(1, 1, 2.0)]), &config),
            vec![0, 1, 2]
        );
        assert_eq!(
            leiden(&Graph::from_edges(4, &[]), &cpm(0.5)),
            vec![0, 1, 2, 3]
        );
    }

    #[test]
    fn isolated_nodes_stay_alone() {
        // Triangles on 1..4 and 5..8; nodes 0, 4 and 8 have no edge.
        let edges = [
            (1, 2, 1.0),
            (2, 3, 1.0),
            (1, 3, 1.0),
            (5, 6, 1.0),
            (6, 7, 1.0),
            (5, 7, 1.0),
        ];
        let labels = leiden(&Graph::from_edges(9, &edges), &LeidenConfig::default());
        assert_eq!(labels, vec![0, 1, 1, 1, 2, 3, 3, 3, 4]);
    }

    #[test]
    fn same_seed_same_labels() {
        let g = random_graph(300, 0.03, 7);
        for objective in [Objective::Modularity, Objective::Cpm] {
            let config = LeidenConfig {
                objective,
                resolution: if objective == Objective::Cpm {
                    0.1
                } else {
                    1.0
                },
                seed: 3,
                ..LeidenConfig::default()
            };
            let first = leiden(&g, &config);
            assert_eq!(first, leiden(&g, &config));
            assert_eq!(first, leiden(&g.clone(), &config.clone()));
        }
    }

    #[test]
    fn labels_are_numbered_by_first_appearance() {
        let g = random_graph(200, 0.04, 11);
        let labels = leiden(&g, &LeidenConfig::default());
        let mut next = 0;
        for &label in &labels {
            assert!(label <= next);
            if label == next {
                next += 1;
            }
        }
    }

    #[test]
    fn leiden_beats_trivial_partitions() {
        for seed in 0..5 {
            let g = random_graph(150, 0.05, seed);
            let labels = leiden(&g, &LeidenConfig::default());
            let q = modularity(&g, &labels, 1.0);
            assert!(q > modularity(&g, &vec![0; 150], 1.0));
            let singletons: Vec<u32> = (0..150).collect();
            assert!(q > modularity(&g, &singletons, 1.0));
        }
    }

    #[test]
    fn higher_resolution_gives_more_communities() {
        let g = random_graph(200, 0.05, 5);
        let count = |resolution: f64| {
            let config = LeidenConfig {
                resolution,
                ..LeidenConfig::default()
            };
            leiden(&g, &config)
                .into_iter()
                .max()
                .map_or(0, |max| max + 1)
        };
        assert!(count(0.5) < count(1.0));
        assert!(count(1.0) < count(3.0));
    }

    /// At CPM resolution 1 (unit weights), keeping a node in a community requires an edge to
    /// every other member, so every community must be a clique.
    #[test]
    fn cpm_resolution_one_gives_cliques() {
        let n = 120u32;
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut edges = Vec::new();
        for u in 0..n {
            for v in u + 1..n {
                if unit_interval(&mut rng) < 0.06 {
                    edges.push((u, v, 1.0));
                }
            }
        }
        let g = Graph::from_edges(n as usize, &edges);
        let labels = leiden(&g, &cpm(1.0));
        let n_communities = labels.iter().max().map_or(0, |&max| max as usize + 1);
        let mut members = vec![Vec::new(); n_communities];
        for (v, &c) in labels.iter().enumerate() {
            members[c as usize].push(v as u32);
        }
        for community in &members {
            for (i, &u) in community.iter().enumerate() {
                for &v in &community[i + 1..] {
                    assert!(g.neighbours(u).any(|(w, _)| w == v), "{u} and {v} apart");
                }
            }
        }
        // A sparse graph has small cliques only: far more communities than a modularity split.
        assert!(members.iter().all(|c| c.len() <= 4));
        assert!(n_communities > 30);
    }

    #[test]
    fn cpm_resolution_zero_gives_components() {
        for seed in 0..5 {
            let g = random_graph(200, 0.008, seed);
            let labels = leiden(&g, &cpm(0.0));
            let edges: Vec<_> = (0..200u32)
                .flat_map(|v| g.neighbours(v).map(move |(u, w)| (v, u, w)))
                .collect();
            assert_eq!(
                labels,
                crate::connected_components(200, &edges),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn greedy_refinement_also_works() {
        let config = LeidenConfig {
            randomness: 0.0,
            ..LeidenConfig::default()
        };
        assert_eq!(leiden(&two_triangles(), &config), vec![0, 0, 0, 1, 1, 1]);
    }

    /// Number of communities of `labels` whose nodes do not all reach each other inside it.
    fn disconnected_communities(g: &Graph, labels: &[u32]) -> usize {
        let n = labels.len();
        let mut reached = vec![false; n];
        let mut seen_label = vec![false; n];
        let mut disconnected = 0;
        for start in 0..n {
            if reached[start] {
                continue;
            }
            if seen_label[labels[start] as usize] {
                disconnected += 1;
            }
            seen_label[labels[start] as usize] = true;
            let mut stack = vec![start as u32];
            reached[start] = true;
            while let Some(v) = stack.pop() {
                for (u, _) in g.neighbours(v) {
                    let ui = u as usize;
                    if !reached[ui] && labels[ui] == labels[start] {
                        reached[ui] = true;
                        stack.push(u);
                    }
                }
            }
        }
        disconnected
    }

    /// The passes alone already give connected communities: the final split in `leiden` is
    /// only a safety net.
    #[test]
    fn communities_are_connected_on_random_graphs() {
        for seed in 0..60 {
            let g = random_graph(
                10 + (seed % 70) as u32,
                0.02 + 0.03 * (seed % 7) as f64,
                seed,
            );
            for config in [LeidenConfig::default(), cpm(0.3), cpm(0.05)] {
                let config = LeidenConfig { seed, ..config };
                let raw = optimise(&g, &config);
                assert_eq!(disconnected_communities(&g, &raw), 0, "seed {seed}");
                let labels = leiden(&g, &config);
                assert_eq!(disconnected_communities(&g, &labels), 0);
                assert_close(modularity(&g, &labels, 1.0), modularity(&g, &raw, 1.0));
            }
        }
    }

    #[test]
    #[should_panic(expected = "resolution")]
    fn negative_resolution_panics() {
        leiden(&two_triangles(), &cpm(-1.0));
    }
}
