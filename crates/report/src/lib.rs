//! Reports of a finished run, read back from its result files (so any past run directory
//! works): `report.html`, one self-contained page to explore and publish the networks, and
//! `graph.gexf` / `graph.graphml` for Gephi, networkx and other graph tools.

mod accounts;
mod error;
mod evidence;
mod explain;
mod gexf;
mod graph;
mod graphml;
mod inline;
mod interned;
mod model;
mod narratives;
mod page;
mod run_dir;
mod table;

pub use error::ReportError;
pub use evidence::EvidenceLimits;
pub use explain::{explain, Coaction, EdgeFacts, Explanation, Member, NetworkFacts};
pub use gexf::write_gexf;
pub use graphml::write_graphml;
pub use model::{
    Account, Edge, EvidenceRow, MemberRole, Network, Run, Sign, TopObject, WorkingHours,
};
pub use page::render_page;
pub use run_dir::read_run;

use std::path::{Path, PathBuf};

/// What to write into a run directory.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    /// Write `report.html`.
    pub html: bool,
    /// When to write `graph.gexf` and `graph.graphml`.
    pub graphs: GraphExports,
    /// Evidence rows the page keeps (evenly spaced over each edge's rows of evidence.csv).
    pub evidence: EvidenceLimits,
}

/// When the graph exports are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphExports {
    /// Whatever the run's size.
    Always,
    /// Never.
    Never,
    /// When the run has at most this many edges (a graph file of a million edges is hundreds of
    /// megabytes that graph tools struggle to open).
    UpTo(usize),
}

impl GraphExports {
    /// The edge count above which `auto` skips the graph exports.
    pub const AUTO_MAX_EDGES: usize = 1_000_000;

    /// `always`, `never` or `auto` (at most [`GraphExports::AUTO_MAX_EDGES`] edges).
    pub fn parse(name: &str) -> Result<Self, String> {
        match name {
            "always" => Ok(Self::Always),
            "never" => Ok(Self::Never),
            "auto" => Ok(Self::UpTo(Self::AUTO_MAX_EDGES)),
            other => Err(format!("'{other}': expected always, never or auto")),
        }
    }
}

/// What [`write_reports`] wrote, and why it skipped the graph exports when it did.
#[derive(Debug, Clone)]
pub struct Written {
    /// The files written.
    pub paths: Vec<PathBuf>,
    /// Why the graph exports were not written, when they were skipped for the run's size.
    pub note: Option<String>,
}

impl ReportOptions {
    /// Evidence rows kept per edge unless told otherwise.
    pub const DEFAULT_EVIDENCE_PER_EDGE: usize = 50;
    /// Evidence rows kept per network unless told otherwise.
    pub const DEFAULT_EVIDENCE_PER_NETWORK: usize = 5000;
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            html: true,
            graphs: GraphExports::UpTo(GraphExports::AUTO_MAX_EDGES),
            evidence: EvidenceLimits {
                per_edge: Self::DEFAULT_EVIDENCE_PER_EDGE,
                per_network: Self::DEFAULT_EVIDENCE_PER_NETWORK,
            },
        }
    }
}

/// Reads the result files in `dir` and writes `graph.gexf` and `graph.graphml` (as
/// `options.graphs` says) and, with `options.html`, `report.html` next to them.
pub fn write_reports(dir: &Path, options: &ReportOptions) -> Result<Written, ReportError> {
    let mut written = Written {
        paths: Vec::new(),
        note: None,
    };
    if !options.html && options.graphs == GraphExports::Never {
        return Ok(written);
    }
    let run = read_run(dir, options.html.then_some(options.evidence))?;
    let graphs = match options.graphs {
        GraphExports::Always => true,
        GraphExports::Never => false,
        GraphExports::UpTo(max) if run.edges.len() <= max => true,
        GraphExports::UpTo(max) => {
            written.note = Some(format!(
                "graph.gexf and graph.graphml not written: {} edges, more than {max} \
                 (--graph-exports always writes them)",
                run.edges.len()
            ));
            false
        }
    };
    if graphs {
        let (gexf, graphml) = (dir.join("graph.gexf"), dir.join("graph.graphml"));
        let (written_gexf, written_graphml) =
            rayon::join(|| write_gexf(&gexf, &run), || write_graphml(&graphml, &run));
        written_gexf?;
        written_graphml?;
        written.paths.extend([gexf, graphml]);
    }
    if options.html {
        let html = dir.join("report.html");
        let page = render_page(&run).map_err(|e| ReportError::write(&html, e))?;
        std::fs::write(&html, page).map_err(|e| ReportError::write(&html, e))?;
        written.paths.push(html);
    }
    Ok(written)
}
