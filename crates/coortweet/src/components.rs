//! Connected components of an undirected graph.

/// Sizes of the connected components of the graph on vertices `0..n_vertices` with the given
/// edges, largest first. Isolated vertices count as components of size 1.
pub(crate) fn component_sizes(
    n_vertices: usize,
    edges: impl Iterator<Item = (usize, usize)>,
) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n_vertices).collect();
    for (a, b) in edges {
        let (root_a, root_b) = (find(&mut parent, a), find(&mut parent, b));
        if root_a != root_b {
            parent[root_a.max(root_b)] = root_a.min(root_b);
        }
    }
    let mut sizes = vec![0usize; n_vertices];
    for v in 0..n_vertices {
        let root = find(&mut parent, v);
        sizes[root] += 1;
    }
    sizes.retain(|&size| size > 0);
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes
}

/// The root of `v`, halving the path on the way.
fn find(parent: &mut [usize], mut v: usize) -> usize {
    while parent[v] != v {
        parent[v] = parent[parent[v]];
        v = parent[v];
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_components_with_loops_and_isolated_vertices() {
        let edges = [(0, 1), (1, 2), (3, 3), (4, 5), (2, 0)];
        assert_eq!(component_sizes(7, edges.into_iter()), vec![3, 2, 1, 1]);
    }
}
