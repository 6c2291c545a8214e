//! Parameters of a detection run.

use lockstep_coaction::ObjectWeighting;
use lockstep_ingest::{IngestOptions, Input};
use lockstep_model::{Signal, SignalSet, TimeMs};
use lockstep_neardup::NearDupConfig;
use lockstep_networks::{MinEvidence, NetworkConfig, PartitionConfig};
use lockstep_output::TableFormat;
use lockstep_traces::TextRules;
use std::collections::{BTreeMap, BTreeSet};

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
    /// Swept signals whose window is chosen from the data (their entry in `windows` is
    /// ignored).
    pub auto_windows: BTreeSet<Signal>,
    /// Windows of the sensitivity sweep (empty: no sweep).
    pub window_sweep: Vec<TimeMs>,
    /// Most earlier actions on one object paired with each action (the viral-object cap).
    pub max_neighbours: usize,
    /// Parts the account pairs are split into, each swept and weighed in turn so that only
    /// one part's co-actions are held at a time; `None` chooses one part per
    /// [`DetectConfig::PAIRS_PER_PARTITION`] action pairs in the windows.
    pub partitions: Option<u32>,
    /// When texts may link accounts.
    pub text: TextRules,
    /// When two texts are near-duplicates (the same narrative).
    pub neardup: NearDupConfig,
    /// How shared objects weigh on edges.
    pub weighting: ObjectWeighting,
    /// Which edges form networks.
    pub selection: EdgeRule,
    /// Also run the surrogate null (time-shifted accounts) and report how its p-values compare
    /// with the model's (run.json `statistics.calibration`).
    pub surrogate_check: bool,
    /// How networks are formed.
    pub networks: NetworkConfig,
    /// Which files the result tables are written as (CSV, or CSV with Parquet twins).
    pub tables: TableFormat,
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
    /// Default window of every signal (one hour; see [`DetectConfig::default_windows`]).
    pub const DEFAULT_WINDOW_MS: TimeMs = 3_600_000;

    /// Default target false discovery rate of the kept edges: 1 %. On a network of 20 accounts
    /// (190 edges) this expects about two chance edges, too few to create or join a network on
    /// their own, while a tighter target mostly costs the weakest real edges (slow rings).
    pub const DEFAULT_FDR: f64 = 0.01;

    /// The default window of each signal: one hour.
    ///
    /// Real operations often act minutes to hours apart (in the Russian troll data only about
    /// 6 % of co-retweets fall within a minute and 75 % within an hour), so short windows miss
    /// slow rings. The chance model makes a long window affordable: it expects more chance
    /// co-actions the longer the window, on bursty objects above all, and only pairs that beat
    /// that expectation are kept. Sites are the exception, at [`Self::DEFAULT_DOMAIN_WINDOW_MS`]:
    /// promoting a site of one's own is a matter of days.
    pub fn default_windows() -> BTreeMap<Signal, TimeMs> {
        Signal::ALL
            .iter()
            .map(|&s| {
                let window = if s == Signal::Domain {
                    Self::DEFAULT_DOMAIN_WINDOW_MS
                } else {
                    Self::DEFAULT_WINDOW_MS
                };
                (s, window)
            })
            .collect()
    }

    /// Default window of the domain signal: one day. A small group that links the same
    /// obscure sites day after day, hours apart, is co-promoting them; one co-action per pair,
    /// site and day.
    pub const DEFAULT_DOMAIN_WINDOW_MS: TimeMs = 86_400_000;

    /// Most distinct accounts a site may be linked by and still be swept by the domain signal,
    /// in a dump of `n_accounts` accounts: 100, or one account in a hundred in larger dumps.
    /// Sites linked by a crowd (video hosts, image hosts, the big news sites) are everyone's:
    /// their co-actions would cost a day-long sweep of a crowd and could never beat chance, and
    /// their links still count, link by link, in the link signal.
    pub fn domain_max_accounts(n_accounts: usize) -> u32 {
        u32::try_from(n_accounts / 100).unwrap_or(u32::MAX).max(100)
    }

    /// The false discovery rate reported for the edges: the rule's target, or the default when
    /// edges are chosen by fixed thresholds.
    pub fn fdr_target(&self) -> f64 {
        match self.selection {
            EdgeRule::Fdr { target } => target,
            EdgeRule::MinEvidence(_) => Self::DEFAULT_FDR,
        }
    }

    /// Action pairs within the windows (an upper bound of the co-actions, 40 bytes each) per
    /// part of the account pairs when the number of parts is chosen automatically: at most
    /// 3.2 GB of co-actions per part.
    pub const PAIRS_PER_PARTITION: u64 = 80_000_000;

    /// The number of parts the account pairs are swept in, for `pairs` action pairs within the
    /// windows.
    pub fn partitions_for(&self, pairs: u64) -> u32 {
        self.partitions.unwrap_or_else(|| {
            u32::try_from(pairs.div_ceil(Self::PAIRS_PER_PARTITION))
                .unwrap_or(u32::MAX)
                .max(1)
        })
    }

    /// The signals whose actions the traces record: every swept signal, and reshares
    /// whatever is swept (an account's share of reshares feeds its inauthenticity).
    pub fn traced_signals(&self) -> SignalSet {
        self.windows
            .keys()
            .copied()
            .collect::<SignalSet>()
            .with(Signal::Reshare)
    }

    /// Defaults for everything but the inputs.
    pub fn new(inputs: Vec<Input>) -> Self {
        Self {
            inputs,
            ingest: IngestOptions::default(),
            accounts: None,
            windows: Self::default_windows(),
            auto_windows: BTreeSet::new(),
            window_sweep: Vec::new(),
            max_neighbours: 100,
            partitions: None,
            text: TextRules::default(),
            neardup: NearDupConfig::default(),
            weighting: ObjectWeighting::Rarity,
            selection: EdgeRule::Fdr {
                target: Self::DEFAULT_FDR,
            },
            surrogate_check: false,
            networks: NetworkConfig {
                partition: PartitionConfig::default(),
                min_size: 3,
            },
            tables: TableFormat::Csv,
        }
    }
}
