//! Reading the result files of a run directory (FORMATS.md) into a [`Run`].

use crate::accounts::Accounts;
use crate::error::ReportError;
use crate::evidence::{read_evidence, EvidenceLimits, EvidenceNames};
use crate::model::{Account, Edge, Network, Run};
use crate::narratives::{narrative_ids, read_narratives};
use crate::table::NamedCsv;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The parts of `networks.json` the report reads.
#[derive(Deserialize)]
struct NetworksFile {
    #[serde(default)]
    edge_selection: serde_json::Value,
    networks: Vec<Network>,
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
    let mut narratives = BTreeMap::new();
    if let Some(limits) = evidence {
        read_evidence(
            &dir.join("evidence.csv"),
            limits,
            &accounts,
            &mut edges,
            &mut names,
        )?;
        let wanted = narrative_ids(&names.objects.list, &networks.networks);
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

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, ReportError> {
    let file = std::fs::File::open(path).map_err(|e| ReportError::read(path, e))?;
    serde_json::from_reader(std::io::BufReader::new(file)).map_err(|e| ReportError::read(path, e))
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
            platform: row.text("platform").to_string(),
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
            expected: row.parsed("expected")?,
            p_value: row.parsed("p_value")?,
            q_value: row.parsed("q_value")?,
            leader: row.text("leader").to_string(),
            lead_share: row.parsed("lead_share")?,
            network: row.parsed("network_id")?,
            median_lag_s: row.parsed("median_lag_s")?,
            evidence: Vec::new(),
            evidence_total: 0,
        });
        Ok(())
    })?;
    Ok(edges)
}
