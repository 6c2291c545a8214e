//! The detection pipeline: ingest -> traces -> co-action -> networks, then the result files.

use crate::characterise::{
    account_inauthenticity, account_traits, members_inauthenticity, network_profiles, FixedWindows,
    Found, TimeDetail,
};
use crate::config::{DetectConfig, EdgeRule};
use crate::ingest_stage::{ingest, Ingested, PreparedElsewhere};
use crate::memory::peak_resident_bytes;
use crate::object_timing::ObjectTimings;
use crate::progress::{Progress, Stage};
use crate::run_report::RunReport;
use crate::windows::{choose_windows, window_sensitivity, AutoWindows, WindowSweep};
use anyhow::{Context, Result};
use lockstep_coaction::{Edge, Fused, PairPartition, SweepConfig, SweepStats, Sweeper};
use lockstep_ingest::{read_accounts, AccountProfile, Accounting, AccountsFileUse};
use lockstep_model::{Dataset, Signal, TimeMs};
use lockstep_neardup::{group_narratives, group_narratives_with, BucketPairSource, Narratives};
use lockstep_networks::{build_networks, Network};
use lockstep_output::{Detection, Evidence, IdLabels, NetworkProfile};
use lockstep_stats::surrogate::{calibration, surrogate_tally, CalibrationRow};
use lockstep_stats::{
    may_be_kept, select_by_fdr, AccountTraits, CandidateTally, ChanceModel, EdgeChance,
    FdrSelection, Inauthenticity,
};
use lockstep_traces::TraceStats;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
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
    /// What the posts' times can show (their resolution, whether they hold a weekend).
    pub time_detail: TimeDetail,
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
    /// Which accounts keep their platform scope in the outputs, and the ids shared across
    /// platforms.
    pub labels: IdLabels,
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
            labels: &self.labels,
            weekend: self.time_detail.weekend,
        }
    }
}

/// Time and peak memory of the stages run so far.
#[derive(Default)]
struct StageLog {
    timings: Vec<(Stage, Duration)>,
    memory_peaks: Vec<(Stage, u64)>,
}

impl StageLog {
    /// Adds `elapsed` to `stage`'s time and notes the peak memory so far.
    fn record(&mut self, stage: Stage, elapsed: Duration) {
        match self.timings.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, total)) => *total += elapsed,
            None => self.timings.push((stage, elapsed)),
        }
        if let Some(peak) = peak_resident_bytes() {
            match self.memory_peaks.iter_mut().find(|(s, _)| *s == stage) {
                Some((_, p)) => *p = peak,
                None => self.memory_peaks.push((stage, peak)),
            }
        }
    }
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
    log.record(stage, elapsed);
    stop_if_cancelled(progress)?;
    Ok(out)
}

/// An error when the caller asked for the run to stop.
fn stop_if_cancelled(progress: &dyn Progress) -> Result<()> {
    if progress.cancelled() {
        anyhow::bail!("interrupted");
    }
    Ok(())
}

/// Keys the accounts file's profiles as the dataset keys its accounts: a profile given under an
/// account's id without its platform (an accounts file of one platform's export) is that
/// account's, unless the file also names it with its platform.
fn key_profiles(
    mut profiles: BTreeMap<String, AccountProfile>,
    dataset: &Dataset,
) -> BTreeMap<String, AccountProfile> {
    for a in 0..dataset.accounts.len() as u32 {
        let key = dataset.accounts.resolve(a);
        let given = dataset.given_account_id(a);
        if given != key && !profiles.contains_key(key) {
            if let Some(profile) = profiles.get(given).cloned() {
                profiles.insert(key.to_string(), profile);
            }
        }
    }
    profiles
}

/// The profiles of an accounts file keyed as the posts' accounts are (see [`key_profiles`]),
/// and how they met the posts. Where the file's ids describe under a tenth as many of the
/// posts' accounts as it holds profiles, and its handles (without `@`, in any case) describe
/// more, the profiles are keyed by handle: posts exported with screen names beside a profile
/// file keyed by numeric ids.
fn match_profiles(
    profiles: BTreeMap<String, AccountProfile>,
    dataset: &Dataset,
) -> (BTreeMap<String, AccountProfile>, AccountsFileUse) {
    let given = profiles.len() as u64;
    let accounts = 0..dataset.accounts.len() as u32;
    let by_id = key_profiles(profiles, dataset);
    let described = |keyed: &BTreeMap<String, AccountProfile>| {
        accounts
            .clone()
            .filter(|&a| keyed.contains_key(dataset.accounts.resolve(a)))
            .count() as u64
    };
    let by_id_described = described(&by_id);
    let used = |described, by_handle| AccountsFileUse {
        profiles: given,
        described,
        by_handle,
    };
    if by_id_described * 10 >= given {
        return (by_id, used(by_id_described, false));
    }
    let handle_key = |h: &str| h.trim().trim_start_matches('@').to_lowercase();
    let handles: BTreeMap<String, &AccountProfile> = by_id
        .values()
        .filter_map(|p| Some((handle_key(p.handle.as_deref()?), p)))
        .collect();
    let by_handle: BTreeMap<String, AccountProfile> = accounts
        .clone()
        .filter_map(|a| {
            let key = dataset.accounts.resolve(a);
            let profile = handles.get(&handle_key(dataset.given_account_id(a)))?;
            Some((key.to_string(), (*profile).clone()))
        })
        .collect();
    let by_handle_described = by_handle.len() as u64;
    if by_handle_described > by_id_described {
        (by_handle, used(by_handle_described, true))
    } else {
        (by_id, used(by_id_described, false))
    }
}

/// Runs the pipeline on `config`'s inputs.
pub fn detect(config: &DetectConfig, progress: &dyn Progress) -> Result<DetectOutcome> {
    let mut prepared = prepare(config, progress, None, None)?;
    let configs = prepared.sweep_configs(config);
    progress.stage_started(Stage::CoAction);
    let weighed = weigh(
        &mut prepared.dataset,
        &configs,
        config,
        config.surrogate_check,
    );
    prepared.finish(config, weighed, progress)
}

/// A detection whose posts are read, traced and grouped into narratives, and whose windows are
/// chosen: what the co-action and statistics stages start from, and what finishing needs.
pub(crate) struct Prepared {
    timings: StageLog,
    /// Accounts, posts and actions.
    pub(crate) dataset: Dataset,
    accounting: Accounting,
    traces: TraceStats,
    profiles: Option<BTreeMap<String, AccountProfile>>,
    narratives: Option<Narratives>,
    traits: Vec<Option<AccountTraits>>,
    inauthenticity: Vec<Inauthenticity>,
    windows: BTreeMap<Signal, TimeMs>,
    auto_windows: Option<AutoWindows>,
}

/// Where a run's near-duplicate search gets the pairs of texts that share a bucket of its
/// MinHash banding: from a cluster's executors, say; `None` finds them in the run.
pub type BucketPairs<'a> = Option<&'a mut dyn BucketPairSource<Error = anyhow::Error>>;

/// Reads, traces and groups the inputs, and chooses the windows; the near-duplicate search
/// takes its bucket pairs from `bucket_pairs`, and posts prepared `elsewhere` are taken from
/// there.
pub(crate) fn prepare(
    config: &DetectConfig,
    progress: &dyn Progress,
    bucket_pairs: BucketPairs,
    elsewhere: Option<&dyn PreparedElsewhere>,
) -> Result<Prepared> {
    let mut timings = StageLog::default();
    let (mut dataset, accounting, traces, profiles) =
        timed(Stage::Ingest, progress, &mut timings, || {
            let Ingested {
                dataset,
                mut accounting,
                traces,
                carried,
            } = ingest(config, progress, elsewhere)?;
            let mut profiles = match &config.accounts {
                Some(input) => {
                    let (keyed, used) = match_profiles(read_accounts(input)?, &dataset);
                    accounting.accounts_file = Some(used);
                    Some(keyed)
                }
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
            match bucket_pairs {
                None => Ok(group_narratives(
                    table,
                    posts,
                    &config.text,
                    &config.neardup,
                )),
                Some(source) => {
                    group_narratives_with(table, posts, &config.text, &config.neardup, source)
                }
            }
        })?)
    } else {
        None
    };
    let traits = account_traits(&dataset, profiles.as_ref());
    let inauthenticity = account_inauthenticity(&dataset, &traits);

    let (windows, auto_windows) = if config.auto_windows.is_empty() {
        (config.windows.clone(), None)
    } else {
        let (w, report) = timed(Stage::Windows, progress, &mut timings, || {
            Ok(choose_windows(&mut dataset, config))
        })?;
        (w, Some(report))
    };
    Ok(Prepared {
        timings,
        dataset,
        accounting,
        traces,
        profiles,
        narratives,
        traits,
        inauthenticity,
        windows,
        auto_windows,
    })
}

impl Prepared {
    /// The sweep of every signal at its window.
    pub(crate) fn sweep_configs(&self, config: &DetectConfig) -> Vec<(Signal, SweepConfig)> {
        sweep_configs(
            &self.windows,
            config.max_neighbours,
            self.dataset.accounts.len(),
        )
    }

    /// Builds the networks from what the co-action and statistics stages found, characterises
    /// them and gathers everything the writers need.
    pub(crate) fn finish(
        self,
        config: &DetectConfig,
        weighed: Weighed,
        progress: &dyn Progress,
    ) -> Result<DetectOutcome> {
        let Prepared {
            mut timings,
            mut dataset,
            accounting,
            traces,
            profiles,
            narratives,
            traits,
            inauthenticity,
            windows,
            auto_windows,
        } = self;
        let rate = |members: &[u32]| members_inauthenticity(members, &inauthenticity, &traits);
        let Weighed {
            sweeps,
            objects,
            candidates,
            retained,
            indices,
            selected,
            chance,
            expected_by_signal,
            q_values,
            statistics,
            timings: stage_timings,
        } = weighed;
        for (stage, elapsed) in stage_timings {
            if stage != Stage::CoAction {
                progress.stage_started(stage);
            }
            progress.stage_finished(stage, elapsed);
            timings.record(stage, elapsed);
        }
        stop_if_cancelled(progress)?;

        let time_detail = TimeDetail::of_times(&dataset.post_times);
        let linked = timed(Stage::Networks, progress, &mut timings, || {
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
            let expected_by_signal: Vec<_> = order.iter().map(|&i| expected_by_signal[i]).collect();
            let q_values: Vec<f64> = order.iter().map(|&i| q_values[i]).collect();
            let indices: Vec<usize> = order.iter().map(|&i| indices[i]).collect();
            let (evidence, bounds) = collect_evidence(&retained, &indices, narratives.as_ref());
            let networks = networks_reindexed(networks, &edges, &membership);
            let linked = Linked {
                edges,
                chance,
                expected_by_signal,
                q_values,
                networks,
                membership,
                evidence,
                edge_evidence: bounds,
            };
            let found = Found {
                networks: &linked.networks,
                edges: &linked.edges,
                expected_by_signal: &linked.expected_by_signal,
                evidence: &linked.evidence,
                edge_evidence: &linked.edge_evidence,
            };
            let mut fixed: FixedWindows = [None; Signal::ALL.len()];
            for (&signal, &window) in &windows {
                if !config.auto_windows.contains(&signal) {
                    fixed[signal.index()] = Some(window);
                }
            }
            let profiles =
                network_profiles(&dataset, &objects, &found, &traits, time_detail, &fixed);
            Ok((linked, profiles))
        })?;
        let (linked, network_profiles) = linked;
        let window_sweep = if config.window_sweep.is_empty() {
            None
        } else {
            Some(timed(Stage::Windows, progress, &mut timings, || {
                Ok(window_sensitivity(
                    &mut dataset,
                    config,
                    &linked.networks,
                    &rate,
                ))
            })?)
        };
        let labels = IdLabels::new(&dataset);
        Ok(DetectOutcome {
            labels,
            dataset,
            accounting,
            traces,
            narratives,
            sweeps,
            candidate_edges: candidates,
            edges: linked.edges,
            chance: linked.chance,
            q_values: linked.q_values,
            statistics,
            windows,
            time_detail,
            auto_windows,
            window_sweep,
            networks: linked.networks,
            network_profiles,
            inauthenticity,
            membership: linked.membership,
            evidence: linked.evidence,
            edge_evidence: linked.edge_evidence,
            profiles,
            timings: timings.timings,
            memory_peaks: timings.memory_peaks,
        })
    }
}

/// One sweep configuration per signal window.
pub(crate) fn sweep_configs(
    windows: &BTreeMap<Signal, TimeMs>,
    max_neighbours: usize,
    n_accounts: usize,
) -> Vec<(Signal, SweepConfig)> {
    windows
        .iter()
        .map(|(&signal, &window_ms)| {
            let c = SweepConfig {
                window_ms,
                max_neighbours,
                max_accounts: if signal == Signal::Domain {
                    DetectConfig::domain_max_accounts(n_accounts)
                } else {
                    u32::MAX
                },
            };
            (signal, c)
        })
        .collect()
}

/// The candidate edges that could be selected, the selection, and what the co-action and
/// statistics stages did.
pub(crate) struct Weighed {
    /// What each signal's sweep did, co-actions summed over the parts of the account pairs.
    pub(crate) sweeps: Vec<(Signal, SweepStats)>,
    /// Per swept signal, each object's distinct accounts and in-window share of action pairs.
    pub(crate) objects: ObjectTimings,
    /// Candidate edges weighed.
    pub(crate) candidates: usize,
    /// The candidates that could be selected (p ≤ 0.1, or passing the fixed rule), with their
    /// co-actions.
    pub(crate) retained: Fused,
    /// The index in `retained` of each selected edge, in (a, b) order.
    pub(crate) indices: Vec<usize>,
    pub(crate) selected: Vec<Edge>,
    pub(crate) chance: Vec<EdgeChance>,
    /// Per selected edge, the co-actions chance explains on each signal (by
    /// [`Signal::index`]).
    pub(crate) expected_by_signal: Vec<[f64; Signal::ALL.len()]>,
    pub(crate) q_values: Vec<f64>,
    pub(crate) statistics: StatisticsReport,
    /// Time spent sweeping and fusing (co-action), and weighing and selecting (statistics).
    pub(crate) timings: [(Stage, Duration); 2],
}

/// Sweeps the configured signals and weighs every candidate edge against chance, one part of
/// the account pairs at a time (see [`DetectConfig::partitions`]): each part's candidates are
/// tallied for the selection and only those that could be selected are kept. Then selects edges
/// by `config`'s rule, and runs the surrogate check when `surrogate` is set.
pub(crate) fn weigh(
    dataset: &mut Dataset,
    configs: &[(Signal, SweepConfig)],
    config: &DetectConfig,
    surrogate: bool,
) -> Weighed {
    let Dataset {
        tables,
        accounts,
        post_accounts,
        post_times,
        ..
    } = &mut *dataset;
    let start = Instant::now();
    let sweeper = Sweeper::new(
        tables.iter_mut().filter_map(|table| {
            let (_, c) = configs.iter().find(|(s, _)| *s == table.signal)?;
            Some((table, *c))
        }),
        config.weighting,
    );
    let partitions = config.partitions_for(sweeper.pairs_in_window());
    let part = |index| PairPartition {
        index,
        count: partitions,
    };
    let (results, first) = sweeper.sweep(part(0));
    let mut sweeping = start.elapsed();
    let start = Instant::now();
    let model = ChanceModel::new(
        accounts.len(),
        post_accounts,
        post_times,
        &sweeper.swept(&results),
    );
    let mut sweeps: Vec<(Signal, SweepStats)> =
        results.iter().map(|(s, r)| (*s, r.stats.clone())).collect();
    let objects = ObjectTimings::from_sweeps(results, configs);
    let mut tally = CandidateTally::default();
    let mut retained = Vec::new();
    let mut weigh_part = |mut candidates: Fused| {
        let mut keep = Vec::with_capacity(candidates.len());
        model.tally(&candidates, &mut tally, |range, chances| {
            match config.selection {
                EdgeRule::Fdr { .. } => keep.extend(chances.iter().map(|c| may_be_kept(c.ln_p))),
                EdgeRule::MinEvidence(rule) => {
                    keep.par_extend(candidates.par_edges_in(range).map(|e| rule.keeps(&e)))
                }
            }
        });
        candidates.retain(&keep);
        retained.push(candidates);
    };
    weigh_part(first);
    let mut weighing = start.elapsed();
    for index in 1..partitions {
        let start = Instant::now();
        let (results, candidates) = sweeper.sweep(part(index));
        for ((_, total), (_, r)) in sweeps.iter_mut().zip(&results) {
            total.coactions += r.stats.coactions;
        }
        sweeping += start.elapsed();
        let start = Instant::now();
        weigh_part(candidates);
        weighing += start.elapsed();
    }
    let start = Instant::now();
    let fusion = model.fusion();
    let fdr = select_by_fdr(&tally, &tally.null_counts(fusion), config.fdr_target());
    let retained = Fused::merge(retained);
    let chances = model.assess_all(&retained);
    let indices: Vec<usize> = match config.selection {
        EdgeRule::Fdr { .. } => (0..retained.len())
            .filter(|&i| fdr.keeps(chances[i].ln_p))
            .collect(),
        EdgeRule::MinEvidence(_) => (0..retained.len()).collect(),
    };
    let calibration = surrogate.then(|| {
        let surrogate = surrogate_tally(
            dataset,
            configs,
            config.weighting,
            config.networks.partition.seed,
            partitions,
        );
        calibration(&tally, &surrogate, fusion, &CALIBRATION_THRESHOLDS)
    });
    let selected: Vec<Edge> = indices.iter().map(|&i| retained.edge(i)).collect();
    let weighed = Weighed {
        sweeps,
        objects,
        candidates: tally.tested(),
        expected_by_signal: selected
            .iter()
            .map(|e| model.expected_by_signal(e))
            .collect(),
        selected,
        chance: indices.iter().map(|&i| chances[i]).collect(),
        q_values: indices
            .iter()
            .map(|&i| fdr.q_value(chances[i].ln_p))
            .collect(),
        retained,
        indices,
        statistics: StatisticsReport {
            fdr: matches!(config.selection, EdgeRule::Fdr { .. }).then_some(fdr),
            calibration,
        },
        timings: [
            (Stage::CoAction, sweeping),
            (Stage::Statistics, weighing + start.elapsed()),
        ],
    };
    weighed
}

/// The selected edges in output order (by network, heaviest first) with what goes with each,
/// and the networks built on them.
struct Linked {
    edges: Vec<Edge>,
    chance: Vec<EdgeChance>,
    expected_by_signal: Vec<[f64; Signal::ALL.len()]>,
    q_values: Vec<f64>,
    networks: Vec<Network>,
    membership: Vec<Option<usize>>,
    /// Every edge's co-actions, edge by edge; edge `i`'s are
    /// `evidence[edge_evidence[i]..edge_evidence[i + 1]]`.
    evidence: Vec<Evidence>,
    edge_evidence: Vec<usize>,
}

/// Thresholds at which the surrogate check compares real and surrogate p-values.
pub(crate) const CALIBRATION_THRESHOLDS: [f64; 7] = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-10];

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
            (c.signal, c.first_ms(), c.object)
        });
        bounds.push(evidence.len());
    }
    (evidence, bounds)
}

/// The result files of a run, as written.
#[derive(Debug, Clone)]
pub struct WrittenOutputs {
    /// Every file written, in the order written (run.json last).
    pub paths: Vec<PathBuf>,
    /// How long writing took.
    pub elapsed: Duration,
}

/// Writes accounts.csv, networks.json, edges.csv, evidence.csv, narratives.csv (when the text
/// signal was swept) and run.json into `out_dir`, and with
/// [`lockstep_output::TableFormat::CsvAndParquet`] in `config.tables` each of the four tables as
/// Parquet beside its CSV.
pub fn write_outputs(
    outcome: &DetectOutcome,
    config: &DetectConfig,
    out_dir: &Path,
) -> Result<WrittenOutputs> {
    let start = Instant::now();
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("{}: cannot create output directory", out_dir.display()))?;
    let d = outcome.detection();
    let tables = config.tables;
    let mut paths = Vec::new();
    let table = |name: &str, paths: &mut Vec<PathBuf>| {
        let path = out_dir.join(format!("{name}.csv"));
        paths.push(path.clone());
        if tables == lockstep_output::TableFormat::CsvAndParquet {
            paths.push(path.with_extension("parquet"));
        }
        path
    };
    let accounts = table("accounts", &mut paths);
    let networks = out_dir.join("networks.json");
    paths.push(networks.clone());
    let edges = table("edges", &mut paths);
    let evidence = table("evidence", &mut paths);
    let narratives = outcome
        .narratives
        .as_ref()
        .map(|narratives| (table("narratives", &mut paths), narratives));
    // The files are independent: they are written side by side.
    let (mut accounts_written, mut networks_written) = (Ok(()), Ok(()));
    let (mut edges_written, mut evidence_written, mut narratives_written) =
        (Ok(()), Ok(()), Ok(()));
    rayon::scope(|s| {
        s.spawn(|_| accounts_written = lockstep_output::write_accounts(&accounts, &d, tables));
        s.spawn(|_| networks_written = lockstep_output::write_networks(&networks, &d));
        s.spawn(|_| edges_written = lockstep_output::write_edges(&edges, &d, tables));
        s.spawn(|_| evidence_written = lockstep_output::write_evidence(&evidence, &d, tables));
        if let Some((path, narratives)) = &narratives {
            s.spawn(|_| {
                narratives_written = lockstep_output::write_narratives(path, narratives, tables)
            });
        }
    });
    accounts_written?;
    networks_written?;
    edges_written?;
    evidence_written?;
    narratives_written?;
    let elapsed = start.elapsed();
    let report = RunReport::new(outcome, config, elapsed);
    let run = out_dir.join("run.json");
    lockstep_output::write_json(&run, &report)?;
    paths.push(run);
    Ok(WrittenOutputs { paths, elapsed })
}
