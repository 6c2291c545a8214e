//! Connected components with a union-find.

use crate::graph::{assert_node_count, check_endpoints};

/// Connected components of the undirected graph on nodes `0..n_nodes` given by `edges`.
///
/// Only the endpoints of the edges matter: weights are not looked at. Returns one label per
/// node. Labels are numbered `0, 1, 2, ...` in the order of the smallest node id of each
/// component: the component of node 0 gets 0, the component of the smallest node outside it
/// gets 1, and so on. An isolated node is a component of its own.
///
/// Runs in nearly linear time (union by size with path halving).
///
/// # Panics
///
/// If `n_nodes` exceeds `u32::MAX`, or an edge names a node `>= n_nodes`.
pub fn connected_components(n_nodes: usize, edges: &[(u32, u32, f64)]) -> Vec<u32> {
    assert_node_count(n_nodes);
    let mut sets = DisjointSets::new(n_nodes);
    for &(u, v, _) in edges {
        check_endpoints(n_nodes, u, v);
        sets.union(u, v);
    }
    let mut label_of_root = vec![u32::MAX; n_nodes];
    let mut next = 0u32;
    (0..n_nodes as u32)
        .map(|v| {
            let root = sets.find(v) as usize;
            if label_of_root[root] == u32::MAX {
                label_of_root[root] = next;
                next += 1;
            }
            label_of_root[root]
        })
        .collect()
}

/// Union-find over `0..n` with union by size and path halving.
struct DisjointSets {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    /// Representative of the set holding `v`.
    fn find(&mut self, mut v: u32) -> u32 {
        while self.parent[v as usize] != v {
            let grandparent = self.parent[self.parent[v as usize] as usize];
            self.parent[v as usize] = grandparent;
            v = grandparent;
        }
        v
    }

    /// Merges the sets holding `a` and `b`.
    fn union(&mut self, a: u32, b: u32) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a as usize] < self.size[b as usize] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b as usize] = a;
        self.size[a as usize] += self.size[b as usize];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_isolated() {
        assert_eq!(connected_components(0, &[]), Vec::<u32>::new());
        assert_eq!(connected_components(3, &[]), vec![0, 1, 2]);
    }

    #[test]
    fn labels_follow_smallest_member() {
        // Components {0, 4}, {1}, {2, 3, 5}, {6}: numbered by their smallest node.
        let edges = [(5, 3, 1.0), (4, 0, 1.0), (2, 5, 1.0)];
        assert_eq!(connected_components(7, &edges), vec![0, 1, 2, 2, 0, 2, 3]);
    }

    #[test]
    fn self_loops_and_weights_do_not_matter() {
        let edges = [(1, 1, 1.0), (0, 2, 0.0), (2, 3, -5.0)];
        assert_eq!(connected_components(4, &edges), vec![0, 1, 0, 0]);
    }

    #[test]
    fn long_path_is_one_component() {
        let n = 10_000u32;
        let edges: Vec<_> = (1..n).rev().map(|v| (v, v - 1, 1.0)).collect();
        assert!(connected_components(n as usize, &edges)
            .iter()
            .all(|&c| c == 0));
    }

    #[test]
    #[should_panic(expected = "outside")]
    fn out_of_range_node_panics() {
        connected_components(2, &[(0, 7, 1.0)]);
    }
}
