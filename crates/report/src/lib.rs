//! Reports of a finished run, read back from its result files (so any past run directory
//! works): `report.html`, one self-contained page to explore and publish the networks, and
//! `graph.gexf` / `graph.graphml` for Gephi, networkx and other graph tools.

mod accounts;
mod error;
mod evidence;
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
pub use gexf::write_gexf;
pub use graphml::write_graphml;
pub use model::{Account, Edge, EvidenceRow, MemberRole, Network, Run, TopObject, WorkingHours};
pub use page::render_page;
pub use run_dir::read_run;

use std::path::{Path, PathBuf};

/// What to write into a run directory.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    /// Write `report.html` (the graph exports are always written).
    pub html: bool,
    /// Evidence rows the page keeps (evenly spaced over each edge's rows of evidence.csv).
    pub evidence: EvidenceLimits,
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
            evidence: EvidenceLimits {
                per_edge: Self::DEFAULT_EVIDENCE_PER_EDGE,
                per_network: Self::DEFAULT_EVIDENCE_PER_NETWORK,
            },
        }
    }
}

/// Reads the result files in `dir` and writes `graph.gexf`, `graph.graphml` and, with
/// `options.html`, `report.html` next to them. Returns the paths written.
pub fn write_reports(dir: &Path, options: &ReportOptions) -> Result<Vec<PathBuf>, ReportError> {
    let run = read_run(dir, options.html.then_some(options.evidence))?;
    let gexf = dir.join("graph.gexf");
    write_gexf(&gexf, &run)?;
    let graphml = dir.join("graph.graphml");
    write_graphml(&graphml, &run)?;
    let mut written = vec![gexf, graphml];
    if options.html {
        let html = dir.join("report.html");
        let page = render_page(&run).map_err(|e| ReportError::write(&html, e))?;
        std::fs::write(&html, page).map_err(|e| ReportError::write(&html, e))?;
        written.push(html);
    }
    Ok(written)
}
