//! `lockstep demo`: generate a dataset, detect, and score the result.

use super::detect::run_config;
use anyhow::Result;
use clap::Args;
use lockstep::DetectConfig;
use lockstep_eval::evaluate;
use lockstep_ingest::Input;
use lockstep_synth::{generate, SynthConfig};
use std::path::PathBuf;

/// Run lockstep end to end on generated data: synth, detect, eval.
///
/// Generates a small synthetic dataset with planted networks and hard negatives into
/// DIR/data, runs detection into DIR/results with the default settings (report.html
/// included), and scores the result against the planted truth.
#[derive(Args, Debug)]
#[command(after_help = "Example:
  lockstep demo                 # writes ./lockstep-demo
  lockstep demo /tmp/demo --seed 3")]
pub struct DemoArgs {
    /// Directory for the generated data and the results.
    #[arg(default_value = "lockstep-demo", value_name = "DIR")]
    dir: PathBuf,
    /// Seed of the generated data.
    #[arg(long, default_value_t = SynthConfig::demo().seed)]
    seed: u64,
}

/// Runs `lockstep demo`.
pub fn run(args: DemoArgs) -> Result<()> {
    let data = args.dir.join("data");
    let results = args.dir.join("results");
    let synth = SynthConfig {
        seed: args.seed,
        ..SynthConfig::demo()
    };
    println!("== generating synthetic data into {}", data.display());
    let summary = generate(&synth, &data)?;
    println!("{summary}");
    println!("\n== detecting coordinated networks");
    let mut config = DetectConfig::new(vec![Input::Path(data.join("posts.csv"))]);
    config.accounts = Some(Input::Path(data.join("accounts.csv")));
    run_config(
        &config,
        &results,
        false,
        10,
        &lockstep_report::ReportOptions::default(),
    )?;
    println!("\n== scoring against the planted truth");
    let evaluation = evaluate(&data.join("truth.csv"), &results)?;
    print!("{}", evaluation.render_text());
    println!("\nfiles:");
    println!(
        "  data:     {}/posts.csv, accounts.csv, truth.csv",
        data.display()
    );
    println!(
        "  results:  {}/networks.json, accounts.csv, edges.csv, evidence.csv, narratives.csv, run.json",
        results.display()
    );
    println!(
        "  report:   {}/report.html (open in a browser), graph.gexf, graph.graphml",
        results.display()
    );
    Ok(())
}
