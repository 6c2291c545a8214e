//! Reading the result files of a run directory (FORMATS.md) into a [`Run`].

use crate::error::ReportError;
use crate::model::{Account, Edge, EvidenceRow, Network, Run};
use crate::table::{NamedCsv, NamedRow};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The parts of `networks.json` the report reads.
#[derive(Deserialize)]
struct NetworksFile {
    #[serde(default)]
    edge_selection: serde_json::Value,
    networks: Vec<Network>,
}

/// How many evidence rows a report keeps: for an edge of a network with `k` edges, the first
/// `min(per_edge, max(1, per_network / k))` rows of evidence.csv; none for edges outside
/// networks, which the report does not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceLimits {
    /// Most rows kept per edge.
    pub per_edge: usize,
    /// Rows kept per network, shared among its edges.
    pub per_network: usize,
}

impl EvidenceLimits {
    /// Rows kept for an edge of a network with `edges` edges.
    fn for_edge_of(&self, edges: usize) -> usize {
        self.per_edge.min((self.per_network / edges.max(1)).max(1))
    }
}

/// Reads `run.json`, `networks.json`, `accounts.csv`, `edges.csv` and, when `evidence` is
/// given, `evidence.csv` from `dir`: every row is counted, and rows are kept within the limits.
pub fn read_run(dir: &Path, evidence: Option<EvidenceLimits>) -> Result<Run, ReportError> {
    let run = read_json::<serde_json::Value>(&dir.join("run.json"))?;
    let networks: NetworksFile = read_json(&dir.join("networks.json"))?;
    let mut accounts = Accounts::default();
    read_accounts(&dir.join("accounts.csv"), &mut accounts)?;
    let mut edges = read_edges(&dir.join("edges.csv"), &mut accounts)?;
    let mut names = EvidenceNames::default();
    if let Some(limits) = evidence {
        read_evidence(
            &dir.join("evidence.csv"),
            limits,
            &accounts,
            &mut edges,
            &mut names,
        )?;
    }
    let mut narratives = BTreeMap::new();
    if evidence.is_some() {
        let named = names.objects.list.iter().chain(
            networks
                .networks
                .iter()
                .flat_map(|n| n.top_objects.iter().map(|o| &o.object)),
        );
        let wanted: HashSet<&str> = named
            .filter_map(|o| o.strip_prefix(NARRATIVE_PREFIX))
            .collect();
        narratives = read_narratives(&dir.join("narratives.csv"), &wanted)?;
    }
    Ok(Run {
        run,
        edge_selection: networks.edge_selection,
        networks: networks.networks,
        accounts: accounts.list,
        edges,
        signals: names.signals.list,
        objects: names.objects.list,
        narratives,
    })
}

/// How text-signal objects name a narrative of narratives.csv.
const NARRATIVE_PREFIX: &str = "narrative:";

/// The texts of the `wanted` narratives; none when the run has no narratives.csv (runs
/// without the text signal, and runs from before narratives existed).
fn read_narratives(
    path: &Path,
    wanted: &HashSet<&str>,
) -> Result<BTreeMap<String, String>, ReportError> {
    let mut texts = BTreeMap::new();
    if wanted.is_empty() || !path.exists() {
        return Ok(texts);
    }
    let mut csv = NamedCsv::open(path)?;
    csv.require(&["narrative_id", "text"])?;
    csv.for_each(|row| {
        let id = row.text("narrative_id");
        if wanted.contains(id) {
            texts.insert(id.to_string(), row.text("text").to_string());
        }
        Ok(())
    })?;
    Ok(texts)
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, ReportError> {
    let file = std::fs::File::open(path).map_err(|e| ReportError::read(path, e))?;
    serde_json::from_reader(std::io::BufReader::new(file)).map_err(|e| ReportError::read(path, e))
}

/// Accounts in the order they were first named, found by id.
#[derive(Default)]
struct Accounts {
    ids: Interned,
    list: Vec<Account>,
}

impl Accounts {
    /// Position of account `id`, adding a bare account when it is new.
    fn position_of(&mut self, id: &str) -> usize {
        let (i, new) = self.ids.insert(id);
        if new {
            self.list.push(Account {
                id: id.to_string(),
                network: None,
                score: None,
                handle: String::new(),
                role: String::new(),
                inauthenticity: None,
                verdict: String::new(),
                n_posts: None,
            });
        }
        i
    }

    /// Adds `account`; a later row for the same id replaces the earlier one.
    fn add(&mut self, account: Account) {
        let i = self.position_of(&account.id);
        self.list[i] = account;
    }

    /// Position of account `id`, if it is known.
    fn find(&self, id: &str) -> Option<usize> {
        self.ids.position.get(id).copied()
    }
}

fn read_accounts(path: &Path, accounts: &mut Accounts) -> Result<(), ReportError> {
    let mut csv = NamedCsv::open(path)?;
    csv.require(&["account_id", "network_id", "score"])?;
    csv.for_each(|row| {
        accounts.add(Account {
            id: row.text("account_id").to_string(),
            network: row.parsed("network_id")?,
            score: row.parsed("score")?,
            handle: row.text("handle").to_string(),
            role: row.text("role").to_string(),
            inauthenticity: row.parsed("inauthenticity")?,
            verdict: row.text("verdict").to_string(),
            n_posts: row.parsed("n_posts")?,
        });
        Ok(())
    })
}

fn read_edges(path: &Path, accounts: &mut Accounts) -> Result<Vec<Edge>, ReportError> {
    let mut csv = NamedCsv::open(path)?;
    csv.require(&["source", "target", "weight", "signals", "n_objects"])?;
    let mut edges = Vec::new();
    csv.for_each(|row| {
        edges.push(Edge {
            source: accounts.position_of(row.text("source")),
            target: accounts.position_of(row.text("target")),
            weight: row.parsed("weight")?.unwrap_or(0.0),
            signals: row.text("signals").to_string(),
            n_objects: row.parsed("n_objects")?.unwrap_or(0),
            p_value: row.parsed("p_value")?,
            leader: row.text("leader").to_string(),
            network: row.parsed("network_id")?,
            median_lag_s: row.parsed("median_lag_s")?,
            evidence: Vec::new(),
            evidence_total: 0,
        });
        Ok(())
    })?;
    Ok(edges)
}

/// Strings stored once and referred to by position.
#[derive(Default)]
struct Interned {
    list: Vec<String>,
    position: HashMap<String, usize>,
}

impl Interned {
    /// Position of `s`, and whether it was new.
    fn insert(&mut self, s: &str) -> (usize, bool) {
        if let Some(&i) = self.position.get(s) {
            return (i, false);
        }
        self.list.push(s.to_string());
        self.position.insert(s.to_string(), self.list.len() - 1);
        (self.list.len() - 1, true)
    }

    /// Position of `s`.
    fn position_of(&mut self, s: &str) -> usize {
        self.insert(s).0
    }
}

/// The signal and object names of the evidence.
#[derive(Default)]
struct EvidenceNames {
    signals: Interned,
    objects: Interned,
}

fn read_evidence(
    path: &Path,
    limits: EvidenceLimits,
    accounts: &Accounts,
    edges: &mut [Edge],
    names: &mut EvidenceNames,
) -> Result<(), ReportError> {
    let mut csv = NamedCsv::open(path)?;
    csv.require(&[
        "source",
        "target",
        "signal",
        "object",
        "source_post_id",
        "target_post_id",
        "source_time",
        "target_time",
        "lag_s",
    ])?;
    let mut edge_of: HashMap<(usize, usize), usize> = HashMap::with_capacity(edges.len());
    let mut network_edges: HashMap<u64, usize> = HashMap::new();
    for (i, e) in edges.iter().enumerate() {
        edge_of.insert((e.source, e.target), i);
        if let Some(n) = e.network {
            *network_edges.entry(n).or_default() += 1;
        }
    }
    let limit = |e: &Edge| {
        e.network
            .map_or(0, |n| limits.for_edge_of(network_edges[&n]))
    };
    csv.for_each(|row| {
        let (Some(a), Some(b)) = (
            accounts.find(row.text("source")),
            accounts.find(row.text("target")),
        ) else {
            return Ok(());
        };
        let (edge, forward) = match (edge_of.get(&(a, b)), edge_of.get(&(b, a))) {
            (Some(&i), _) => (i, true),
            (None, Some(&i)) => (i, false),
            (None, None) => return Ok(()),
        };
        let edge = &mut edges[edge];
        edge.evidence_total += 1;
        if edge.evidence.len() < limit(edge) {
            edge.evidence.push(evidence_row(row, forward, names)?);
        }
        Ok(())
    })
}

fn evidence_row(
    row: &NamedRow,
    forward: bool,
    names: &mut EvidenceNames,
) -> Result<EvidenceRow, ReportError> {
    let (first, second) = if forward {
        ("source", "target")
    } else {
        ("target", "source")
    };
    let field = |side: &str, what: &str| row.text(&format!("{side}_{what}")).to_string();
    Ok(EvidenceRow(
        names.signals.position_of(row.text("signal")),
        names.objects.position_of(row.text("object")),
        field(first, "post_id"),
        field(second, "post_id"),
        field(first, "time"),
        field(second, "time"),
        row.parsed("lag_s")?.unwrap_or(0.0),
        row.parsed("similarity")?,
    ))
}
