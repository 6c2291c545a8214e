//! `lockstep detect`: find coordinated networks in posts files.

use super::progress::{timing_line, TerminalProgress};
use super::report::write_and_list;
use super::summary::print_summary;
use anyhow::{bail, Result};
use clap::Args;
use lockstep::{detect, input_notes, parse_duration, write_outputs, DetectConfig, EdgeRule, Stage};
use lockstep_coaction::ObjectWeighting;
use lockstep_ingest::{ColumnMap, Format, Input};
use lockstep_model::Signal;
use lockstep_networks::MinEvidence;
use lockstep_output::TableFormat;
use lockstep_report::{write_reports, GraphExports, ReportOptions};
use lockstep_traces::shingles::MAX_SHINGLE_SIZE;
use lockstep_traces::{HashtagPolicy, TokenPolicy};
use std::path::PathBuf;

/// Find coordinated networks in posts files and write the results to a directory.
///
/// Reads CSV, TSV, JSON Lines, Parquet or Arrow IPC posts (text files gzip or zstd compressed
/// or not; `-` for stdin) in the canonical form (account_id, post_id, timestamp, text, urls,
/// hashtags, mentions, reshare_of, reply_to, media) or the generic form (account_id, object_id, timestamp; CooRTweet's column
/// names work as they are), or platform exports as they are (detected, or named with --format).
/// Writes accounts.csv, networks.json, edges.csv, evidence.csv, run.json, graph.gexf and
/// graph.graphml to --out (narratives.csv when the text signal is swept, report.html with
/// --report) and prints the top networks.
///
/// The text signal links accounts that post the same narrative: texts that are near-duplicates
/// (Jaccard similarity of word-bigram shingles >= --text-similarity) after normalisation (NFKC,
/// case folding, homoglyphs, invisible characters, URLs, mentions and trailing hashtags).
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  lockstep detect posts.csv --out results
  lockstep detect day1.jsonl.gz day2.jsonl.gz --accounts accounts.csv --out results
  lockstep detect tweets.csv --column account_id=userid --column timestamp=tweet_time \\
      --column reshare_of=retweet_tweetid --out results
  lockstep detect posts.csv --window 10s --window text=30m --signals reshare,link,text --out r
  lockstep detect posts.csv --window auto --windows 1m,10m,1h --out results
  lockstep detect posts.csv --accounts accounts.csv --out results --report
  zcat posts.csv.gz | lockstep detect - --out results
  lockstep detect --format twitter-io ira_tweets_csv_hashed.csv --rejects rejects.csv --out r
  lockstep detect posts.csv --text-similarity 0.7 --text-hashtags keep --out r

Formats (--format; detected from content when not given):
  csv               CSV with a header: canonical or mapped columns (--column); semicolons
                    separate where the header has no comma; list cells may be written
                    ['a', 'b'] or [\"a\", \"b\"]
  tsv               TSV with a header (no quoting)
  jsonl             JSON Lines: canonical or mapped keys (dotted paths work)
  parquet           Apache Parquet: canonical or mapped columns (list columns for urls etc.)
  arrow             Arrow IPC file or stream (Feather v2): as Parquet
  twitter-v2        X API v2 JSON Lines as written by twarc2 (pages or flattened tweets)
  twitter-v1        X API v1.1 tweets, one per line
  twitter-io        X information-operations archive tweets CSV (times from tweet ids)
  ira-538           FiveThirtyEight/Clemson Russian troll tweets CSV
  crowdtangle       CrowdTangle Facebook/Instagram CSV exports
  bluesky           Bluesky Jetstream events, one per line
  telegram          Telegram Desktop result.json export
  mastodon          Mastodon API statuses (array or one per line)
  reddit            Pushshift Reddit submissions/comments ndjson
  cnt               Coordination Network Toolkit headerless CSV

Signals: reshare, reply, link, hashtag, mention, media, text, object (window 1h by default);
domain (window 1d: sites promoted together day by day; sites linked by more than 100 accounts,
or 1 in 100 of a larger dump's, are everyone's and not swept).

Edges are kept when chance (popular objects, busy accounts, daily rhythms) explains their
co-actions so badly that at most --fdr of the kept edges are expected to be chance. Each
network gets a verdict from its behaviour (networks.json signs): likely_cib when its co-actions
keep one time zone's office hours on workdays (unless they only follow the timing of the
threads, posts and tags they act on, as a community does, or keep one slot of the day, as an
event's audience does), come seconds apart on objects of
their own, push content of their own without amplifying a few outside authors or being
most of the communities they co-act in, rise and fall together day by day over weeks, or post
with a client (the client column) hardly anyone outside the networks uses; authentic_looking
otherwise (fan communities, a paper's
readers, forum regulars). With --accounts (or an export carrying profiles) networks whose
accounts look fabricated are likely_cib too, and verified outlets syndicating their own
content look authentic.")]
pub struct DetectArgs {
    /// Posts files (CSV, TSV, JSON Lines or platform exports; .gz/.zst detected by content);
    /// `-` reads stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Directory for the result files (created if missing).
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
    /// Input format for every input instead of detecting it (see Formats below).
    #[arg(long, value_name = "NAME")]
    format: Option<String>,
    /// Read a canonical field from another column: FIELD=COLUMN (JSON: dotted paths such as
    /// user.id work). Repeatable.
    #[arg(long = "column", value_name = "FIELD=COLUMN")]
    columns: Vec<String>,
    /// Accounts file (account_id, created_at, handle, display_name, followers, ...).
    #[arg(long, value_name = "FILE")]
    accounts: Option<PathBuf>,
    /// Write every rejected row to FILE (CSV: source, line, reason, row).
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// Co-action window: DURATION for every signal but domain (which keeps its day unless
    /// named), or SIGNAL=DURATION for one (10s, 1m, 2h, 500ms, 1d). Inclusive. `auto` instead of a duration chooses the window from the lags of
    /// the pairs that chance does not explain (see run.json `auto_windows`). Repeatable; later
    /// values win.
    #[arg(long = "window", value_name = "[SIGNAL=]DURATION|auto")]
    windows: Vec<String>,
    /// Sensitivity sweep: rerun at each of these windows (every signal but domain) and report in run.json
    /// (`window_sweep`) which networks are found again at every one, e.g. 10s,1m,10m,1h.
    #[arg(long = "windows", value_delimiter = ',', value_name = "LIST")]
    window_sweep: Vec<String>,
    /// Comma-separated signals to sweep (default: all).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    signals: Option<Vec<String>>,
    /// On an object with many actions inside one window, pair each action with at most this
    /// many earlier ones (the nearest in time); what is skipped is counted in run.json.
    #[arg(long, default_value_t = 100, value_name = "N")]
    max_neighbours: usize,
    /// Sweep and weigh the account pairs in N parts, one after another, holding one part's
    /// co-actions at a time: less memory on very large inputs for a sweep per part. The files
    /// do not depend on it (sums across parts are exact). Default: one part per 80 million
    /// action pairs within the windows (at most 3.2 GB of co-actions).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    partitions: Option<u32>,
    /// Target false discovery rate of the kept edges: edges are kept below the largest p-value
    /// threshold at which the chance model expects at most this share of the kept edges to be
    /// chance coincidences.
    #[arg(long, default_value_t = DetectConfig::DEFAULT_FDR, value_name = "RATE")]
    fdr: f64,
    /// Keep edges by fixed thresholds (--min-weight, --min-objects) instead of the chance model.
    #[arg(long)]
    min_evidence: bool,
    /// With --min-evidence: keep edges whose popularity-weighted evidence reaches this weight.
    #[arg(
        long,
        default_value_t = 2.0,
        value_name = "W",
        requires = "min_evidence"
    )]
    min_weight: f64,
    /// With --min-evidence: keep edges with at least this many distinct shared objects.
    #[arg(long, default_value_t = 3, value_name = "N", requires = "min_evidence")]
    min_objects: u32,
    /// Also run a surrogate of the data without coordination (each action handed to a random
    /// account active at the same hour of the day) and report in run.json, per p-value
    /// threshold, the chance edges the model expects next to those the surrogate has.
    #[arg(long)]
    calibrate: bool,
    /// In the `weight` column (and the clustering it feeds), count every shared object as 1
    /// instead of discounting popular objects.
    #[arg(long)]
    no_popularity_weighting: bool,
    /// Smallest network reported.
    #[arg(long, default_value_t = 3, value_name = "N")]
    min_size: usize,
    /// Seed of the community detection (results are identical for the same input and seed).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Resolution of the modularity used to split large components (higher: smaller networks).
    #[arg(long, default_value_t = 1.0)]
    resolution: f64,
    /// Narratives (near-duplicate texts) posted by more distinct accounts than this are
    /// boilerplate and link no one.
    #[arg(long, default_value_t = 200, value_name = "N")]
    max_text_accounts: usize,
    /// Texts whose shingle sets have at least this Jaccard similarity are the same narrative
    /// (0 < J <= 1; 1 links only texts with the same shingles).
    #[arg(long, default_value_t = 0.5, value_name = "J")]
    text_similarity: f64,
    /// Words per shingle (characters in CJK and Thai): 2 compares word pairs, 1 word sets.
    #[arg(long, default_value_t = 2, value_name = "N")]
    text_shingle: usize,
    /// URLs inside texts: drop or keep (as words).
    #[arg(long, default_value = "drop", value_name = "POLICY")]
    text_urls: TokenPolicy,
    /// @mentions inside texts: drop or keep (as words).
    #[arg(long, default_value = "drop", value_name = "POLICY")]
    text_mentions: TokenPolicy,
    /// Hashtags inside texts: keep (the word, without #), drop-trailing (tags after the last
    /// word are dropped, others kept) or drop.
    #[arg(long, default_value = "drop-trailing", value_name = "POLICY")]
    text_hashtags: HashtagPolicy,
    /// Result tables as `csv`, or `parquet`: accounts, edges, evidence and narratives also as
    /// Parquet files with typed columns beside their CSV (accounts.parquet, ...).
    #[arg(long, default_value = "csv", value_name = "FORMAT", value_parser = ["csv", "parquet"])]
    output_format: String,
    /// Number of networks printed in the summary.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    /// Also write report.html: one self-contained page to explore and share the networks
    /// (see `lockstep report --help`).
    #[arg(long)]
    report: bool,
    /// Write graph.gexf and graph.graphml: always, never, or auto (unless the run has more
    /// than a million edges, whose graph files graph tools struggle to open).
    #[arg(long, default_value = "auto", value_name = "WHEN", value_parser = ["always", "never", "auto"])]
    graph_exports: String,
    /// No progress bars and no summary.
    #[arg(long, short)]
    quiet: bool,
}

impl DetectArgs {
    /// The detection configuration these arguments ask for.
    pub fn config(&self) -> Result<DetectConfig> {
        let mut c = DetectConfig::new(self.inputs.iter().map(|p| Input::from_arg(p)).collect());
        if let Some(f) = &self.format {
            c.ingest.format = Some(f.parse::<Format>().map_err(anyhow::Error::msg)?);
        }
        c.ingest.columns = ColumnMap::parse(&self.columns).map_err(anyhow::Error::msg)?;
        c.accounts = self.accounts.as_deref().map(Input::from_arg);
        c.ingest.rejects = self.rejects.clone();
        if let Some(list) = &self.signals {
            let defaults = DetectConfig::default_windows();
            c.windows.clear();
            for name in list {
                let s: Signal = name.parse()?;
                c.windows.insert(
                    s,
                    defaults
                        .get(&s)
                        .copied()
                        .unwrap_or(DetectConfig::DEFAULT_WINDOW_MS),
                );
            }
        }
        for spec in &self.windows {
            let (signals, dur): (Vec<Signal>, &str) = match spec.split_once('=') {
                Some((name, dur)) => {
                    let s: Signal = name.parse()?;
                    if !c.windows.contains_key(&s) {
                        bail!("--window {spec}: signal '{s}' is not swept (add it to --signals)");
                    }
                    (vec![s], dur)
                }
                // A window for every signal leaves the sites' window of days alone.
                None => (
                    c.windows
                        .keys()
                        .copied()
                        .filter(|&s| s != Signal::Domain)
                        .collect(),
                    spec.as_str(),
                ),
            };
            if dur.trim() == "auto" {
                c.auto_windows.extend(signals);
            } else {
                let ms = parse_duration(dur).map_err(anyhow::Error::msg)?;
                for s in signals {
                    c.auto_windows.remove(&s);
                    c.windows.insert(s, ms);
                }
            }
        }
        for w in &self.window_sweep {
            c.window_sweep
                .push(parse_duration(w).map_err(anyhow::Error::msg)?);
        }
        if self.max_neighbours == 0 {
            bail!("--max-neighbours must be at least 1");
        }
        if !(self.resolution.is_finite() && self.resolution >= 0.0) {
            bail!("--resolution must be a non-negative number");
        }
        c.max_neighbours = self.max_neighbours;
        c.partitions = self.partitions;
        if !(self.fdr > 0.0 && self.fdr < 1.0) {
            bail!("--fdr must lie strictly between 0 and 1");
        }
        c.selection = if self.min_evidence {
            EdgeRule::MinEvidence(MinEvidence {
                min_weight: self.min_weight,
                min_objects: self.min_objects,
            })
        } else {
            EdgeRule::Fdr { target: self.fdr }
        };
        c.surrogate_check = self.calibrate;
        if self.no_popularity_weighting {
            c.weighting = ObjectWeighting::Count;
        }
        c.networks.min_size = self.min_size;
        c.networks.partition.seed = self.seed;
        c.networks.partition.resolution = self.resolution;
        c.text.max_accounts = self.max_text_accounts;
        c.text.urls = self.text_urls;
        c.text.mentions = self.text_mentions;
        c.text.hashtags = self.text_hashtags;
        if !(self.text_similarity > 0.0 && self.text_similarity <= 1.0) {
            bail!("--text-similarity must be in (0, 1]");
        }
        if !(1..=MAX_SHINGLE_SIZE).contains(&self.text_shingle) {
            bail!("--text-shingle must be between 1 and {MAX_SHINGLE_SIZE}");
        }
        c.neardup.similarity = self.text_similarity;
        c.neardup.shingle_size = self.text_shingle;
        if self.output_format == "parquet" {
            c.tables = TableFormat::CsvAndParquet;
        }
        Ok(c)
    }
}

impl DetectArgs {
    /// The run these arguments ask for: its configuration, directory and reports.
    pub fn request(&self) -> Result<DetectRequest> {
        Ok(DetectRequest {
            config: self.config()?,
            out: self.out.clone(),
            reports: ReportOptions {
                html: self.report,
                graphs: GraphExports::parse(&self.graph_exports).map_err(anyhow::Error::msg)?,
                ..ReportOptions::default()
            },
        })
    }
}

/// A detection run as the command line describes it.
#[derive(Debug, Clone)]
pub struct DetectRequest {
    /// What to detect with.
    pub config: DetectConfig,
    /// Where the result files go.
    pub out: PathBuf,
    /// Which reports follow the result files.
    pub reports: ReportOptions,
}

/// Runs `lockstep detect`.
pub fn run(args: DetectArgs) -> Result<()> {
    let request = args
        .request()
        .map_err(|e| anyhow::Error::new(super::UsageError(e)))?;
    run_config(
        &request.config,
        &request.out,
        args.quiet,
        args.top,
        &request.reports,
    )
}

/// Detects with `config`, writes to `out` with the `reports` and prints the summary unless
/// `quiet`.
pub fn run_config(
    config: &DetectConfig,
    out: &std::path::Path,
    quiet: bool,
    top: usize,
    reports: &ReportOptions,
) -> Result<()> {
    let progress = TerminalProgress::new(quiet);
    let mut outcome = detect(config, &progress)?;
    for warning in input_notes(&outcome.accounting, &config.windows, outcome.time_detail).warnings {
        eprintln!("warning: {warning}");
    }
    use lockstep::Progress;
    progress.stage_started(Stage::Output);
    let written = write_outputs(&outcome, config, out)?;
    let elapsed = written.elapsed;
    progress.stage_finished(Stage::Output, elapsed);
    outcome.timings.push((Stage::Output, elapsed));
    if quiet {
        write_reports(out, reports)?;
    } else {
        print_summary(&outcome, &config.windows, top);
        println!("results: {}", out.display());
        for path in &written.paths {
            println!("wrote {}", path.display());
        }
        write_and_list(out, reports)?;
        eprintln!("{}", timing_line(&outcome.timings));
    }
    Ok(())
}
