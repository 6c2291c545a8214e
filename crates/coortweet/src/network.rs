//! CooRTweet's `generate_coordinated_network`: the weighted account network of the pairs.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::components::component_sizes;
use crate::ids::IdMap;
use crate::params::check_edge_weight;
use crate::quantile::quantile_type7;
use crate::{Error, GroupRow};

/// An undirected edge between two accounts, with CooRTweet's edge attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The endpoint listed first by igraph (the one that became a vertex first).
    pub from: Arc<str>,
    /// The other endpoint (equal to `from` for a loop).
    pub to: Arc<str>,
    /// Number of `detect_groups` rows between the two accounts (pairs of contents, not
    /// distinct objects).
    pub weight: usize,
    /// Mean `time_delta` of those rows, computed as sum / count in `f64` (R's mean can differ
    /// in the last bit, below the 15 digits written out).
    pub avg_time_delta: f64,
    /// Distinct `content_id` (earlier-share side) among those rows.
    pub n_content_id: usize,
    /// Distinct `content_id_y` (later-share side) among those rows.
    pub n_content_id_y: usize,
    /// `min(n_content_id, n_content_id_y) / max(n_content_id, n_content_id_y)`.
    pub edge_symmetry_score: f64,
    /// Whether `weight` strictly exceeds the network's weight threshold.
    pub weight_threshold: bool,
}

/// The coordinated network: accounts as vertices, one edge per pair of accounts.
#[derive(Debug, Clone)]
pub struct Network {
    vertices: Vec<Arc<str>>,
    edges: Vec<Edge>,
    /// `(from, to)` indices into `vertices`, parallel to `edges`.
    endpoints: Vec<(usize, usize)>,
    threshold: Option<f64>,
}

/// Size and connectivity of the subgraph of edges above the weight threshold (CooRTweet's
/// `subgraph = 1`: those edges and the vertices they touch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subgraph {
    /// Vertices touched by at least one edge above the threshold.
    pub vertex_count: usize,
    /// Edges above the threshold.
    pub edge_count: usize,
    /// Sizes (in vertices) of the subgraph's connected components, largest first.
    pub component_sizes: Vec<usize>,
}

impl Subgraph {
    /// Size of the largest connected component, 0 for an empty subgraph.
    pub fn largest_component(&self) -> usize {
        self.component_sizes.first().copied().unwrap_or(0)
    }
}

/// Per-edge accumulator while aggregating rows.
struct Tally {
    weight: usize,
    delta_sum: f64,
}

/// Reproduces CooRTweet 2.1.3's `generate_coordinated_network(groups, edge_weight)` (no fast
/// network, no subgraph applied: see [`Network::subgraph`]).
///
/// Rows are grouped by account pair, with the two accounts put in byte order (R's
/// `pmin`/`pmax`; byte order equals R's collation for ids made of digits and lower-case
/// letters, such as hashes). The contents are not swapped, so `n_content_id` counts the
/// earlier-share side. Loops (an account paired with itself) become self-edges.
///
/// The threshold is the type-7 `edge_weight` quantile of all edge weights; `weight_threshold`
/// flags edges whose weight is strictly greater.
///
/// Vertices and edges are in igraph's order for the same input: edges in order of the first
/// row of each account pair; vertices are the byte-smaller accounts of the edges, in edge
/// order, followed by the byte-larger ones not seen yet; each edge lists the endpoint with the
/// smaller vertex index first. With `groups` in [`detect_groups`](crate::detect_groups)' order this is the
/// network CooRTweet builds.
///
/// Fails with [`Error::InvalidParameter`] when `edge_weight` is outside `[0, 1]`.
pub fn generate_coordinated_network(
    groups: &[GroupRow],
    edge_weight: f64,
) -> Result<Network, Error> {
    check_edge_weight(edge_weight)?;

    let mut content_ids: IdMap = IdMap::default();
    let mut accounts: IdMap = IdMap::default();
    let mut names: Vec<&Arc<str>> = Vec::new();
    let mut pair_of: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut tallies: Vec<Tally> = Vec::new();
    let mut contents: Vec<(usize, usize)> = Vec::with_capacity(groups.len());
    let mut contents_y: Vec<(usize, usize)> = Vec::with_capacity(groups.len());

    for row in groups {
        let (low, high) = if row.account_id <= row.account_id_y {
            (&row.account_id, &row.account_id_y)
        } else {
            (&row.account_id_y, &row.account_id)
        };
        let pair = (
            account(&mut accounts, &mut names, low),
            account(&mut accounts, &mut names, high),
        );
        let next = tallies.len();
        let edge = *pair_of.entry(pair).or_insert(next);
        if edge == next {
            pairs.push(pair);
            tallies.push(Tally {
                weight: 0,
                delta_sum: 0.0,
            });
        }
        tallies[edge].weight += 1;
        tallies[edge].delta_sum += row.time_delta;
        contents.push((edge, content_ids.id(&row.content_id)));
        contents_y.push((edge, content_ids.id(&row.content_id_y)));
    }
    let n_content = distinct_per_edge(contents, tallies.len());
    let n_content_y = distinct_per_edge(contents_y, tallies.len());

    // igraph's graph_from_data_frame: vertex names are the unique values of the first column
    // followed by those of the second.
    let mut vertex_of = vec![usize::MAX; names.len()];
    let mut vertices: Vec<Arc<str>> = Vec::with_capacity(names.len());
    for account in pairs.iter().map(|p| p.0).chain(pairs.iter().map(|p| p.1)) {
        if vertex_of[account] == usize::MAX {
            vertex_of[account] = vertices.len();
            vertices.push(Arc::clone(names[account]));
        }
    }

    let weights: Vec<f64> = tallies.iter().map(|t| t.weight as f64).collect();
    let threshold = quantile_type7(&weights, edge_weight);

    let mut edges = Vec::with_capacity(tallies.len());
    let mut endpoints = Vec::with_capacity(tallies.len());
    for (i, (&(low, high), tally)) in pairs.iter().zip(&tallies).enumerate() {
        let (a, b) = (vertex_of[low], vertex_of[high]);
        let (from, to) = (a.min(b), a.max(b));
        let (n, n_y) = (n_content[i], n_content_y[i]);
        edges.push(Edge {
            from: Arc::clone(&vertices[from]),
            to: Arc::clone(&vertices[to]),
            weight: tally.weight,
            avg_time_delta: tally.delta_sum / tally.weight as f64,
            n_content_id: n,
            n_content_id_y: n_y,
            edge_symmetry_score: n.min(n_y) as f64 / n.max(n_y) as f64,
            weight_threshold: threshold.is_some_and(|q| tally.weight as f64 > q),
        });
        endpoints.push((from, to));
    }

    Ok(Network {
        vertices,
        edges,
        endpoints,
        threshold,
    })
}

/// The id of account `name`, recording its name when it is new.
fn account<'a>(
    accounts: &mut IdMap<'a>,
    names: &mut Vec<&'a Arc<str>>,
    name: &'a Arc<str>,
) -> usize {
    let id = accounts.id(name);
    if id == names.len() {
        names.push(name);
    }
    id
}

/// Number of distinct values per edge, from `(edge, value)` pairs.
fn distinct_per_edge(mut pairs: Vec<(usize, usize)>, n_edges: usize) -> Vec<usize> {
    pairs.sort_unstable();
    pairs.dedup();
    let mut counts = vec![0usize; n_edges];
    for (edge, _) in pairs {
        counts[edge] += 1;
    }
    counts
}

impl Network {
    /// Account names, in igraph's vertex order.
    pub fn vertices(&self) -> &[Arc<str>] {
        &self.vertices
    }

    /// Edges, in igraph's edge order.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The weight threshold (type-7 quantile of the weights), `None` without edges.
    pub fn threshold(&self) -> Option<f64> {
        self.threshold
    }

    /// Number of vertices (igraph's `vcount`).
    pub fn vertex_count(&self) -> usize {
        self.vertices.len()
    }

    /// Number of edges, loops included (igraph's `ecount`).
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Sum of the edge weights: the number of `detect_groups` rows.
    pub fn total_weight(&self) -> usize {
        self.edges.iter().map(|e| e.weight).sum()
    }

    /// The largest edge weight, `None` without edges.
    pub fn max_weight(&self) -> Option<usize> {
        self.edges.iter().map(|e| e.weight).max()
    }

    /// The subgraph of edges flagged by `weight_threshold` and the vertices they touch.
    pub fn subgraph(&self) -> Subgraph {
        let mut local: IdMap = IdMap::default();
        let mut kept = Vec::new();
        for (edge, &(from, to)) in self.edges.iter().zip(&self.endpoints) {
            if edge.weight_threshold {
                kept.push((local.id(&self.vertices[from]), local.id(&self.vertices[to])));
            }
        }
        Subgraph {
            vertex_count: local.len(),
            edge_count: kept.len(),
            component_sizes: component_sizes(local.len(), kept.into_iter()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(object: &str, c: &str, c_y: &str, delta: f64, a: &str, a_y: &str) -> GroupRow {
        GroupRow {
            object_id: object.into(),
            content_id: c.into(),
            content_id_y: c_y.into(),
            time_delta: delta,
            account_id: a.into(),
            account_id_y: a_y.into(),
        }
    }

    fn names(network: &Network) -> Vec<(&str, &str)> {
        network.edges().iter().map(|e| (&*e.from, &*e.to)).collect()
    }

    #[test]
    fn aggregates_rows_per_account_pair() {
        let groups = [
            row("o1", "c1", "c2", 2.0, "b", "a"),
            row("o2", "c3", "c4", 3.0, "a", "b"),
            row("o3", "c1", "c5", 7.0, "b", "a"),
            row("o1", "c1", "c6", 4.0, "b", "c"),
        ];
        let network = generate_coordinated_network(&groups, 0.5).unwrap();
        assert_eq!(names(&network), vec![("a", "b"), ("b", "c")]);
        let ab = &network.edges()[0];
        assert_eq!(ab.weight, 3);
        assert_eq!(ab.avg_time_delta, 4.0);
        // Contents keep their side: c1, c3 on the left; c2, c4, c5 on the right.
        assert_eq!((ab.n_content_id, ab.n_content_id_y), (2, 3));
        assert!((ab.edge_symmetry_score - 2.0 / 3.0).abs() < 1e-15);
        // Weights 3 and 1: the median is 2, so only a-b is above it.
        assert_eq!(network.threshold(), Some(2.0));
        assert!(ab.weight_threshold);
        assert!(!network.edges()[1].weight_threshold);
        assert_eq!(network.vertex_count(), 3);
        assert_eq!(network.total_weight(), 4);
        assert_eq!(network.max_weight(), Some(3));
    }

    #[test]
    fn endpoints_follow_vertex_order_not_name_order() {
        // Vertices: first endpoints "m", "a" (from the byte-ordered pairs), then "z".
        let groups = [
            row("o1", "c1", "c2", 1.0, "z", "m"),
            row("o2", "c3", "c4", 1.0, "a", "m"),
        ];
        let network = generate_coordinated_network(&groups, 0.5).unwrap();
        let vertices: Vec<&str> = network.vertices().iter().map(|v| &**v).collect();
        assert_eq!(vertices, vec!["m", "a", "z"]);
        assert_eq!(names(&network), vec![("m", "z"), ("m", "a")]);
    }

    #[test]
    fn threshold_is_strict_and_subgraph_counts_components() {
        let groups = [
            row("o", "c1", "c2", 1.0, "a", "b"),
            row("o", "c3", "c4", 1.0, "a", "b"),
            row("o", "c5", "c6", 1.0, "c", "d"),
            row("o", "c7", "c8", 1.0, "c", "d"),
            row("o", "c9", "c10", 1.0, "e", "f"),
            row("o", "c11", "c12", 1.0, "b", "g"),
        ];
        // Weights 2, 2, 1, 1: median 1.5, so the two weight-2 edges pass.
        let network = generate_coordinated_network(&groups, 0.5).unwrap();
        assert_eq!(network.threshold(), Some(1.5));
        let sub = network.subgraph();
        assert_eq!((sub.vertex_count, sub.edge_count), (4, 2));
        assert_eq!(sub.component_sizes, vec![2, 2]);
        assert_eq!(sub.largest_component(), 2);
        // At p = 1 the threshold is the maximum, which nothing strictly exceeds.
        let top = generate_coordinated_network(&groups, 1.0).unwrap();
        assert_eq!(top.subgraph().edge_count, 0);
        assert_eq!(top.subgraph().largest_component(), 0);
    }

    #[test]
    fn loops_become_self_edges() {
        let groups = [
            row("o", "c1", "c2", 1.0, "a", "a"),
            row("o", "c3", "c4", 3.0, "a", "b"),
        ];
        let network = generate_coordinated_network(&groups, 0.5).unwrap();
        assert_eq!(names(&network), vec![("a", "a"), ("a", "b")]);
        assert_eq!(network.vertex_count(), 2);
    }

    #[test]
    fn empty_input_has_no_threshold() {
        let network = generate_coordinated_network(&[], 0.5).unwrap();
        assert_eq!((network.vertex_count(), network.edge_count()), (0, 0));
        assert_eq!(network.threshold(), None);
    }

    #[test]
    fn rejects_bad_edge_weight() {
        assert!(matches!(
            generate_coordinated_network(&[], 1.01),
            Err(Error::InvalidParameter(_))
        ));
    }
}
