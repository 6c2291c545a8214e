//! `lockstep eval`: score a detection run against ground truth.

use anyhow::Result;
use clap::Args;
use lockstep_eval::evaluate;
use std::path::PathBuf;

/// Score a detection run against ground truth (truth.csv: account_id, label, kind).
///
/// An account is flagged when accounts.csv in DIR gives it a network whose verdict in
/// networks.json is not authentic_looking (those accounts are reported apart). Reports
/// account-level precision, recall and F1 (positives: kind starting with `cib:`), ROC-AUC and
/// PR-AUC of the accounts' scores, the adjusted Rand index of the grouping, recall per planted
/// network, and how many hard negatives (kind `hard:`) and plain organic accounts were
/// flagged.
#[derive(Args, Debug)]
#[command(after_help = "Example:
  lockstep synth --out data && lockstep detect data/posts.csv --out results
  lockstep eval --truth data/truth.csv results")]
pub struct EvalArgs {
    /// Ground truth file.
    #[arg(long, value_name = "FILE")]
    truth: PathBuf,
    /// Directory written by `lockstep detect`.
    #[arg(value_name = "DIR")]
    run_dir: PathBuf,
    /// Print the scores as JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs `lockstep eval`.
pub fn run(args: EvalArgs) -> Result<()> {
    let evaluation = evaluate(&args.truth, &args.run_dir)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&evaluation)?);
    } else {
        print!("{}", evaluation.render_text());
    }
    Ok(())
}
