//! The detection pipeline: ingest -> traces -> co-action -> networks, then the result files.

use crate::characterise::{
    account_inauthenticity, account_traits, members_inauthenticity, network_profiles,
};
use crate::config::{DetectConfig, EdgeRule};
use crate::ingest_stage::{ingest, Ingested};
use crate::memory::peak_resident_bytes;
use crate::progress::{Progress, Stage};
use crate::run_report::RunReport;
use crate::windows::{choose_windows, window_sensitivity, AutoWindows, WindowSweep};
use anyhow::{Context, Result};
use lockstep_coaction::{
    sweep_tables, Edge, Fused, ObjectWeighting, SweepConfig, SweepResult, SweepStats,
};
use lockstep_ingest::{read_accounts, AccountProfile, Accounting};
use lockstep_model::{Dataset, Signal, TimeMs};
use lockstep_neardup::{group_narratives, Narratives};
use lockstep_networks::{build_networks, Network};
use lockstep_output::{Detection, Evidence, NetworkProfile};
use lockstep_stats::surrogate::{calibration, surrogate_edges, CalibrationRow};
use lockstep_stats::{select_by_fdr, ChanceModel, EdgeChance, FdrSelection, Inauthenticity};
use lockstep_traces::TraceStats;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// What the statistics stage did, for run.json.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StatisticsReport {
    /// The selection by estimated false discovery rate, when edges were chosen that way.
    pub fdr: Option<FdrSelection>,
    /// Real against surrogate p-values at several thresholds, when the check was run.
    pub calibration: Option<Vec<CalibrationRow>>,
}

/// Everything a detection produced.
pub struct DetectOutcome {
    /// Accounts, posts and actions.
    pub dataset: Dataset,
    /// What happened to every input row.
    pub accounting: Accounting,
    /// What the trace stage did.
    pub traces: TraceStats,
    /// Narratives of near-duplicate texts, when the text signal was swept.
    pub narratives: Option<Narratives>,
    /// What each signal's sweep did.
    pub sweeps: Vec<(Signal, SweepStats)>,
    /// Edges before selection.
    pub candidate_edges: usize,
    /// Selected edges, ordered by network then weight.
    pub edges: Vec<Edge>,
    /// The chance side of every selected edge, in the order of `edges`.
    pub chance: Vec<EdgeChance>,
    /// The q-value of every selected edge (the smallest estimated false discovery rate at which
    /// it is kept), in the order of `edges`.
    pub q_values: Vec<f64>,
    /// What the statistics stage did.
    pub statistics: StatisticsReport,
    /// The window of every swept signal, as used.
    pub windows: BTreeMap<Signal, TimeMs>,
    /// How automatic windows were chosen, when any was.
    pub auto_windows: Option<AutoWindows>,
    /// The networks found at each window of the sensitivity sweep, when one was asked for.
    pub window_sweep: Option<WindowSweep>,
    /// Ranked networks.
    pub networks: Vec<Network>,
    /// Roles, working hours, verdict and amplified authors of each network, in network order.
    pub network_profiles: Vec<NetworkProfile>,
    /// Inauthenticity of every account.
    pub inauthenticity: Vec<Inauthenticity>,
    /// Network index of each account.
    pub membership: Vec<Option<usize>>,
    /// Co-actions behind the selected edges, grouped by edge.
    pub evidence: Vec<Evidence>,
    /// Start of each edge's evidence in `evidence`, plus the end.
    pub edge_evidence: Vec<usize>,
    /// Profiles from the accounts file and from exports that carry them.
    pub profiles: Option<BTreeMap<String, AccountProfile>>,
    /// Time spent per stage, in the order the stages first ran; a stage that ran more than once
    /// (windows: the automatic choice, then the sweep) appears once with its total.
    pub timings: Vec<(Stage, Duration)>,
    /// The process's peak resident memory in bytes at the end of each stage, in the order of
    /// `timings`, where the operating system reports it.
    pub memory_peaks: Vec<(Stage, u64)>,
}

impl DetectOutcome {
    /// The borrowed view the writers use.
    pub fn detection(&self) -> Detection<'_> {
        Detection {
            dataset: &self.dataset,
            edges: &self.edges,
            chance: &self.chance,
            q_values: &self.q_values,
            fdr: self.statistics.fdr.as_ref(),
            inauthenticity: &self.inauthenticity,
            network_profiles: &self.network_profiles,
            networks: &self.networks,
            membership: &self.membership,
            evidence: &self.evidence,
            edge_evidence: &self.edge_evidence,
            profiles: self.profiles.as_ref(),
            narratives: self.narratives.as_ref(),
        }
    }
}

/// Time and peak memory of the stages run so far.
#[derive(Default)]
struct StageLog {
    timings: Vec<(Stage, Duration)>,
    memory_peaks: Vec<(Stage, u64)>,
}

fn timed<T>(
    stage: Stage,
    progress: &dyn Progress,
    log: &mut StageLog,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    progress.stage_started(stage);
    let start = Instant::now();
    let out = f()?;
    let elapsed = start.elapsed();
    progress.stage_finished(stage, elapsed);
    match log.timings.iter_mut().find(|(s, _)| *s == stage) {
        Some((_, total)) => *total += elapsed,
        None => log.timings.push((stage, elapsed)),
    }
    if let Some(peak) = peak_resident_bytes() {
        match log.memory_peaks.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, p)) => *p = peak,
            None => log.memory_peaks.push((stage, peak)),
        }
    }
    Ok(out)
}

/// Runs the pipeline on `config`'s inputs.
pub fn detect(config: &DetectConfig, progress: &dyn Progress) -> Result<DetectOutcome> {
    let mut timings = StageLog::default();
    let (mut dataset, accounting, traces, profiles) =
        timed(Stage::Ingest, progress, &mut timings, || {
            let Ingested {
                dataset,
                accounting,
                traces,
                carried,
            } = ingest(config, progress)?;
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
            Ok((dataset, accounting, traces, profiles))
        })?;

    let narratives = if config.windows.contains_key(&Signal::Text) {
        Some(timed(Stage::Narratives, progress, &mut timings, || {
            let posts = dataset.post_times.len();
            let table = dataset.table_mut(Signal::Text);
            Ok(group_narratives(
                table,
                posts,
                &config.text,
                &config.neardup,
            ))
        })?)
    } else {
        None
    };
    let traits = account_traits(&dataset, profiles.as_ref());
    let inauthenticity = account_inauthenticity(&dataset, &traits);
    let rate = |members: &[u32]| members_inauthenticity(members, &inauthenticity, &traits);

    let (windows, auto_windows) = if config.auto_windows.is_empty() {
        (config.windows.clone(), None)
    } else {
        let (w, report) = timed(Stage::Windows, progress, &mut timings, || {
            Ok(choose_windows(&mut dataset, config))
        })?;
        (w, Some(report))
    };
    let configs = sweep_configs(&windows, config.max_neighbours);
    let (sweeps, candidates) = timed(Stage::CoAction, progress, &mut timings, || {
        Ok(sweep_signals(&mut dataset, &configs, config.weighting))
    })?;
    let Weighed {
        indices,
        selected,
        chance,
        q_values,
        statistics,
    } = timed(Stage::Statistics, progress, &mut timings, || {
        Ok(weigh(
            &dataset,
            &sweeps,
            &candidates,
            &configs,
            config,
            config.surrogate_check,
        ))
    })?;

    let (edges, chance, q_values, networks, membership, evidence, edge_evidence) =
        timed(Stage::Networks, progress, &mut timings, || {
            let strengths: Vec<f64> = chance.iter().map(EdgeChance::surprise).collect();
            let (networks, membership) = build_networks(
                dataset.accounts.len(),
                &selected,
                &strengths,
                &rate,
                &config.networks,
            );
            let order = edge_order(&selected, &membership);
            let edges: Vec<Edge> = order.iter().map(|&i| selected[i].clone()).collect();
            let chance: Vec<EdgeChance> = order.iter().map(|&i| chance[i]).collect();
            let q_values: Vec<f64> = order.iter().map(|&i| q_values[i]).collect();
            let indices: Vec<usize> = order.iter().map(|&i| indices[i]).collect();
            let (evidence, bounds) = collect_evidence(&candidates, &indices, narratives.as_ref());
            let networks = networks_reindexed(networks, &edges, &membership);
            Ok((
                edges, chance, q_values, networks, membership, evidence, bounds,
            ))
        })?;

    let network_profiles = network_profiles(
        &dataset,
        &networks,
        &edges,
        &evidence,
        &edge_evidence,
        &traits,
        profiles.is_some(),
    );
    let window_sweep = if config.window_sweep.is_empty() {
        None
    } else {
        Some(timed(Stage::Windows, progress, &mut timings, || {
            Ok(window_sensitivity(&mut dataset, config, &networks, &rate))
        })?)
    };
    Ok(DetectOutcome {
        dataset,
        accounting,
        traces,
        narratives,
        sweeps: sweeps.into_iter().map(|(s, r)| (s, r.stats)).collect(),
        candidate_edges: candidates.len(),
        edges,
        chance,
        q_values,
        statistics,
        windows,
        auto_windows,
        window_sweep,
        networks,
        network_profiles,
        inauthenticity,
        membership,
        evidence,
        edge_evidence,
        profiles,
        timings: timings.timings,
        memory_peaks: timings.memory_peaks,
    })
}

/// One sweep configuration per signal window.
pub(crate) fn sweep_configs(
    windows: &BTreeMap<Signal, TimeMs>,
    max_neighbours: usize,
) -> Vec<(Signal, SweepConfig)> {
    windows
        .iter()
        .map(|(&signal, &window_ms)| {
            let c = SweepConfig {
                window_ms,
                max_neighbours,
            };
            (signal, c)
        })
        .collect()
}

/// Sweeps every configured signal and fuses the co-actions into candidate edges.
pub(crate) fn sweep_signals(
    dataset: &mut Dataset,
    configs: &[(Signal, SweepConfig)],
    weighting: ObjectWeighting,
) -> (Vec<(Signal, SweepResult)>, Fused) {
    let tables = dataset.tables.iter_mut().filter_map(|table| {
        let (_, config) = configs.iter().find(|(s, _)| *s == table.signal)?;
        Some((table, *config))
    });
    sweep_tables(tables, weighting)
}

/// The selected edges with their chance side, and what the statistics stage did.
pub(crate) struct Weighed {
    /// The candidate index of each selected edge, in candidate order.
    pub(crate) indices: Vec<usize>,
    pub(crate) selected: Vec<Edge>,
    pub(crate) chance: Vec<EdgeChance>,
    pub(crate) q_values: Vec<f64>,
    pub(crate) statistics: StatisticsReport,
}

/// Weighs every candidate edge against chance and selects edges by `config`'s rule; runs the
/// surrogate check when `surrogate` is set. Per candidate, only its p-value is held.
pub(crate) fn weigh(
    dataset: &Dataset,
    sweeps: &[(Signal, SweepResult)],
    candidates: &Fused,
    configs: &[(Signal, SweepConfig)],
    config: &DetectConfig,
    surrogate: bool,
) -> Weighed {
    let swept: Vec<_> = sweeps.iter().map(|(s, r)| (dataset.table(*s), r)).collect();
    let model = ChanceModel::new(
        dataset.accounts.len(),
        &dataset.post_accounts,
        &dataset.post_times,
        &swept,
    );
    let assessment = model.assess_all(candidates);
    let fdr = select_by_fdr(&assessment.ln_p, &assessment.null, config.fdr_target());
    let indices: Vec<usize> = match config.selection {
        EdgeRule::Fdr { .. } => (0..candidates.len())
            .filter(|&i| fdr.keeps(assessment.ln_p[i]))
            .collect(),
        EdgeRule::MinEvidence(rule) => candidates
            .par_edges()
            .enumerate()
            .filter(|(_, e)| rule.keeps(e))
            .map(|(i, _)| i)
            .collect(),
    };
    let calibration = surrogate.then(|| {
        let surrogate = surrogate_edges(
            dataset,
            configs,
            config.weighting,
            config.networks.partition.seed,
        );
        calibration(&assessment, &surrogate, &CALIBRATION_THRESHOLDS)
    });
    let selected: Vec<Edge> = indices.iter().map(|&i| candidates.edge(i)).collect();
    Weighed {
        chance: selected.iter().map(|e| model.assess_edge(e)).collect(),
        q_values: indices
            .iter()
            .map(|&i| fdr.q_value(assessment.ln_p[i]))
            .collect(),
        indices,
        selected,
        statistics: StatisticsReport {
            fdr: matches!(config.selection, EdgeRule::Fdr { .. }).then_some(fdr),
            calibration,
        },
    }
}

/// Thresholds at which the surrogate check compares real and surrogate p-values.
const CALIBRATION_THRESHOLDS: [f64; 7] = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-10];

/// Output order of the edges, as indices: by network (edges outside networks last), heaviest
/// first.
fn edge_order(edges: &[Edge], membership: &[Option<usize>]) -> Vec<usize> {
    let net = |e: &Edge| match (membership[e.a as usize], membership[e.b as usize]) {
        (Some(x), Some(y)) if x == y => x,
        _ => usize::MAX,
    };
    let mut order: Vec<usize> = (0..edges.len()).collect();
    order.sort_by(|&i, &j| {
        let (x, y) = (&edges[i], &edges[j]);
        net(x)
            .cmp(&net(y))
            .then(y.weight.total_cmp(&x.weight))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    order
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

/// The co-actions of the edges at `indices` among the candidates, grouped by edge, each group
/// ordered by signal then time; text co-actions carry the similarity of the two texts.
fn collect_evidence(
    candidates: &Fused,
    indices: &[usize],
    narratives: Option<&Narratives>,
) -> (Vec<Evidence>, Vec<usize>) {
    let mut evidence = Vec::new();
    let mut bounds = vec![0];
    for &i in indices {
        let start = evidence.len();
        evidence.extend(candidates.coactions(i).iter().map(|c| {
            Evidence {
                coaction: *c,
                similarity: narratives
                    .filter(|_| c.signal == Signal::Text)
                    .and_then(|n| n.similarity(c.post_a, c.post_b)),
            }
        }));
        evidence[start..].sort_by_key(|ev| {
            let c = &ev.coaction;
            (c.signal, c.time_a.min(c.time_b), c.object)
        });
        bounds.push(evidence.len());
    }
    (evidence, bounds)
}

/// Writes accounts.csv, networks.json, edges.csv, evidence.csv, narratives.csv (when the text
/// signal was swept) and run.json into `out_dir`.
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
    if let Some(narratives) = &outcome.narratives {
        lockstep_output::write_narratives(&out_dir.join("narratives.csv"), narratives)?;
    }
    let elapsed = start.elapsed();
    let report = RunReport::new(outcome, config, elapsed);
    lockstep_output::write_json(&out_dir.join("run.json"), &report)?;
    Ok(elapsed)
}
