//! Undirected weighted graphs in compressed sparse row (CSR) form.
//!
//! Node ids are dense `u32` indices `0..n_nodes`. Every undirected edge `{u, v}` with `u != v`
//! is stored twice, once in the row of each endpoint; self-loops are kept apart, one weight per
//! node, so the neighbour rows never contain the node itself.
//!
//! # Self-loops
//!
//! Self-loops are kept and follow the usual modularity convention (the one of NetworkX and of
//! the Leiden paper): a self-loop of weight `w` on `v` adds `w` to the [total
//! weight](Graph::total_weight) `m` and `2w` to the [strength](Graph::strength) of `v`, so that
//! the strengths always sum to `2m`. Aggregated graphs built while clustering rely on this: the
//! weight inside a community becomes the self-loop of the node that stands for it.

/// An undirected weighted graph in CSR form.
///
/// Built with [`Graph::from_edges`]; read-only afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// Row `v` of the adjacency lies at `offsets[v]..offsets[v + 1]`.
    offsets: Vec<usize>,
    /// Neighbour ids, row after row.
    targets: Vec<u32>,
    /// Edge weights, parallel to `targets`.
    weights: Vec<f64>,
    /// Self-loop weight of each node (0 when it has none).
    loops: Vec<f64>,
    /// Strength of each node: incident weight, self-loops counted twice.
    strengths: Vec<f64>,
    /// Sum of all edge weights, each undirected edge and each self-loop counted once.
    total_weight: f64,
}

impl Graph {
    /// Builds a graph on nodes `0..n_nodes` from an undirected edge list `(u, v, weight)`.
    ///
    /// * Duplicate edges (`(u, v)` given several times, in either orientation) are merged into
    ///   one edge whose weight is the sum of theirs.
    /// * Self-loops `(v, v, w)` are kept, see the [module documentation](self).
    /// * Edges whose weight is not a positive finite number (zero, negative, NaN, infinite)
    ///   carry no connection and are ignored.
    ///
    /// Each row comes out sorted by neighbour id. Runs in `O(n_nodes + edges.len())`.
    ///
    /// # Panics
    ///
    /// If `n_nodes` exceeds `u32::MAX`, or an edge names a node `>= n_nodes`.
    pub fn from_edges(n_nodes: usize, edges: &[(u32, u32, f64)]) -> Graph {
        assert_node_count(n_nodes);
        let mut loops = vec![0.0; n_nodes];
        let mut offsets = vec![0usize; n_nodes + 1];
        for &(u, v, w) in edges {
            check_endpoints(n_nodes, u, v);
            if !is_usable_weight(w) {
                continue;
            }
            if u == v {
                loops[u as usize] += w;
            } else {
                offsets[u as usize + 1] += 1;
                offsets[v as usize + 1] += 1;
            }
        }
        for i in 0..n_nodes {
            offsets[i + 1] += offsets[i];
        }
        let n_entries = offsets[n_nodes];

        // First scatter: every edge into the rows of both endpoints, in input order.
        let mut cursor = offsets[..n_nodes].to_vec();
        let mut first_targets = vec![0u32; n_entries];
        let mut first_weights = vec![0.0f64; n_entries];
        for &(u, v, w) in edges {
            if u == v || !is_usable_weight(w) {
                continue;
            }
            for (from, to) in [(u, v), (v, u)] {
                let slot = &mut cursor[from as usize];
                first_targets[*slot] = to;
                first_weights[*slot] = w;
                *slot += 1;
            }
        }

        // Second scatter, a transposition: reading rows in increasing order and writing each
        // entry `r -> t` as `t -> r` fills every row in increasing neighbour order. The set of
        // entries is symmetric, so the row lengths are unchanged.
        cursor.copy_from_slice(&offsets[..n_nodes]);
        let mut targets = vec![0u32; n_entries];
        let mut weights = vec![0.0f64; n_entries];
        for row in 0..n_nodes {
            for i in offsets[row]..offsets[row + 1] {
                let slot = &mut cursor[first_targets[i] as usize];
                targets[*slot] = row as u32;
                weights[*slot] = first_weights[i];
                *slot += 1;
            }
        }
        drop(first_targets);
        drop(first_weights);

        // Merge the duplicates, now adjacent within each row, compacting in place.
        let mut write = 0usize;
        let mut read_start = 0usize;
        for row in 0..n_nodes {
            let read_end = offsets[row + 1];
            let row_start = write;
            for read in read_start..read_end {
                if write > row_start && targets[write - 1] == targets[read] {
                    weights[write - 1] += weights[read];
                } else {
                    targets[write] = targets[read];
                    weights[write] = weights[read];
                    write += 1;
                }
            }
            offsets[row + 1] = write;
            read_start = read_end;
        }
        targets.truncate(write);
        weights.truncate(write);
        targets.shrink_to_fit();
        weights.shrink_to_fit();

        Graph::from_parts(offsets, targets, weights, loops)
    }

    /// Completes a graph from its CSR arrays and self-loops, computing strengths and total.
    fn from_parts(
        offsets: Vec<usize>,
        targets: Vec<u32>,
        weights: Vec<f64>,
        loops: Vec<f64>,
    ) -> Graph {
        let strengths: Vec<f64> = (0..loops.len())
            .map(|v| weights[offsets[v]..offsets[v + 1]].iter().sum::<f64>() + 2.0 * loops[v])
            .collect();
        let total_weight = strengths.iter().sum::<f64>() / 2.0;
        Graph {
            offsets,
            targets,
            weights,
            loops,
            strengths,
            total_weight,
        }
    }

    /// Number of nodes.
    pub fn n_nodes(&self) -> usize {
        self.loops.len()
    }

    /// Number of distinct undirected edges, self-loops included.
    pub fn n_edges(&self) -> usize {
        self.targets.len() / 2 + self.loops.iter().filter(|&&w| w > 0.0).count()
    }

    /// Neighbours of `node` other than itself, with the weight of the edge to each.
    ///
    /// Every neighbour appears once. For a graph from [`Graph::from_edges`] they come in
    /// increasing id order. A self-loop is not listed: see [`Graph::self_loop`].
    ///
    /// # Panics
    ///
    /// If `node >= self.n_nodes()`.
    pub fn neighbours(&self, node: u32) -> impl ExactSizeIterator<Item = (u32, f64)> + '_ {
        let range = self.offsets[node as usize]..self.offsets[node as usize + 1];
        self.targets[range.clone()]
            .iter()
            .copied()
            .zip(self.weights[range].iter().copied())
    }

    /// Weight of the self-loop on `node`, 0 when it has none.
    ///
    /// # Panics
    ///
    /// If `node >= self.n_nodes()`.
    pub fn self_loop(&self, node: u32) -> f64 {
        self.loops[node as usize]
    }

    /// Strength (weighted degree) of `node`: the weight of its edges, its self-loop twice.
    ///
    /// # Panics
    ///
    /// If `node >= self.n_nodes()`.
    pub fn strength(&self, node: u32) -> f64 {
        self.strengths[node as usize]
    }

    /// Strengths of all nodes, indexed by node id.
    pub fn strengths(&self) -> &[f64] {
        &self.strengths
    }

    /// Total edge weight `m`: each undirected edge and each self-loop counted once.
    ///
    /// The strengths sum to `2m`.
    pub fn total_weight(&self) -> f64 {
        self.total_weight
    }

    /// Collapses every group of nodes into one node.
    ///
    /// `groups[v] < n_groups` is the group of node `v`. The edge between two groups weighs the
    /// sum of the edges between their members; the weight inside a group (its internal edges
    /// and the self-loops of its members) becomes the group's self-loop. Strengths and the
    /// total weight are preserved. Each row lists the neighbour groups in the order in which
    /// they are first met scanning the members in increasing id order.
    pub(crate) fn aggregate(&self, groups: &[u32], n_groups: usize) -> Graph {
        // Members of each group, in increasing node order (a counting sort).
        let mut member_offsets = vec![0usize; n_groups + 1];
        for &g in groups {
            member_offsets[g as usize + 1] += 1;
        }
        for g in 0..n_groups {
            member_offsets[g + 1] += member_offsets[g];
        }
        let mut cursor = member_offsets[..n_groups].to_vec();
        let mut members = vec![0u32; groups.len()];
        for (v, &g) in groups.iter().enumerate() {
            members[cursor[g as usize]] = v as u32;
            cursor[g as usize] += 1;
        }

        let mut offsets = Vec::with_capacity(n_groups + 1);
        offsets.push(0usize);
        let mut targets = Vec::new();
        let mut weights = Vec::new();
        let mut loops = vec![0.0; n_groups];
        let mut scratch = NeighbourWeights::new(n_groups);
        for g in 0..n_groups {
            let mut inside = 0.0;
            for &v in &members[member_offsets[g]..member_offsets[g + 1]] {
                loops[g] += self.loops[v as usize];
                for (u, w) in self.neighbours(v) {
                    let h = groups[u as usize];
                    if h as usize == g {
                        inside += w;
                    } else {
                        scratch.add(h, w);
                    }
                }
            }
            // Each internal edge was seen from both of its endpoints.
            loops[g] += inside / 2.0;
            for &h in scratch.touched() {
                targets.push(h);
                weights.push(scratch.weight(h));
            }
            scratch.clear();
            offsets.push(targets.len());
        }
        Graph::from_parts(offsets, targets, weights, loops)
    }
}

/// Whether an edge weight carries a connection: a positive finite number.
pub(crate) fn is_usable_weight(w: f64) -> bool {
    w > 0.0 && w.is_finite()
}

/// Checks that node ids fit in `u32`.
pub(crate) fn assert_node_count(n_nodes: usize) {
    assert!(
        n_nodes <= u32::MAX as usize,
        "at most u32::MAX nodes are supported, got {n_nodes}"
    );
}

/// Checks that both endpoints of an edge are nodes of the graph.
pub(crate) fn check_endpoints(n_nodes: usize, u: u32, v: u32) {
    assert!(
        (u as usize) < n_nodes && (v as usize) < n_nodes,
        "edge ({u}, {v}) names a node outside 0..{n_nodes}"
    );
}

/// Dense per-id weight accumulator that remembers which ids it touched.
///
/// Clearing costs the number of touched ids, not the capacity, so one accumulator is reused
/// for every node of a sweep. Ids are listed in the order they were first touched.
pub(crate) struct NeighbourWeights {
    weights: Vec<f64>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl NeighbourWeights {
    /// An empty accumulator for ids `0..capacity`.
    pub(crate) fn new(capacity: usize) -> Self {
        NeighbourWeights {
            weights: vec![0.0; capacity],
            seen: vec![false; capacity],
            touched: Vec::new(),
        }
    }

    /// Adds `w` to the weight of `id`.
    pub(crate) fn add(&mut self, id: u32, w: f64) {
        let i = id as usize;
        if !self.seen[i] {
            self.seen[i] = true;
            self.touched.push(id);
        }
        self.weights[i] += w;
    }

    /// Accumulated weight of `id` (0 if untouched).
    pub(crate) fn weight(&self, id: u32) -> f64 {
        self.weights[id as usize]
    }

    /// Ids touched since the last clear, in first-touch order.
    pub(crate) fn touched(&self) -> &[u32] {
        &self.touched
    }

    /// Resets the touched ids.
    pub(crate) fn clear(&mut self) {
        for &id in &self.touched {
            self.weights[id as usize] = 0.0;
            self.seen[id as usize] = false;
        }
        self.touched.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(g: &Graph, v: u32) -> Vec<(u32, f64)> {
        g.neighbours(v).collect()
    }

    #[test]
    fn empty_graph() {
        let g = Graph::from_edges(0, &[]);
        assert_eq!(g.n_nodes(), 0);
        assert_eq!(g.n_edges(), 0);
        assert_eq!(g.total_weight(), 0.0);
    }

    #[test]
    fn rows_are_sorted_and_symmetric() {
        let g = Graph::from_edges(4, &[(3, 0, 1.0), (0, 2, 2.0), (1, 0, 0.5), (2, 3, 4.0)]);
        assert_eq!(row(&g, 0), vec![(1, 0.5), (2, 2.0), (3, 1.0)]);
        assert_eq!(row(&g, 1), vec![(0, 0.5)]);
        assert_eq!(row(&g, 2), vec![(0, 2.0), (3, 4.0)]);
        assert_eq!(row(&g, 3), vec![(0, 1.0), (2, 4.0)]);
        assert_eq!(g.n_edges(), 4);
        assert_eq!(g.strength(0), 3.5);
        assert_eq!(g.strength(3), 5.0);
        assert_eq!(g.total_weight(), 7.5);
    }

    #[test]
    fn duplicates_merge_by_summing_in_either_orientation() {
        let g = Graph::from_edges(3, &[(0, 1, 1.0), (1, 0, 2.0), (0, 1, 0.25), (1, 2, 1.0)]);
        assert_eq!(row(&g, 0), vec![(1, 3.25)]);
        assert_eq!(row(&g, 1), vec![(0, 3.25), (2, 1.0)]);
        assert_eq!(g.n_edges(), 2);
        assert_eq!(g.total_weight(), 4.25);
    }

    #[test]
    fn self_loops_count_twice_in_strength_once_in_total() {
        let g = Graph::from_edges(2, &[(0, 1, 1.0), (0, 0, 2.0), (0, 0, 0.5)]);
        assert_eq!(row(&g, 0), vec![(1, 1.0)]);
        assert_eq!(g.self_loop(0), 2.5);
        assert_eq!(g.self_loop(1), 0.0);
        assert_eq!(g.strength(0), 6.0);
        assert_eq!(g.strength(1), 1.0);
        assert_eq!(g.total_weight(), 3.5);
        assert_eq!(g.n_edges(), 2);
    }

    #[test]
    fn unusable_weights_are_ignored() {
        let edges = [
            (0, 1, 0.0),
            (0, 2, -1.0),
            (1, 2, f64::NAN),
            (2, 3, f64::INFINITY),
            (1, 1, 0.0),
            (0, 3, 1.0),
        ];
        let g = Graph::from_edges(4, &edges);
        assert_eq!(g.n_edges(), 1);
        assert_eq!(row(&g, 0), vec![(3, 1.0)]);
        assert_eq!(row(&g, 1), vec![]);
        assert_eq!(g.total_weight(), 1.0);
    }

    #[test]
    #[should_panic(expected = "outside")]
    fn out_of_range_node_panics() {
        Graph::from_edges(2, &[(0, 2, 1.0)]);
    }

    #[test]
    fn aggregate_keeps_strengths_and_total() {
        // Two triangles joined by the edge 2-3, plus a self-loop on 4.
        let edges = [
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (3, 5, 1.0),
            (2, 3, 2.0),
            (4, 4, 0.5),
        ];
        let g = Graph::from_edges(6, &edges);
        let a = g.aggregate(&[1, 1, 1, 0, 0, 0], 2);
        assert_eq!(a.n_nodes(), 2);
        assert_eq!(a.self_loop(0), 3.5);
        assert_eq!(a.self_loop(1), 3.0);
        assert_eq!(row(&a, 0), vec![(1, 2.0)]);
        assert_eq!(row(&a, 1), vec![(0, 2.0)]);
        assert_eq!(a.total_weight(), g.total_weight());
        assert_eq!(a.strength(0), g.strength(3) + g.strength(4) + g.strength(5));
        assert_eq!(a.strength(1), g.strength(0) + g.strength(1) + g.strength(2));
    }
}
