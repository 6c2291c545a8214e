//! `lockstep report`: write the HTML report and graph exports of a finished run.

use anyhow::Result;
use clap::Args;
use lockstep_report::{write_reports, EvidenceLimits, GraphExports, ReportOptions};
use std::path::{Path, PathBuf};

/// Write report.html, graph.gexf and graph.graphml into a run directory.
///
/// Reads the result files of DIR (run.json, networks.json, accounts.csv, edges.csv,
/// evidence.csv), so it works on any past run. report.html is one self-contained page (no
/// network access, opens from disk): overview, searchable network list, and per network an
/// interactive graph, a timeline, the evidence, the accounts with their roles and
/// inauthenticity signs, the daily rhythm and the most shared objects. graph.gexf (Gephi) and
/// graph.graphml (networkx, igraph, yEd) carry every account and edge with their attributes.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  lockstep report results                   # writes results/report.html and the graph files
  lockstep report results --evidence-per-edge 200
  lockstep detect posts.csv --out results --report   # the same, right after detection")]
pub struct ReportArgs {
    /// Directory written by `lockstep detect`.
    #[arg(value_name = "DIR")]
    run_dir: PathBuf,
    /// Evidence rows kept per edge in report.html, evenly spaced over the edge's rows of
    /// evidence.csv (so they span its whole time).
    #[arg(long, default_value_t = ReportOptions::DEFAULT_EVIDENCE_PER_EDGE, value_name = "N")]
    evidence_per_edge: usize,
    /// Evidence rows kept per network in report.html, shared among its edges (at least one
    /// per edge): keeps the page small for large networks.
    #[arg(long, default_value_t = ReportOptions::DEFAULT_EVIDENCE_PER_NETWORK, value_name = "N")]
    evidence_per_network: usize,
    /// Write graph.gexf and graph.graphml: always, never, or auto (unless the run has more
    /// than a million edges).
    #[arg(long, default_value = "auto", value_name = "WHEN", value_parser = ["always", "never", "auto"])]
    graph_exports: String,
}

/// Runs `lockstep report`.
pub fn run(args: ReportArgs) -> Result<()> {
    let options = ReportOptions {
        html: true,
        graphs: GraphExports::parse(&args.graph_exports).map_err(anyhow::Error::msg)?,
        evidence: EvidenceLimits {
            per_edge: args.evidence_per_edge,
            per_network: args.evidence_per_network,
        },
    };
    write_and_list(&args.run_dir, &options)
}

/// Writes the reports of `dir` and prints the paths written.
pub fn write_and_list(dir: &Path, options: &ReportOptions) -> Result<()> {
    let written = write_reports(dir, options)?;
    for path in &written.paths {
        println!("wrote {}", path.display());
    }
    if let Some(note) = written.note {
        eprintln!("note: {note}");
    }
    Ok(())
}
