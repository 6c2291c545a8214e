//! Parameters of a detection run.

use lockstep_coaction::ObjectWeighting;
use lockstep_ingest::{IngestOptions, Input};
use lockstep_model::{Signal, TimeMs};
use lockstep_neardup::NearDupConfig;
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
    /// When two texts are near-duplicates (the same narrative).
    pub neardup: NearDupConfig,
    /// How shared objects weigh on edges.
    pub weighting: ObjectWeighting,
    /// Which edges form networks.
    pub selection: MinEvidence,
    /// How networks are formed.
    pub networks: NetworkConfig,
}

impl DetectConfig {
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

    /// Defaults for everything but the inputs.
    pub fn new(inputs: Vec<Input>) -> Self {
        Self {
            inputs,
            ingest: IngestOptions::default(),
            accounts: None,
            windows: Self::default_windows(),
            max_neighbours: 100,
            text: TextRules::default(),
            neardup: NearDupConfig::default(),
            weighting: ObjectWeighting::Rarity,
            selection: MinEvidence {
                min_weight: 2.0,
                min_objects: 3,
            },
            networks: NetworkConfig {
                partition: PartitionConfig::default(),
                min_size: 3,
            },
        }
    }
}
