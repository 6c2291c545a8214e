//! The small data model of a finished run, as the report and the graph exports need it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything read from a run directory.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    /// `run.json` as written (version, parameters, input accounting, ...).
    pub run: serde_json::Value,
    /// `networks.json` `edge_selection` (null with `--min-evidence`).
    pub edge_selection: serde_json::Value,
    /// Ranked networks from `networks.json`.
    pub networks: Vec<Network>,
    /// Accounts from `accounts.csv`, then any account that only edges.csv names.
    pub accounts: Vec<Account>,
    /// Edges from `edges.csv`, with their evidence.
    pub edges: Vec<Edge>,
    /// Signal names that evidence rows refer to by position.
    pub signals: Vec<String>,
    /// Object names that evidence rows refer to by position.
    pub objects: Vec<String>,
    /// Representative text of each narrative (`narrative:<id>` objects of the text signal)
    /// that the evidence or the top objects name, by id, from `narratives.csv`.
    pub narratives: BTreeMap<String, String>,
}

/// One network of `networks.json` (the fields the report shows).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Network {
    /// 1-based id, by rank.
    pub id: u64,
    /// Number of members.
    pub size: u64,
    /// Ranking score.
    pub score: f64,
    /// `likely_cib`, `authentic_looking` or `coordinated`.
    #[serde(default)]
    pub verdict: String,
    /// Why the network was found, in words that cite their numbers.
    #[serde(default)]
    pub summary: String,
    /// The behaviour signs measured on its co-actions.
    #[serde(default)]
    pub signs: Vec<Sign>,
    /// Member account ids.
    pub members: Vec<String>,
    /// Per member: role and inauthenticity signs.
    #[serde(default)]
    pub roles: Vec<MemberRole>,
    /// Score components (strength, density, ...), null where unknown.
    #[serde(default)]
    pub score_components: BTreeMap<String, Option<f64>>,
    /// Internal edges per signal.
    #[serde(default)]
    pub signals: BTreeMap<String, u64>,
    /// Most shared objects.
    #[serde(default)]
    pub top_objects: Vec<TopObject>,
    /// Daily rhythm and UTC offset hint.
    #[serde(default)]
    pub working_hours: Option<WorkingHours>,
    /// First co-action (RFC 3339).
    #[serde(default)]
    pub first_seen: String,
    /// Last co-action (RFC 3339).
    #[serde(default)]
    pub last_seen: String,
}

/// A member's role in its network.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MemberRole {
    /// Account id.
    pub account: String,
    /// `leader`, `follower` or `peer`.
    pub role: String,
    /// Why it is in the network: its links to other members and its strongest edges.
    #[serde(default)]
    pub reason: String,
    /// Ordered co-actions it led.
    #[serde(default)]
    pub leads: u64,
    /// Ordered co-actions it followed.
    #[serde(default)]
    pub follows: u64,
    /// Inauthenticity signs (0–1 each, null when unknown) and their `score`.
    #[serde(default)]
    pub inauthenticity: BTreeMap<String, Option<f64>>,
}

/// A behaviour sign of a network.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Sign {
    /// Its name (`operator_rhythm`, `own_objects`, ...).
    pub name: String,
    /// What was measured.
    pub value: f64,
    /// Whether it passed its threshold.
    pub fired: bool,
}

/// One of a network's most shared objects.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TopObject {
    /// Signal it was shared on.
    pub signal: String,
    /// The object (canonical URL, hashtag, post id, text, ...).
    pub object: String,
    /// Members that shared it.
    #[serde(default)]
    pub accounts: u64,
    /// Co-actions on it.
    #[serde(default)]
    pub coactions: u64,
}

/// When a network's members post.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct WorkingHours {
    /// Posts per UTC hour of the day (24 counts).
    #[serde(default)]
    pub utc_hour_counts: Vec<u64>,
    /// Likely UTC offset of the operators, in hours.
    #[serde(default)]
    pub utc_offset_hours: Option<i64>,
    /// Confidence of the offset (0–1).
    #[serde(default)]
    pub confidence: Option<f64>,
    /// Share of weekday posts in office hours at that offset.
    #[serde(default)]
    pub office_share: Option<f64>,
    /// Share of posts on weekends at that offset.
    #[serde(default)]
    pub weekend_share: Option<f64>,
}

/// One row of `accounts.csv`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Account {
    /// Account id.
    pub id: String,
    /// Its network, if any.
    pub network: Option<u64>,
    /// Review score.
    pub score: Option<f64>,
    /// Handle from the accounts file.
    pub handle: String,
    /// Role in its network.
    pub role: String,
    /// Inauthenticity (0–1).
    pub inauthenticity: Option<f64>,
    /// Its network's verdict.
    pub verdict: String,
    /// Posts in the input.
    pub n_posts: Option<u64>,
    /// The platform the input named for it, empty when none.
    pub platform: String,
}

/// One row of `edges.csv`, with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// Position of the source account in [`Run::accounts`].
    pub source: usize,
    /// Position of the target account in [`Run::accounts`].
    pub target: usize,
    /// Popularity-weighted evidence.
    pub weight: f64,
    /// Signals, `;`-separated.
    pub signals: String,
    /// Co-actions.
    pub n_objects: u64,
    /// Co-actions expected by chance.
    pub expected: Option<f64>,
    /// Fused p-value.
    pub p_value: Option<f64>,
    /// q-value: the smallest estimated false discovery rate that keeps the edge.
    pub q_value: Option<f64>,
    /// The account that acted first in most co-actions (empty on a tie).
    pub leader: String,
    /// Share of the ordered co-actions the leader led.
    pub lead_share: Option<f64>,
    /// Network of both ends, if the same.
    pub network: Option<u64>,
    /// Median lag, seconds.
    pub median_lag_s: Option<f64>,
    /// Evidence rows kept from evidence.csv for this edge, evenly spaced within the report's
    /// limit; none when the edge is in no network.
    pub evidence: Vec<EvidenceRow>,
    /// Evidence rows evidence.csv has for this edge.
    pub evidence_total: u64,
}

/// One co-action behind an edge, oriented from the edge's source to its target. Serialised as
/// an array `[signal, object, source_post, target_post, source_time, target_time, lag_s,
/// similarity]` (signal and object as positions in [`Run::signals`] and [`Run::objects`];
/// similarity of the two texts, null for other signals and runs without it) to keep the page
/// small.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceRow(
    pub usize,
    pub usize,
    pub String,
    pub String,
    pub String,
    pub String,
    pub f64,
    pub Option<f64>,
);
