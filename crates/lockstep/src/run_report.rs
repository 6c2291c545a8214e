//! run.json: version, parameters, input accounting, stage counts and timings.

use crate::config::{DetectConfig, EdgeRule};
use crate::duration::format_duration;
use crate::notes::{input_notes, InputNotes};
use crate::pipeline::{DetectOutcome, StatisticsReport};
use crate::windows::{AutoWindows, WindowSweep};
use lockstep_coaction::{ObjectWeighting, SweepStats};
use lockstep_ingest::{FileAccounting, TimestampForm};
use lockstep_neardup::NarrativeStats;
use lockstep_networks::{MinEvidence, Objective};
use lockstep_output::IdCollisions;
use lockstep_traces::{TextRules, TraceStats};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;

/// The contents of run.json.
#[derive(Serialize)]
pub(crate) struct RunReport<'a> {
    tool: &'static str,
    version: &'static str,
    parameters: Parameters,
    input: InputReport<'a>,
    id_collisions: &'a IdCollisions,
    traces: &'a TraceStats,
    #[serde(skip_serializing_if = "Option::is_none")]
    narratives: Option<&'a NarrativeStats>,
    coaction: BTreeMap<&'static str, &'a SweepStats>,
    statistics: &'a StatisticsReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_windows: Option<&'a AutoWindows>,
    #[serde(skip_serializing_if = "Option::is_none")]
    window_sweep: Option<&'a WindowSweep>,
    edges: EdgeCounts,
    networks: NetworkCounts,
    timings_s: BTreeMap<&'static str, f64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    peak_memory_mib: BTreeMap<&'static str, u64>,
}

#[derive(Serialize)]
struct Parameters {
    windows: BTreeMap<&'static str, String>,
    max_neighbours: usize,
    text: TextRules,
    weighting: ObjectWeighting,
    selection: Selection,
    clustering: Clustering,
}

#[derive(Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
enum Selection {
    Fdr { target: f64 },
    MinEvidence(MinEvidence),
}

#[derive(Serialize)]
struct Clustering {
    algorithm: &'static str,
    objective: &'static str,
    resolution: f64,
    seed: u64,
    split_components_above: usize,
    min_network_size: usize,
}

#[derive(Serialize)]
struct InputReport<'a> {
    rows_read: u64,
    rows_used: u64,
    rows_rejected: u64,
    rejected_by_reason: BTreeMap<&'static str, u64>,
    timestamp_forms: BTreeMap<TimestampForm, u64>,
    notes: Vec<String>,
    warnings: Vec<String>,
    accounts: usize,
    posts: usize,
    files: &'a [FileAccounting],
}

#[derive(Serialize)]
struct EdgeCounts {
    candidates: usize,
    selected: usize,
    evidence_rows: usize,
}

#[derive(Serialize)]
struct NetworkCounts {
    count: usize,
    accounts_in_networks: usize,
}

impl<'a> RunReport<'a> {
    pub(crate) fn new(outcome: &'a DetectOutcome, config: &DetectConfig, output: Duration) -> Self {
        let acc = &outcome.accounting;
        let forms = acc.timestamp_forms();
        let InputNotes { notes, warnings } = input_notes(acc, &config.windows, outcome.time_detail);
        let rejected_by_reason = acc
            .rejected_by_reason()
            .into_iter()
            .map(|(r, n)| (r.describe(), n))
            .collect();
        let p = &config.networks.partition;
        let mut timings_s: BTreeMap<&'static str, f64> = outcome
            .timings
            .iter()
            .map(|(s, d)| (s.name(), d.as_secs_f64()))
            .collect();
        timings_s.insert("output", output.as_secs_f64());
        let peak_memory_mib = outcome
            .memory_peaks
            .iter()
            .map(|(s, bytes)| (s.name(), bytes.div_ceil(1 << 20)))
            .collect();
        RunReport {
            tool: "lockstep",
            version: env!("CARGO_PKG_VERSION"),
            parameters: Parameters {
                windows: outcome
                    .windows
                    .iter()
                    .map(|(s, w)| (s.name(), format_duration(*w)))
                    .collect(),
                max_neighbours: config.max_neighbours,
                text: config.text,
                weighting: config.weighting,
                selection: match config.selection {
                    EdgeRule::Fdr { target } => Selection::Fdr { target },
                    EdgeRule::MinEvidence(rule) => Selection::MinEvidence(rule),
                },
                clustering: Clustering {
                    algorithm: "connected components, split by Leiden",
                    objective: match p.objective {
                        Objective::Modularity => "modularity",
                        Objective::Cpm => "cpm",
                    },
                    resolution: p.resolution,
                    seed: p.seed,
                    split_components_above: p.split_above,
                    min_network_size: config.networks.min_size,
                },
            },
            input: InputReport {
                rows_read: acc.rows_read(),
                rows_used: acc.rows_used(),
                rows_rejected: acc.rows_read() - acc.rows_used(),
                rejected_by_reason,
                timestamp_forms: forms,
                notes,
                warnings,
                accounts: outcome.dataset.accounts.len(),
                posts: outcome.dataset.post_times.len(),
                files: &acc.files,
            },
            traces: &outcome.traces,
            narratives: outcome.narratives.as_ref().map(|n| &n.stats),
            statistics: &outcome.statistics,
            auto_windows: outcome.auto_windows.as_ref(),
            window_sweep: outcome.window_sweep.as_ref(),
            id_collisions: outcome.labels.collisions(),
            coaction: outcome
                .sweeps
                .iter()
                .map(|(s, st)| (s.name(), st))
                .collect(),
            edges: EdgeCounts {
                candidates: outcome.candidate_edges,
                selected: outcome.edges.len(),
                evidence_rows: outcome.evidence.len(),
            },
            networks: NetworkCounts {
                count: outcome.networks.len(),
                accounts_in_networks: outcome.networks.iter().map(|n| n.members.len()).sum(),
            },
            timings_s,
            peak_memory_mib,
        }
    }
}
