//! CooRTweet compatibility mode: reproduces CooRTweet 2.1.3's `detect_groups` and
//! `generate_coordinated_network` exactly, so that lockstep's results can be checked against
//! (and substituted for) the R package's.
//!
//! The pipeline is [`read_shares`] → [`detect_groups`] → [`generate_coordinated_network`] →
//! [`write_detect_groups`] / [`write_edges`]; [`run`] chains them. [`flag_speed_share`] and
//! [`fast_edge_weights`] add CooRTweet's fast sub-network.
//!
//! In memory, rows and edges are in the order CooRTweet (data.table and igraph) produces them,
//! which decides how each edge is oriented. The files are written sorted (`detect_groups` by
//! `object_id`, edges by `from` then `to`) with numbers formatted as R writes them, matching
//! the reference exports of CooRTweet's results byte for byte.

mod components;
mod detect;
mod error;
mod format;
mod ids;
mod network;
mod params;
mod participation;
mod quantile;
mod read;
mod speed;
mod write;

use std::path::Path;

pub use detect::{detect_groups, GroupRow};
pub use error::Error;
pub use network::{generate_coordinated_network, Edge, Network, Subgraph};
pub use params::Params;
pub use quantile::quantile_type7;
pub use read::{parse_shares, read_shares, Share};
pub use speed::{fast_edge_weights, flag_speed_share};
pub use write::{write_detect_groups, write_edges};

/// File name of the `detect_groups` output inside the output directory.
pub const DETECT_GROUPS_FILE: &str = "detect_groups.csv";
/// File name of the edges output inside the output directory.
pub const EDGES_FILE: &str = "edges.csv";

/// What a [`run`] found, for reporting.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Input rows read.
    pub shares: usize,
    /// Rows of `detect_groups` output.
    pub group_rows: usize,
    /// Vertices (accounts) of the network.
    pub vertices: usize,
    /// Edges of the network, loops included.
    pub edges: usize,
    /// The edge-weight threshold, `None` when there are no edges.
    pub threshold: Option<f64>,
    /// The subgraph of edges above the threshold.
    pub subgraph: Subgraph,
}

/// Reads `input`, runs `detect_groups` and `generate_coordinated_network` with `params`, and
/// writes [`DETECT_GROUPS_FILE`] and [`EDGES_FILE`] into `out_dir` (created if missing).
pub fn run(input: &Path, params: &Params, out_dir: &Path) -> Result<Summary, Error> {
    params.validate()?;
    let shares = read_shares(input)?;
    let groups = detect_groups(&shares, params);
    let network = generate_coordinated_network(&groups, params.edge_weight)?;

    std::fs::create_dir_all(out_dir).map_err(|source| Error::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    write_detect_groups(&out_dir.join(DETECT_GROUPS_FILE), &groups)?;
    write_edges(&out_dir.join(EDGES_FILE), network.edges())?;

    Ok(Summary {
        shares: shares.len(),
        group_rows: groups.len(),
        vertices: network.vertex_count(),
        edges: network.edge_count(),
        threshold: network.threshold(),
        subgraph: network.subgraph(),
    })
}
