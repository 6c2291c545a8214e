//! Scores a lockstep detection run against ground truth.
//!
//! The truth (`truth.csv`: `account_id, label, kind`) names each account's planted network
//! (kind `cib:...`), hard-negative group (kind `hard:...`) or `organic`. The run's
//! `accounts.csv` (`account_id, network_id, score, ...`, read by header name) lists accounts in
//! networks or edges; an account is *flagged* when its `network_id` is not empty. Accounts of
//! the truth missing from the run are not flagged.
//!
//! [`evaluate`] computes account-level precision, recall and F1 (positives: planted accounts),
//! the adjusted Rand index of the grouping, per planted network its recall and the detected
//! network holding most of its members, and how many hard negatives and plain organic accounts
//! were flagged. Flagged accounts unknown to the truth are counted and reported apart; they
//! enter none of the scores.

mod error;
mod metrics;
mod report;
mod table;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;

pub use error::Error;

use metrics::{adjusted_rand_index, average_precision, f1, ratio, roc_auc};
use table::{read_run, read_truth, Class};

/// How many flagged accounts unknown to the truth are listed by id.
const UNKNOWN_EXAMPLES: usize = 5;

/// The scores of one detection run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Accounts in the truth.
    pub truth_accounts: usize,
    /// Truth accounts of planted networks (the positives).
    pub planted_accounts: usize,
    /// Truth accounts of hard-negative groups.
    pub hard_accounts: usize,
    /// Other truth accounts (`organic` and any other kind).
    pub plain_accounts: usize,
    /// Flagged truth accounts.
    pub flagged_accounts: usize,
    /// Distinct non-empty `network_id`s in the run.
    pub detected_networks: usize,
    /// Flagged planted accounts.
    pub true_positives: usize,
    /// Flagged accounts that are not planted.
    pub false_positives: usize,
    /// Planted accounts not flagged.
    pub false_negatives: usize,
    /// `true_positives / flagged_accounts` (0 when nothing is flagged).
    pub precision: f64,
    /// `true_positives / planted_accounts` (0 when nothing is planted).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Adjusted Rand index between the truth grouping and the detected grouping, over all
    /// truth accounts. Truth clusters: one per planted network label, every other account a
    /// singleton. Detected clusters: one per `network_id` (counting truth accounts only), every
    /// unflagged account a singleton. 1 is a perfect match, about 0 a chance-level one.
    pub adjusted_rand_index: f64,
    /// Area under the ROC curve of the accounts' `score` column, planted accounts against all
    /// other truth accounts (accounts missing from the run score 0); `None` without the column.
    pub roc_auc: Option<f64>,
    /// Average precision (area under the precision–recall curve) of the same ranking.
    pub pr_auc: Option<f64>,
    /// Truth accounts in networks whose verdict (`authentic_looking`) sets them aside.
    pub cleared_accounts: usize,
    /// Per planted network, by label.
    pub networks: Vec<NetworkScore>,
    /// Per planted kind (`cib:...`), by kind: how many members were flagged.
    pub planted_kinds: Vec<KindFlags>,
    /// Per hard-negative group, by label.
    pub hard_groups: Vec<GroupFlags>,
    /// Per hard-negative kind (`hard:...`), by kind.
    pub hard_kinds: Vec<KindFlags>,
    /// Plain organic accounts.
    pub organic: Flags,
    /// Flagged accounts that the truth does not know.
    pub unknown_flagged: usize,
    /// Up to five of them, in file order.
    pub unknown_examples: Vec<String>,
}

/// How one planted network was detected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkScore {
    /// Label in the truth, e.g. `ring_01`.
    pub label: String,
    /// Kind in the truth, e.g. `cib:reshare_ring`.
    pub kind: String,
    /// Members in the truth.
    pub size: usize,
    /// Members flagged (in any detected network).
    pub flagged: usize,
    /// `flagged / size`.
    pub recall: f64,
    /// The detected network holding most members; `None` when no member is flagged.
    pub best_match: Option<NetworkMatch>,
}

/// The detected network that holds most members of a planted network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkMatch {
    /// Its `network_id`.
    pub network_id: String,
    /// Members of the planted network in it.
    pub members: usize,
    /// Accounts in it (all rows of the run with this `network_id`).
    pub network_size: usize,
    /// `members / planted network size`: the share of the planted network it recovers.
    pub share: f64,
    /// `members / network_size`: how much of it is this planted network.
    pub purity: f64,
}

/// Flagged members of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFlags {
    /// Label in the truth.
    pub label: String,
    /// Kind in the truth.
    pub kind: String,
    /// Members in the truth.
    pub members: usize,
    /// Members flagged.
    pub flagged: usize,
    /// `flagged / members`.
    pub fraction: f64,
}

/// Flagged members of all groups of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindFlags {
    /// The kind.
    pub kind: String,
    /// Groups (distinct labels) of the kind.
    pub groups: usize,
    /// Members in the truth.
    pub members: usize,
    /// Members flagged.
    pub flagged: usize,
    /// `flagged / members`.
    pub fraction: f64,
}

/// Flagged accounts among a set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flags {
    /// Accounts in the set.
    pub members: usize,
    /// Accounts flagged.
    pub flagged: usize,
    /// `flagged / members`.
    pub fraction: f64,
}

impl Evaluation {
    /// A readable summary table for the terminal.
    pub fn render_text(&self) -> String {
        report::render(self)
    }
}

/// Scores the run in `run_dir` (its `accounts.csv`; a path to the file itself also works)
/// against `truth`.
pub fn evaluate(truth: &Path, run_dir: &Path) -> Result<Evaluation, Error> {
    let truth_rows = read_truth(truth)?;
    let run_path = if run_dir.is_file() {
        run_dir.to_path_buf()
    } else {
        run_dir.join("accounts.csv")
    };
    let run_rows = read_run(&run_path)?;

    let index: HashMap<&str, usize> = truth_rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.account.as_str(), i))
        .collect();
    let mut network_of: Vec<Option<&str>> = vec![None; truth_rows.len()];
    let mut network_size: HashMap<&str, usize> = HashMap::new();
    let mut unknown_flagged = 0;
    let mut unknown_examples = Vec::new();
    let mut scores = vec![0.0f64; truth_rows.len()];
    let mut has_scores = false;
    let mut cleared_accounts = 0;
    for row in &run_rows {
        if let Some(&i) = index.get(row.account.as_str()) {
            if let Some(s) = row.score {
                scores[i] = s;
                has_scores = true;
            }
            cleared_accounts += usize::from(row.cleared);
        }
        let Some(net) = row.network.as_deref() else {
            continue;
        };
        *network_size.entry(net).or_default() += 1;
        match index.get(row.account.as_str()) {
            Some(&i) => network_of[i] = Some(net),
            None => {
                unknown_flagged += 1;
                if unknown_examples.len() < UNKNOWN_EXAMPLES {
                    unknown_examples.push(row.account.clone());
                }
            }
        }
    }

    let count = |class: Class| truth_rows.iter().filter(|r| r.class() == class).count();
    let flagged_in = |class: Class| {
        truth_rows
            .iter()
            .zip(&network_of)
            .filter(|(r, n)| r.class() == class && n.is_some())
            .count()
    };
    let planted_accounts = count(Class::Planted);
    let flagged_accounts = network_of.iter().filter(|n| n.is_some()).count();
    let true_positives = flagged_in(Class::Planted);
    let precision = ratio(true_positives, flagged_accounts);
    let recall = ratio(true_positives, planted_accounts);
    let positives: Vec<bool> = truth_rows
        .iter()
        .map(|r| r.class() == Class::Planted)
        .collect();
    let roc_auc = has_scores.then(|| roc_auc(&scores, &positives));
    let pr_auc = has_scores.then(|| average_precision(&scores, &positives));

    // Members of each planted network and of each hard-negative group, by label.
    let mut planted: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut hard: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in truth_rows.iter().enumerate() {
        match r.class() {
            Class::Planted => planted.entry(r.label.as_str()).or_default().push(i),
            Class::Hard => hard.entry(r.label.as_str()).or_default().push(i),
            Class::Plain => {}
        }
    }

    // Adjusted Rand index: truth clusters are the planted labels, detected clusters the
    // network ids of truth accounts; singletons contribute no pairs and are left out.
    let mut cells: HashMap<(&str, &str), u64> = HashMap::new();
    for (&label, members) in &planted {
        for &i in members {
            if let Some(net) = network_of[i] {
                *cells.entry((label, net)).or_default() += 1;
            }
        }
    }
    let mut predicted_sizes: HashMap<&str, u64> = HashMap::new();
    for net in network_of.iter().flatten() {
        *predicted_sizes.entry(net).or_default() += 1;
    }
    let adjusted_rand_index = adjusted_rand_index(
        truth_rows.len() as u64,
        planted.values().map(|m| m.len() as u64),
        predicted_sizes.values().copied(),
        cells.values().copied(),
    );

    let flagged_among =
        |members: &[usize]| members.iter().filter(|&&i| network_of[i].is_some()).count();
    let networks: Vec<NetworkScore> = planted
        .iter()
        .map(|(&label, members)| {
            let flagged = flagged_among(members);
            NetworkScore {
                label: label.to_string(),
                kind: truth_rows[members[0]].kind.clone(),
                size: members.len(),
                flagged,
                recall: ratio(flagged, members.len()),
                best_match: best_match(members, &network_of, &network_size),
            }
        })
        .collect();
    let hard_groups: Vec<GroupFlags> = hard
        .iter()
        .map(|(&label, members)| {
            let flagged = flagged_among(members);
            GroupFlags {
                label: label.to_string(),
                kind: truth_rows[members[0]].kind.clone(),
                members: members.len(),
                flagged,
                fraction: ratio(flagged, members.len()),
            }
        })
        .collect();
    let planted_kinds = by_kind(
        networks
            .iter()
            .map(|n| (n.kind.as_str(), n.size, n.flagged)),
    );
    let hard_kinds = by_kind(
        hard_groups
            .iter()
            .map(|g| (g.kind.as_str(), g.members, g.flagged)),
    );
    let plain_accounts = count(Class::Plain);
    let plain_flagged = flagged_in(Class::Plain);

    Ok(Evaluation {
        truth_accounts: truth_rows.len(),
        planted_accounts,
        hard_accounts: count(Class::Hard),
        plain_accounts,
        flagged_accounts,
        detected_networks: network_size.len(),
        true_positives,
        false_positives: flagged_accounts - true_positives,
        false_negatives: planted_accounts - true_positives,
        precision,
        recall,
        f1: f1(precision, recall),
        adjusted_rand_index,
        roc_auc,
        pr_auc,
        cleared_accounts,
        networks,
        planted_kinds,
        hard_groups,
        hard_kinds,
        organic: Flags {
            members: plain_accounts,
            flagged: plain_flagged,
            fraction: ratio(plain_flagged, plain_accounts),
        },
        unknown_flagged,
        unknown_examples,
    })
}

/// The detected network holding most of `members` (ties: the purer one, then the smaller id).
fn best_match(
    members: &[usize],
    network_of: &[Option<&str>],
    network_size: &HashMap<&str, usize>,
) -> Option<NetworkMatch> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in members {
        if let Some(net) = network_of[i] {
            *counts.entry(net).or_default() += 1;
        }
    }
    let (net, n) = counts.into_iter().max_by(|(a, x), (b, y)| {
        let size = |id: &str| network_size.get(id).copied().unwrap_or(0);
        x.cmp(y)
            .then_with(|| ratio(*x, size(a)).total_cmp(&ratio(*y, size(b))))
            .then_with(|| b.cmp(a))
    })?;
    let network_size = network_size.get(net).copied().unwrap_or(n);
    Some(NetworkMatch {
        network_id: net.to_string(),
        members: n,
        network_size,
        share: ratio(n, members.len()),
        purity: ratio(n, network_size),
    })
}

/// Sums `(kind, members, flagged)` per kind, by kind.
fn by_kind<'a>(items: impl Iterator<Item = (&'a str, usize, usize)>) -> Vec<KindFlags> {
    let mut kinds: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (kind, members, flagged) in items {
        let e = kinds.entry(kind).or_default();
        *e = (e.0 + 1, e.1 + members, e.2 + flagged);
    }
    kinds
        .into_iter()
        .map(|(kind, (groups, members, flagged))| KindFlags {
            kind: kind.to_string(),
            groups,
            members,
            flagged,
            fraction: ratio(flagged, members),
        })
        .collect()
}
