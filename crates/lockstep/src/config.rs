//! Parameters of a detection run.

use lockstep_coaction::ObjectWeighting;
use lockstep_ingest::{IngestOptions, Input};
use lockstep_model::{Signal, TimeMs};
use lockstep_networks::{MinEvidence, NetworkConfig, PartitionConfig};
use lockstep_traces::TextRules;
use std::collections::BTreeMap;

/// Everything `detect` needs to know.
#[derive(Debug, Clone)]
pub struct DetectConfig {
    /// Posts inputs, read in order.
    pub inputs: Vec<Input>,
    /// How inputs are read.
    pub ingest: IngestOptions,
    /// Optional accounts file.
    pub accounts: Option<Input>,
    /// The signals swept, each with its window in milliseconds.
    pub windows: BTreeMap<Signal, TimeMs>,
    /// Most earlier actions on one object paired with each action (the viral-object cap).
    pub max_neighbours: usize,
    /// When texts may link accounts.
    pub text: TextRules,
    /// How shared objects weigh on edges.
    pub weighting: ObjectWeighting,
    /// Which edges form networks.
    pub selection: EdgeRule,
    /// Also run the surrogate null (time-shifted accounts) and report how its p-values compare
    /// with the model's (run.json `statistics.calibration`).
    pub surrogate_check: bool,
    /// How networks are formed.
    pub networks: NetworkConfig,
}

/// How candidate edges are chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EdgeRule {
    /// Benjamini–Hochberg on the chance model's p-values at this false discovery rate.
    Fdr {
        /// Target share of kept edges that are chance coincidences.
        target: f64,
    },
    /// Fixed evidence thresholds, without the chance model.
    MinEvidence(MinEvidence),
}

impl DetectConfig {
    /// Default target false discovery rate of the kept edges: 1 %. On a network of 20 accounts
    /// (190 edges) this expects about two chance edges, too few to create or join a network on
    /// their own, while a tighter target mostly costs the weakest real edges (slow rings).
    pub const DEFAULT_FDR: f64 = 0.01;

    /// The default window of each signal.
    ///
    /// One minute for actions that operators automate or script (reshares, replies, links,
    /// media, mentions, hashtags, generic objects): the bulk of scripted co-actions falls within
    /// it, and organic crowds rarely meet that tightly on rare objects. Five minutes for text,
    /// because copy-pasting by hand takes longer and identical long texts are rarely chance.
    /// The domain signal is off by default: whole news sites are shared by unrelated crowds all
    /// day, so a shared domain is weak evidence unless the domains are themselves obscure.
    pub fn default_windows() -> BTreeMap<Signal, TimeMs> {
        Signal::ALL
            .iter()
            .filter(|&&s| s != Signal::Domain)
            .map(|&s| (s, if s == Signal::Text { 300_000 } else { 60_000 }))
            .collect()
    }

    /// The false discovery rate reported for the edges: the rule's target, or the default when
    /// edges are chosen by fixed thresholds.
    pub fn fdr_target(&self) -> f64 {
        match self.selection {
            EdgeRule::Fdr { target } => target,
            EdgeRule::MinEvidence(_) => Self::DEFAULT_FDR,
        }
    }

    /// Defaults for everything but the inputs.
    pub fn new(inputs: Vec<Input>) -> Self {
        Self {
            inputs,
            ingest: IngestOptions::default(),
            accounts: None,
            windows: Self::default_windows(),
            max_neighbours: 100,
            text: TextRules::default(),
            weighting: ObjectWeighting::Rarity,
            selection: EdgeRule::Fdr {
                target: Self::DEFAULT_FDR,
            },
            surrogate_check: false,
            networks: NetworkConfig {
                partition: PartitionConfig::default(),
                min_size: 3,
            },
        }
    }
}
