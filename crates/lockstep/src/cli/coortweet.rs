//! `lockstep coortweet`: CooRTweet 2.1.3-compatible detection, for verifying results.

use anyhow::Result;
use clap::Args;
use lockstep_coortweet::{run as run_coortweet, Params};
use std::path::PathBuf;

/// Reproduce CooRTweet 2.1.3's detect_groups + generate_coordinated_network exactly.
///
/// FILE has CooRTweet's columns (object_id, account_id, content_id, timestamp_share in UNIX
/// seconds). Writes DIR/detect_groups.csv (object_id, content_id, content_id_y, time_delta,
/// account_id, account_id_y) and DIR/edges.csv (from, to, weight, avg_time_delta, n_content_id,
/// n_content_id_y, edge_symmetry_score, weight_threshold), as CooRTweet would.
#[derive(Args, Debug)]
#[command(after_help = "Example:
  lockstep coortweet russian_coord_tweets.csv --time-window 10 --min-participation 5 \\
      --edge-weight 0.5 --out coortweet-out")]
pub struct CoortweetArgs {
    /// CooRTweet-style CSV (gzip accepted).
    #[arg(value_name = "FILE")]
    input: PathBuf,
    /// Largest time difference in seconds between two shares of an object (inclusive).
    #[arg(long, default_value_t = 10.0)]
    time_window: f64,
    /// Accounts need at least this many shares.
    #[arg(long, default_value_t = 2)]
    min_participation: usize,
    /// Quantile (0-1) of edge weights above which edges enter subgraph 1.
    #[arg(long, default_value_t = 0.5)]
    edge_weight: f64,
    /// Keep loops (CooRTweet's remove_loops = FALSE).
    #[arg(long)]
    keep_loops: bool,
    /// Output directory.
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
}

/// Runs `lockstep coortweet`.
pub fn run(args: CoortweetArgs) -> Result<()> {
    let params = Params {
        time_window: args.time_window,
        min_participation: args.min_participation,
        edge_weight: args.edge_weight,
        remove_loops: !args.keep_loops,
    };
    let s = run_coortweet(&args.input, &params, &args.out)?;
    println!(
        "{} shares -> {} coordinated share pairs; network {} accounts, {} edges; \
weight threshold {}; subgraph 1: {} accounts, {} edges, {} components",
        s.shares,
        s.group_rows,
        s.vertices,
        s.edges,
        s.threshold.map_or("none".to_string(), |t| t.to_string()),
        s.subgraph.vertex_count,
        s.subgraph.edge_count,
        s.subgraph.component_sizes.len()
    );
    println!("results: {}", args.out.display());
    Ok(())
}
