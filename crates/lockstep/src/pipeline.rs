//! The detection pipeline: ingest -> traces -> co-action -> networks, then the result files.

use crate::config::DetectConfig;
use crate::progress::{Progress, Stage};
use crate::run_report::RunReport;
use anyhow::{Context, Result};
use lockstep_coaction::{fuse, sweep, Edge, SweepConfig, SweepStats};
use lockstep_ingest::{read_accounts, read_posts, AccountProfile, Accounting};
use lockstep_model::{Dataset, Signal};
use lockstep_networks::{build_networks, EdgeSelector, Network};
use lockstep_output::{Detection, Evidence};
use lockstep_traces::{TraceBuilder, TraceStats};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// Everything a detection produced.
pub struct DetectOutcome {
    /// Accounts, posts and actions.
    pub dataset: Dataset,
    /// What happened to every input row.
    pub accounting: Accounting,
    /// What the trace stage did.
    pub traces: TraceStats,
    /// What each signal's sweep did.
    pub sweeps: Vec<(Signal, SweepStats)>,
    /// Edges before selection.
    pub candidate_edges: usize,
    /// Selected edges, ordered by network then weight.
    pub edges: Vec<Edge>,
    /// Ranked networks.
    pub networks: Vec<Network>,
    /// Network index of each account.
    pub membership: Vec<Option<usize>>,
    /// Co-actions behind the selected edges, grouped by edge.
    pub evidence: Vec<Evidence>,
    /// Start of each edge's evidence in `evidence`, plus the end.
    pub edge_evidence: Vec<usize>,
    /// Profiles from the accounts file and from exports that carry them.
    pub profiles: Option<BTreeMap<String, AccountProfile>>,
    /// Time spent per stage.
    pub timings: Vec<(Stage, Duration)>,
}

impl DetectOutcome {
    /// The borrowed view the writers use.
    pub fn detection(&self) -> Detection<'_> {
        Detection {
            dataset: &self.dataset,
            edges: &self.edges,
            networks: &self.networks,
            membership: &self.membership,
            evidence: &self.evidence,
            edge_evidence: &self.edge_evidence,
            profiles: self.profiles.as_ref(),
        }
    }
}

fn timed<T>(
    stage: Stage,
    progress: &dyn Progress,
    timings: &mut Vec<(Stage, Duration)>,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    progress.stage_started(stage);
    let start = Instant::now();
    let out = f()?;
    let elapsed = start.elapsed();
    progress.stage_finished(stage, elapsed);
    timings.push((stage, elapsed));
    Ok(out)
}

/// Runs the pipeline on `config`'s inputs.
pub fn detect(config: &DetectConfig, progress: &dyn Progress) -> Result<DetectOutcome> {
    let mut timings = Vec::new();
    let (mut dataset, accounting, traces, profiles) =
        timed(Stage::Ingest, progress, &mut timings, || {
            let mut builder = TraceBuilder::new(config.text);
            let mut rows = 0u64;
            let mut carried = BTreeMap::new();
            let accounting = read_posts(&config.inputs, &config.ingest, &mut |rec| {
                builder.add(rec);
                if let Some(profile) = rec.profile {
                    if !carried.contains_key(rec.account_id.as_ref()) {
                        carried.insert(rec.account_id.to_string(), profile.clone());
                    }
                }
                rows += 1;
                if rows % 100_000 == 0 {
                    progress.rows_read(rows);
                }
            })?;
            let mut profiles = match &config.accounts {
                Some(input) => Some(read_accounts(input)?),
                None => None,
            };
            // Profiles carried by the posts (platform exports) fill in what the file lacks.
            if !carried.is_empty() {
                let all = profiles.get_or_insert_with(BTreeMap::new);
                for (account, profile) in carried {
                    all.entry(account).or_insert(profile);
                }
            }
            let (dataset, traces) = builder.finish();
            Ok((dataset, accounting, traces, profiles))
        })?;

    let (sweeps, candidates) = timed(Stage::CoAction, progress, &mut timings, || {
        let mut results = Vec::new();
        for (&signal, &window_ms) in &config.windows {
            let table = dataset.table_mut(signal);
            let sweep_config = SweepConfig {
                window_ms,
                max_neighbours: config.max_neighbours,
            };
            let n_objects = table.objects.len();
            results.push((signal, sweep(&mut table.actions, n_objects, &sweep_config)));
        }
        let refs: Vec<_> = results.iter().map(|(s, r)| (*s, r)).collect();
        let edges = fuse(&refs, config.weighting);
        Ok((results, edges))
    })?;

    let (edges, networks, membership, evidence, edge_evidence) =
        timed(Stage::Networks, progress, &mut timings, || {
            let keep = config.selection.select(&candidates);
            let selected: Vec<Edge> = candidates
                .iter()
                .zip(keep)
                .filter(|(_, k)| *k)
                .map(|(e, _)| e.clone())
                .collect();
            let (networks, membership) =
                build_networks(dataset.accounts.len(), &selected, &config.networks);
            let edges = order_edges(selected, &membership);
            let (evidence, bounds) = collect_evidence(&edges, &sweeps);
            let networks = networks_reindexed(networks, &edges, &membership);
            Ok((edges, networks, membership, evidence, bounds))
        })?;

    Ok(DetectOutcome {
        dataset,
        accounting,
        traces,
        sweeps: sweeps.into_iter().map(|(s, r)| (s, r.stats)).collect(),
        candidate_edges: candidates.len(),
        edges,
        networks,
        membership,
        evidence,
        edge_evidence,
        profiles,
        timings,
    })
}

/// Edges in output order: by network (edges outside networks last), heaviest first.
fn order_edges(mut edges: Vec<Edge>, membership: &[Option<usize>]) -> Vec<Edge> {
    let net = |e: &Edge| match (membership[e.a as usize], membership[e.b as usize]) {
        (Some(x), Some(y)) if x == y => x,
        _ => usize::MAX,
    };
    edges.sort_by(|x, y| {
        net(x)
            .cmp(&net(y))
            .then(y.weight.total_cmp(&x.weight))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    edges
}

/// Recomputes each network's internal edge indices after the edges were reordered.
fn networks_reindexed(
    mut networks: Vec<Network>,
    edges: &[Edge],
    membership: &[Option<usize>],
) -> Vec<Network> {
    for net in &mut networks {
        net.edges.clear();
    }
    for (i, e) in edges.iter().enumerate() {
        if let (Some(x), Some(y)) = (membership[e.a as usize], membership[e.b as usize]) {
            if x == y {
                networks[x].edges.push(i);
            }
        }
    }
    networks
}

/// The co-actions of the selected edges, grouped by edge in edge order, each group ordered by
/// signal then time.
fn collect_evidence(
    edges: &[Edge],
    sweeps: &[(Signal, lockstep_coaction::SweepResult)],
) -> (Vec<Evidence>, Vec<usize>) {
    let index: FxHashMap<(u32, u32), usize> = edges
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.a, e.b), i))
        .collect();
    let mut per_edge: Vec<Vec<Evidence>> = vec![Vec::new(); edges.len()];
    for (signal, result) in sweeps {
        for c in &result.coactions {
            if let Some(&i) = index.get(&(c.a, c.b)) {
                per_edge[i].push(Evidence {
                    signal: *signal,
                    coaction: *c,
                });
            }
        }
    }
    let mut evidence = Vec::new();
    let mut bounds = vec![0];
    for mut group in per_edge {
        group.sort_by_key(|ev| {
            (
                ev.signal,
                ev.coaction.time_a.min(ev.coaction.time_b),
                ev.coaction.object,
            )
        });
        evidence.extend(group);
        bounds.push(evidence.len());
    }
    (evidence, bounds)
}

/// Writes accounts.csv, networks.json, edges.csv, evidence.csv and run.json into `out_dir`.
pub fn write_outputs(
    outcome: &DetectOutcome,
    config: &DetectConfig,
    out_dir: &Path,
) -> Result<Duration> {
    let start = Instant::now();
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("{}: cannot create output directory", out_dir.display()))?;
    let d = outcome.detection();
    lockstep_output::write_accounts(&out_dir.join("accounts.csv"), &d)?;
    lockstep_output::write_networks(&out_dir.join("networks.json"), &d)?;
    lockstep_output::write_edges(&out_dir.join("edges.csv"), &d)?;
    lockstep_output::write_evidence(&out_dir.join("evidence.csv"), &d)?;
    let elapsed = start.elapsed();
    let report = RunReport::new(outcome, config, elapsed);
    lockstep_output::write_json(&out_dir.join("run.json"), &report)?;
    Ok(elapsed)
}
