//! Detection with the co-action and statistics stages spread over a cluster: the work one
//! executor does on one partition, and the driver's side that turns the partitions' results
//! into the outcome [`crate::detect`] gives on one machine. lockstep's Spark module runs it.
//!
//! 0. Each executor reads a partition of the posts and prepares their traces ([`trace_part`]:
//!    canonical links and domains, folded tags and mentions, normalised texts).
//! 1. The driver reads the posts again in input order, for the accounting and the dense ids,
//!    commits what the executors prepared and groups the traces ([`ClusterRun::new`]), cuts the viral
//!    objects into slices ([`ClusterRun::cut_viral_objects`]) and hands out the [`SweepPlan`]
//!    and each signal's actions ([`ClusterRun::shipped`]).
//! 2. Each executor sweeps a partition holding whole objects ([`sweep_part`]): the co-actions,
//!    what it found of each object, the sweep's counts and the objects' part of the chance
//!    model's incidence. The slices of the cut objects are paired apart ([`pair_slice_part`]),
//!    and their co-actions, gathered by object and account pair, reduced to one per episode
//!    ([`episodes_part`]); the driver itself found the cut objects' shares and incidence.
//! 3. The driver merges the incidence parts into the chance model ([`ClusterRun::model`]).
//! 4. Each executor weighs a partition holding whole account pairs against it
//!    ([`weigh_part`]): the candidates' tally and the co-actions of those that could be
//!    selected, with their p-values.
//! 5. The driver merges the tallies and sets the threshold ([`ClusterRun::select`]); the
//!    co-actions of the selected candidates come back and the driver builds the networks
//!    ([`ClusterRun::finish`]).
//!
//! The result does not depend on the partitioning: a sweep of whole objects finds exactly the
//! co-actions and shares of a sweep of everything, a slice pairs its actions as a sweep of its
//! whole object does, a candidate is a function of its pair's co-actions alone, and every sum
//! across partitions is exact ([`lockstep_stats::ExactSum`]).
//! The driver holds the posts and actions (as a single run does) and runs the automatic window
//! choice, the window sweep and the surrogate check itself.

use crate::config::{DetectConfig, EdgeRule};
use crate::object_timing::ObjectTimings;
use crate::pipeline::{prepare, BucketPairs, Prepared, StatisticsReport, Weighed};
use crate::progress::{Progress, Stage};
use crate::DetectOutcome;
use anyhow::{bail, Context, Result};
use lockstep_coaction::{
    cut_object, keep_episodes, pair_slice, pairs_in_window, summarise_object, sweep_objects,
    CoAction, Fused, ObjectShares, ObjectSlice, ObjectWeighting, PairPartition, SweepConfig,
    SweepResult, SweepStats, TIGHT_WINDOW_MS,
};
use lockstep_ingest::{read_table_part, ArrowTable};
use lockstep_model::{Action, ObjectId, Signal};
use lockstep_networks::MinEvidence;
use lockstep_stats::surrogate::{calibration, surrogate_tally};
use lockstep_stats::{
    may_be_kept, select_by_fdr, CandidateTally, ChanceModel, FdrSelection, HourProfiles,
    IncidencePart,
};
use lockstep_traces::{prepare as prepare_post, PreparedPost};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::time::{Duration, Instant};

pub use crate::ingest_stage::PreparedElsewhere;

/// What one partition of an in-memory input prepares: for each of its rows in order, the
/// traces of the post it makes, or `None` for a row that makes none (it is rejected when the
/// driver reads the input). Rows are read with `config`'s column mapping and traced for its
/// signals and text rules, as [`crate::detect`] does.
pub fn trace_part(config: &DetectConfig, part: &ArrowTable) -> Result<Vec<Option<PreparedPost>>> {
    let rows = part.batches.iter().map(|b| b.num_rows()).sum();
    let mut prepared = vec![None; rows];
    let signals = config.traced_signals();
    read_table_part(part, &config.ingest.columns, &mut |rec| {
        let row = usize::try_from(rec.line - 1).expect("rows are numbered from 1");
        prepared[row] = Some(prepare_post(rec, &config.text, signals));
    })?;
    Ok(prepared)
}

/// What every executor needs to know: how each signal is swept and how candidates are kept.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepPlan {
    /// Each swept signal with its sweep, in the order of the single-machine run.
    pub signals: Vec<(Signal, SweepConfig)>,
    /// How objects weigh in an edge's weight.
    pub weighting: ObjectWeighting,
    /// The fixed evidence rule, when edges are not chosen by false discovery rate.
    pub min_evidence: Option<MinEvidence>,
}

impl SweepPlan {
    /// The sweep of `signal`.
    pub fn config(&self, signal: Signal) -> Result<SweepConfig> {
        match self.signals.iter().find(|(s, _)| *s == signal) {
            Some((_, c)) => Ok(*c),
            None => bail!("the plan does not sweep the {signal} signal"),
        }
    }
}

/// What an executor found on a partition of one signal's objects.
#[derive(Debug, Clone)]
pub struct SweptPart {
    /// The co-actions, in object order.
    pub coactions: Vec<CoAction>,
    /// Each object's distinct accounts and shares, by object id.
    pub objects: Vec<(ObjectId, ObjectShares)>,
    /// What the sweep did.
    pub stats: SweepStats,
    /// The objects' part of the signal's incidence.
    pub incidence: IncidencePart,
}

impl SweptPart {
    /// The distinct accounts of one of the part's objects.
    pub fn accounts_of(&self, object: ObjectId) -> u32 {
        shares_of(&self.objects, object).accounts
    }
}

fn shares_of(objects: &[(ObjectId, ObjectShares)], object: ObjectId) -> ObjectShares {
    match objects.binary_search_by_key(&object, |o| o.0) {
        Ok(i) => objects[i].1,
        Err(_) => ObjectShares::default(),
    }
}

/// Sweeps `actions` of `signal`, which must hold every action on each object they hold (a
/// partition by object); sorts them first.
pub fn sweep_part(plan: &SweepPlan, signal: Signal, actions: &mut [Action]) -> Result<SweptPart> {
    let config = plan.config(signal)?;
    actions.par_sort_unstable();
    let (objects, stats, coactions) = sweep_objects(signal, actions, &config, PairPartition::WHOLE);
    let incidence = IncidencePart::observe(
        actions,
        |o| shares_of(&objects, o),
        config.window_ms > TIGHT_WINDOW_MS,
    );
    Ok(SweptPart {
        coactions: coactions.iter().copied().collect(),
        objects,
        stats,
        incidence,
    })
}

/// Pairs the owned actions of one slice of a cut object: `carried` holds the slice's actions
/// (in any order; sorted here), `context` of them carried as context
/// ([`ClusterRun::shipped`]). Returns the co-actions before episodes are counted.
pub fn pair_slice_part(
    plan: &SweepPlan,
    signal: Signal,
    carried: &mut [Action],
    context: usize,
) -> Result<Vec<CoAction>> {
    let config = plan.config(signal)?;
    if context > carried.len() {
        bail!(
            "a slice of {} actions cannot carry {context} as context",
            carried.len()
        );
    }
    carried.sort_unstable();
    Ok(pair_slice(signal, carried, context, &config))
}

/// The co-actions found in slices, reduced to one per episode.
#[derive(Debug, Clone)]
pub struct Episodes {
    /// The co-actions kept, in (signal, object) order.
    pub coactions: Vec<CoAction>,
    /// Each signal's count of them, for its sweep counts (`coactions`; the rest 0).
    pub counts: Vec<(Signal, SweepStats)>,
}

/// Reduces the slices' co-actions, which must hold every co-action the slices found for each
/// account pair and object they hold (a partition by object and pair), to one per episode, as
/// the sweep of a whole object does.
pub fn episodes_part(plan: &SweepPlan, coactions: Vec<CoAction>) -> Result<Episodes> {
    let windows: BTreeMap<Signal, i64> = plan
        .signals
        .iter()
        .map(|(s, c)| (*s, c.window_ms))
        .collect();
    if let Some(c) = coactions.iter().find(|c| !windows.contains_key(&c.signal)) {
        bail!("the plan does not sweep the {} signal", c.signal);
    }
    let kept = keep_episodes(coactions, |s| windows[&s]);
    let mut counts: BTreeMap<Signal, SweepStats> = BTreeMap::new();
    for c in &kept {
        counts.entry(c.signal).or_default().coactions += 1;
    }
    Ok(Episodes {
        coactions: kept,
        counts: counts.into_iter().collect(),
    })
}

/// One action as the driver hands it out ([`ClusterRun::shipped`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shipped {
    /// The action.
    pub action: Action,
    /// 0 for an object sent whole; for a cut object, its slice, from 1.
    pub slice: u32,
    /// Whether the slice owns the action (pairs it), rather than carrying it as context.
    pub owned: bool,
    /// The distinct accounts of a cut object (0 for an object sent whole: the executor counts
    /// them).
    pub accounts: u32,
}

/// An object the driver does not send whole: it has more actions than a slice holds.
#[derive(Debug)]
struct CutObject {
    /// Its actions, a range of the signal's sorted actions.
    actions: Range<usize>,
    /// Its id.
    object: ObjectId,
    /// What a sweep finds of it.
    shares: ObjectShares,
    /// Its slices (none when it is never paired, and then it is not sent at all).
    slices: Vec<ObjectSlice>,
}

/// The cut objects of one signal, in object order.
#[derive(Debug, Default)]
struct CutObjects {
    objects: Vec<CutObject>,
    /// What sweeping them adds to the signal's counts, but for the co-actions.
    stats: SweepStats,
    /// Their part of the signal's incidence.
    incidence: IncidencePart,
}

impl CutObjects {
    /// The shares of each cut object, by object id.
    fn shares(&self) -> impl Iterator<Item = (ObjectId, ObjectShares)> + '_ {
        self.objects.iter().map(|c| (c.object, c.shares))
    }
}

/// A run of consecutive sorted actions handed out alike.
struct Segment {
    actions: Range<usize>,
    slice: u32,
    owned_from: usize,
    accounts: u32,
}

/// What an executor found on a partition of the account pairs.
#[derive(Debug, Clone)]
pub struct WeighedPart {
    /// Every candidate of the partition, counted for the selection.
    pub tally: CandidateTally,
    /// The co-actions of the candidates that could be selected (p ≤ 0.1, or passing the fixed
    /// rule), each with its candidate's p-value (natural log).
    pub kept: Vec<(CoAction, f64)>,
}

/// Weighs the candidates of `coactions`, which must hold every co-action of each account pair
/// they hold (a partition by pair), against `model`; `object_accounts` gives the distinct
/// accounts of each object they fall on.
pub fn weigh_part(
    plan: &SweepPlan,
    model: &ChanceModel,
    coactions: Vec<CoAction>,
    object_accounts: impl Fn(Signal, ObjectId) -> u32,
) -> WeighedPart {
    let candidates = Fused::from_coactions(coactions, object_accounts, plan.weighting);
    let mut tally = CandidateTally::default();
    let mut kept = Vec::new();
    model.tally(&candidates, &mut tally, |range, chances| {
        for (i, chance) in range.zip(chances) {
            let keep = match &plan.min_evidence {
                None => may_be_kept(chance.ln_p),
                Some(rule) => rule.keeps(&candidates.edge(i)),
            };
            if keep {
                kept.extend(candidates.coactions(i).iter().map(|&c| (c, chance.ln_p)));
            }
        }
    });
    WeighedPart { tally, kept }
}

/// Which co-actions of the kept candidates come back to the driver.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Selection {
    /// Those whose candidate's p-value is at most `e^t` for this `t`.
    AtMost(f64),
    /// None: no threshold reaches the target false discovery rate.
    Nothing,
    /// All of them (the fixed evidence rule).
    All,
}

impl Selection {
    /// Whether a co-action whose candidate has p-value `e^{ln_p}` is selected.
    pub fn keeps(self, ln_p: f64) -> bool {
        match self {
            Selection::AtMost(t) => ln_p <= t,
            Selection::Nothing => false,
            Selection::All => true,
        }
    }
}

/// The driver's side of a cluster run.
pub struct ClusterRun {
    config: DetectConfig,
    prepared: Prepared,
    plan: SweepPlan,
    started: Instant,
    sweeps: Vec<(Signal, SweepStats)>,
    results: Vec<(Signal, SweepResult)>,
    cuts: Option<Vec<(Signal, CutObjects)>>,
    model: Option<ChanceModel>,
    tally: CandidateTally,
    fdr: Option<FdrSelection>,
    timings: [(Stage, Duration); 2],
}

impl ClusterRun {
    /// Reads, traces and groups `config`'s inputs, chooses the windows and sorts every swept
    /// table as the single-machine sweep does; the near-duplicate search takes the pairs of its
    /// buckets from `bucket_pairs` (the executors'), or finds them here, and the posts that
    /// `elsewhere` prepared (the executors, with [`trace_part`]) are not prepared again.
    pub fn new(
        config: DetectConfig,
        progress: &dyn Progress,
        bucket_pairs: BucketPairs,
        elsewhere: Option<&dyn PreparedElsewhere>,
    ) -> Result<Self> {
        let mut prepared = prepare(&config, progress, bucket_pairs, elsewhere)?;
        let signals = prepared.sweep_configs(&config);
        for (signal, _) in &signals {
            prepared
                .dataset
                .table_mut(*signal)
                .actions
                .par_sort_unstable();
        }
        let plan = SweepPlan {
            signals,
            weighting: config.weighting,
            min_evidence: match config.selection {
                EdgeRule::Fdr { .. } => None,
                EdgeRule::MinEvidence(rule) => Some(rule),
            },
        };
        progress.stage_started(Stage::CoAction);
        Ok(Self {
            config,
            prepared,
            plan,
            started: Instant::now(),
            sweeps: Vec::new(),
            results: Vec::new(),
            cuts: None,
            model: None,
            tally: CandidateTally::default(),
            fdr: None,
            timings: [
                (Stage::CoAction, Duration::ZERO),
                (Stage::Statistics, Duration::ZERO),
            ],
        })
    }

    /// How the executors sweep and weigh.
    pub fn plan(&self) -> &SweepPlan {
        &self.plan
    }

    /// The actions of a swept signal, sorted.
    pub fn actions(&self, signal: Signal) -> &[Action] {
        &self.prepared.dataset.table(signal).actions
    }

    /// Cuts every object of more than `slice_actions` actions into slices of that many (each
    /// with its context, [`lockstep_coaction::cut_object`]) and finds here what the sweep finds
    /// of those objects: their shares, counts and part of the incidence. Returns the number of
    /// slices. Without this call every object goes out whole.
    pub fn cut_viral_objects(&mut self, slice_actions: usize) -> Result<usize> {
        if self.cuts.is_some() || self.model.is_some() {
            bail!("the viral objects of this run are already cut, or its model built");
        }
        let mut cuts = Vec::new();
        let mut slices = 0;
        for &(signal, config) in &self.plan.signals {
            let actions = self.actions(signal);
            let mut cut = CutObjects::default();
            let mut cut_actions = Vec::new();
            let mut start = 0;
            for run in actions.chunk_by(|x, y| x.object == y.object) {
                let range = start..start + run.len();
                start = range.end;
                if run.len() <= slice_actions {
                    continue;
                }
                let (shares, stats) = summarise_object(run, &config);
                cut.stats.add(&stats);
                cut_actions.extend_from_slice(run);
                let object = CutObject {
                    actions: range,
                    object: run[0].object,
                    shares,
                    slices: cut_object(run, &config, slice_actions),
                };
                slices += object.slices.len();
                cut.objects.push(object);
            }
            let shares: Vec<_> = cut.shares().collect();
            cut.incidence = IncidencePart::observe(
                &cut_actions,
                |o| shares_of(&shares, o),
                config.window_ms > TIGHT_WINDOW_MS,
            );
            cuts.push((signal, cut));
        }
        self.cuts = Some(cuts);
        Ok(slices)
    }

    /// The actions of a swept signal as the executors receive them: every action of each
    /// object sent whole (slice 0), then for each cut object every action of each of its
    /// slices, the context not owned. A partition by (object, slice) holds whole objects and
    /// whole slices. The viral objects must be cut first ([`ClusterRun::cut_viral_objects`]).
    pub fn shipped(&self, signal: Signal) -> Result<impl Iterator<Item = Shipped> + '_> {
        let actions = self.actions(signal);
        let Some(cuts) = &self.cuts else {
            bail!("cut the viral objects before handing out the actions");
        };
        let cut = cuts.iter().find(|(s, _)| *s == signal).map(|(_, c)| c);
        let mut segments = Vec::new();
        let mut whole_from = 0;
        for object in cut.map_or(&[][..], |c| &c.objects) {
            let start = object.actions.start;
            segments.push(Segment {
                actions: whole_from..start,
                slice: 0,
                owned_from: whole_from,
                accounts: 0,
            });
            for (i, s) in object.slices.iter().enumerate() {
                segments.push(Segment {
                    actions: start + s.context..start + s.to,
                    slice: i as u32 + 1,
                    owned_from: start + s.from,
                    accounts: object.shares.accounts,
                });
            }
            whole_from = object.actions.end;
        }
        segments.push(Segment {
            actions: whole_from..actions.len(),
            slice: 0,
            owned_from: whole_from,
            accounts: 0,
        });
        Ok(segments.into_iter().flat_map(move |seg| {
            seg.actions.clone().map(move |i| Shipped {
                action: actions[i],
                slice: seg.slice,
                owned: i >= seg.owned_from,
                accounts: seg.accounts,
            })
        }))
    }

    /// Builds the chance model from every swept partition's findings, per signal: the
    /// incidence parts, the objects' shares and the sweep counts.
    pub fn model(
        &mut self,
        parts: Vec<(Signal, Vec<IncidencePart>)>,
        objects: Vec<(Signal, Vec<(ObjectId, ObjectShares)>)>,
        stats: Vec<(Signal, SweepStats)>,
    ) -> Result<&ChanceModel> {
        if self.model.is_some() {
            bail!("the chance model of this run is already built");
        }
        let dataset = &self.prepared.dataset;
        let cuts = self.cuts.as_deref().unwrap_or_default();
        let (mut merged, mut sweeps, mut results) = (Vec::new(), Vec::new(), Vec::new());
        for &(signal, config) in &self.plan.signals {
            let cut = cuts.iter().find(|(s, _)| *s == signal).map(|(_, c)| c);
            let mut incidence = IncidencePart::default();
            let mut total = SweepStats::default();
            if let Some(cut) = cut {
                incidence.merge(&cut.incidence);
                total.add(&cut.stats);
            }
            for (_, list) in parts.iter().filter(|(s, _)| *s == signal) {
                for part in list {
                    incidence.merge(part);
                }
            }
            merged.push((signal, incidence));
            for (_, s) in stats.iter().filter(|(s, _)| *s == signal) {
                total.add(s);
            }
            let n_objects = dataset.table(signal).objects.len();
            let mut result = SweepResult {
                object_accounts: vec![0; n_objects],
                object_window_share: vec![0.0; n_objects],
                object_tight_share: if config.window_ms > TIGHT_WINDOW_MS {
                    vec![0.0; n_objects]
                } else {
                    Vec::new()
                },
                stats: total.clone(),
            };
            let sent = objects.iter().filter(|(s, _)| *s == signal);
            let sent = sent.flat_map(|(_, list)| list.iter().copied());
            for (o, shares) in sent.chain(cut.into_iter().flat_map(CutObjects::shares)) {
                let Some(k) = result.object_accounts.get_mut(o as usize) else {
                    bail!("object {o} of the {signal} signal is not in the dataset");
                };
                *k = shares.accounts;
                result.object_window_share[o as usize] = shares.window;
                if let Some(t) = result.object_tight_share.get_mut(o as usize) {
                    *t = shares.tight;
                }
            }
            sweeps.push((signal, total));
            results.push((signal, result));
        }
        self.sweeps = sweeps;
        self.results = results;
        self.timings[0].1 = self.started.elapsed();
        self.started = Instant::now();
        let rhythm = HourProfiles::from_posts(
            dataset.accounts.len(),
            &dataset.post_accounts,
            &dataset.post_times,
        );
        Ok(self.model.insert(ChanceModel::from_parts(&rhythm, &merged)))
    }

    /// Merges every weighed partition's tally and tells which co-actions to bring back.
    pub fn select(
        &mut self,
        tallies: impl IntoIterator<Item = CandidateTally>,
    ) -> Result<Selection> {
        let model = self
            .model
            .as_ref()
            .context("select needs the chance model first")?;
        if self.fdr.is_some() {
            bail!("this run's candidates are already selected");
        }
        for t in tallies {
            self.tally.merge(&t);
        }
        let fdr = select_by_fdr(
            &self.tally,
            &self.tally.null_counts(model.fusion()),
            self.config.fdr_target(),
        );
        let selection = match (self.plan.min_evidence, fdr.ln_threshold()) {
            (Some(_), _) => Selection::All,
            (None, Some(t)) => Selection::AtMost(t),
            (None, None) => Selection::Nothing,
        };
        self.fdr = Some(fdr);
        Ok(selection)
    }

    /// Builds the networks from the selected candidates' co-actions (every co-action of each
    /// selected pair) and finishes as a single run does.
    pub fn finish(
        mut self,
        selected: Vec<CoAction>,
        progress: &dyn Progress,
    ) -> Result<DetectOutcome> {
        let (Some(model), Some(fdr)) = (self.model.take(), self.fdr.take()) else {
            bail!("finish needs the chance model and the selection first");
        };
        let results = std::mem::take(&mut self.results);
        let accounts_of = |signal: Signal, o: ObjectId| {
            results
                .iter()
                .find(|(s, _)| *s == signal)
                .and_then(|(_, r)| r.object_accounts.get(o as usize).copied())
                .unwrap_or(0)
        };
        let retained = Fused::from_coactions(selected, accounts_of, self.plan.weighting);
        let chances = model.assess_all(&retained);
        let indices: Vec<usize> = (0..retained.len()).collect();
        let calibration = self.config.surrogate_check.then(|| {
            let dataset = &self.prepared.dataset;
            let pairs = self
                .plan
                .signals
                .iter()
                .map(|(s, c)| pairs_in_window(&dataset.table(*s).actions, c))
                .sum();
            let surrogate = surrogate_tally(
                dataset,
                &self.plan.signals,
                self.config.weighting,
                self.config.networks.partition.seed,
                self.config.partitions_for(pairs),
            );
            calibration(
                &self.tally,
                &surrogate,
                model.fusion(),
                &crate::pipeline::CALIBRATION_THRESHOLDS,
            )
        });
        self.timings[1].1 = self.started.elapsed();
        let selected: Vec<_> = indices.iter().map(|&i| retained.edge(i)).collect();
        let weighed = Weighed {
            sweeps: self.sweeps,
            objects: ObjectTimings::from_sweeps(results, &self.plan.signals),
            candidates: self.tally.tested(),
            expected_by_signal: selected
                .iter()
                .map(|e| model.expected_by_signal(e))
                .collect(),
            selected,
            chance: chances.clone(),
            q_values: chances.iter().map(|c| fdr.q_value(c.ln_p)).collect(),
            retained,
            indices,
            statistics: StatisticsReport {
                fdr: matches!(self.config.selection, EdgeRule::Fdr { .. }).then_some(fdr),
                calibration,
            },
            timings: self.timings,
        };
        self.prepared.finish(&self.config, weighed, progress)
    }
}

/// Merges two encoded parts of one signal's chance-model inputs (an incidence part with its
/// sweep counts, as the sweep and episode kernels send them) into one. The merge is exact and
/// its order does not matter, so a cluster can sum the partitions' parts in any tree and the
/// driver receives one part per signal.
pub fn merge_model_parts(a: &[u8], b: &[u8]) -> Result<Vec<u8>> {
    let (mut incidence, mut stats): (IncidencePart, SweepStats) = from_bytes(a)?;
    let (more, more_stats): (IncidencePart, SweepStats) = from_bytes(b)?;
    incidence.merge(&more);
    stats.add(&more_stats);
    to_bytes(&(&incidence, &stats))
}

/// Encodes a plan, model, tally or incidence part for the trip between driver and executors.
pub fn to_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    postcard::to_stdvec(value).context("encoding a cluster message")
}

/// Decodes what [`to_bytes`] encoded.
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    postcard::from_bytes(bytes).context(
        "decoding a cluster message (the driver and executors must run the same lockstep version)",
    )
}
