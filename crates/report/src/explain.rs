//! Why an account is in its network, or why two accounts are linked, read back from a run
//! directory: the account's reason and edges, the pair's co-actions with times and lags, the
//! expected count and p-value, and the behaviour signs behind the network's verdict.

use crate::error::ReportError;
use crate::model::{Account, Edge, Network, Run, Sign};
use crate::narratives::read_narratives;
use crate::run_dir::read_run;
use crate::table::NamedCsv;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt::{self, Write as _};
use std::path::Path;

/// An explanation of one account or of one pair of accounts.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The accounts asked about, in the order given.
    pub accounts: Vec<Member>,
    /// Their networks.
    pub networks: Vec<NetworkFacts>,
    /// For one account its edges, strongest (smallest p-value) first; for two accounts the
    /// edge between them, if there is one.
    pub edges: Vec<EdgeFacts>,
    /// Co-actions behind those edges (for one account, those inside its network when it is in
    /// one), strongest edge first, in time order within an edge, at most the limit asked for.
    pub coactions: Vec<Coaction>,
    /// How many co-actions evidence.csv holds for them.
    pub coactions_total: u64,
}

/// An account asked about.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// Account id, as in the result files.
    pub id: String,
    /// Handle, when the accounts file gave one.
    pub handle: String,
    /// Its network, if any.
    pub network: Option<u64>,
    /// Role in its network (leader, follower, peer).
    pub role: String,
    /// Why it is in its network, from networks.json.
    pub reason: String,
    /// Profile inauthenticity (0–1), when known.
    pub inauthenticity: Option<f64>,
    /// Posts in the input.
    pub n_posts: Option<u64>,
    /// The platform the input named for it, empty when none.
    pub platform: String,
}

/// A network of an account asked about.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkFacts {
    /// Network id (its rank).
    pub id: u64,
    /// Members.
    pub size: u64,
    /// Its verdict.
    pub verdict: String,
    /// Why it was found, in words.
    pub summary: String,
    /// The behaviour signs behind the verdict.
    pub signs: Vec<Sign>,
}

/// An edge between two accounts.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeFacts {
    /// Source account id.
    pub source: String,
    /// Target account id.
    pub target: String,
    /// The network of both ends, if the same.
    pub network: Option<u64>,
    /// Signals, `;`-separated.
    pub signals: String,
    /// Co-actions.
    pub coactions: u64,
    /// Co-actions expected by chance.
    pub expected: Option<f64>,
    /// Fused p-value.
    pub p_value: Option<f64>,
    /// q-value.
    pub q_value: Option<f64>,
    /// Median lag, seconds.
    pub median_lag_s: Option<f64>,
    /// The account that acted first in most co-actions (empty on a tie).
    pub leader: String,
    /// Share of the ordered co-actions it led.
    pub lead_share: Option<f64>,
}

/// One co-action of evidence.csv.
#[derive(Debug, Clone, Serialize)]
pub struct Coaction {
    /// Source account id.
    pub source: String,
    /// Target account id.
    pub target: String,
    /// Signal.
    pub signal: String,
    /// The object acted on.
    pub object: String,
    /// For a narrative of the text signal, its representative text.
    pub text: Option<String>,
    /// The source's post.
    pub source_post_id: String,
    /// The target's post.
    pub target_post_id: String,
    /// When the source acted.
    pub source_time: String,
    /// When the target acted.
    pub target_time: String,
    /// Seconds between the two.
    pub lag_s: f64,
    /// Text similarity, for the text signal.
    pub similarity: Option<f64>,
}

/// Explains `asked` (one or two accounts, each an id, `platform:id`, or a handle) from the run directory `dir`, keeping at most `limit` co-actions.
pub fn explain(dir: &Path, asked: &[&str], limit: usize) -> Result<Explanation, ReportError> {
    let run = read_run(dir, None)?;
    let positions: Vec<usize> = asked
        .iter()
        .map(|name| find_account(&run, dir, name))
        .collect::<Result<_, _>>()?;
    let accounts: Vec<Member> = positions.iter().map(|&i| member(&run, i)).collect();
    let mut networks: Vec<NetworkFacts> = Vec::new();
    for a in &accounts {
        let net = a
            .network
            .and_then(|id| run.networks.iter().find(|n| n.id == id));
        if let Some(n) = net.filter(|n| networks.iter().all(|f| f.id != n.id)) {
            networks.push(network_facts(n));
        }
    }
    let mut edges: Vec<usize> = (0..run.edges.len())
        .filter(|&i| {
            let e = &run.edges[i];
            match positions[..] {
                [a] => e.source == a || e.target == a,
                [a, b] => (e.source, e.target) == (a, b) || (e.source, e.target) == (b, a),
                _ => false,
            }
        })
        .collect();
    edges.sort_by(|&x, &y| {
        let (ex, ey) = (&run.edges[x], &run.edges[y]);
        let p = |e: &Edge| e.p_value.unwrap_or(f64::INFINITY);
        p(ex)
            .total_cmp(&p(ey))
            .then(ey.n_objects.cmp(&ex.n_objects))
            .then(x.cmp(&y))
    });
    let own_network = accounts[0].network;
    let evidenced: Vec<usize> = match positions.len() {
        1 => edges
            .iter()
            .copied()
            .filter(|&i| own_network.is_none() || run.edges[i].network == own_network)
            .collect(),
        _ => edges.clone(),
    };
    let (coactions, coactions_total) = read_coactions(dir, &run, &evidenced, limit)?;
    Ok(Explanation {
        accounts,
        networks,
        edges: edges.iter().map(|&i| edge_facts(&run, i)).collect(),
        coactions,
        coactions_total,
    })
}

/// The position of the account `name` names: its id, `platform:id`, its id without the
/// `platform:` scope it keeps where its id is shared across platforms, or its handle (without
/// `@`, any case).
fn find_account(run: &Run, dir: &Path, name: &str) -> Result<usize, ReportError> {
    /// `key` without the `platform:` scope, if it has that scope.
    fn without_scope<'k>(platform: &str, key: &'k str) -> Option<&'k str> {
        key.strip_prefix(platform)?.strip_prefix(':')
    }
    fn scoped_as(a: &Account, name: &str) -> bool {
        !a.platform.is_empty() && without_scope(&a.platform, name) == Some(a.id.as_str())
    }
    fn given_as(a: &Account, name: &str) -> bool {
        !a.platform.is_empty() && without_scope(&a.platform, &a.id) == Some(name)
    }
    let handle = name.trim_start_matches('@');
    let tests: [&dyn Fn(&Account) -> bool; 4] = [
        &|a| a.id == name,
        &|a| scoped_as(a, name),
        &|a| given_as(a, name),
        &|a| {
            !a.handle.is_empty()
                && a.handle
                    .trim_start_matches('@')
                    .eq_ignore_ascii_case(handle)
        },
    ];
    for test in tests {
        let found: Vec<usize> = (0..run.accounts.len())
            .filter(|&i| test(&run.accounts[i]))
            .collect();
        match found[..] {
            [] => continue,
            [i] => return Ok(i),
            _ => {
                let ids: Vec<&str> = found.iter().map(|&i| run.accounts[i].id.as_str()).collect();
                return Err(ReportError::read(
                    &dir.join("accounts.csv"),
                    format!(
                        "`{name}` names {} accounts: {}; give its full id",
                        ids.len(),
                        ids.join(", ")
                    ),
                ));
            }
        }
    }
    Err(ReportError::read(
        &dir.join("accounts.csv"),
        format!(
            "no account `{name}` in this run (accounts.csv and edges.csv name only the accounts \
             of a selected edge)"
        ),
    ))
}

fn member(run: &Run, i: usize) -> Member {
    let a = &run.accounts[i];
    let role = a
        .network
        .and_then(|id| run.networks.iter().find(|n| n.id == id))
        .and_then(|n| n.roles.iter().find(|r| r.account == a.id));
    Member {
        id: a.id.clone(),
        handle: a.handle.clone(),
        network: a.network,
        role: role.map_or_else(|| a.role.clone(), |r| r.role.clone()),
        reason: role.map(|r| r.reason.clone()).unwrap_or_default(),
        inauthenticity: a.inauthenticity,
        n_posts: a.n_posts,
        platform: a.platform.clone(),
    }
}

fn network_facts(n: &Network) -> NetworkFacts {
    NetworkFacts {
        id: n.id,
        size: n.size,
        verdict: n.verdict.clone(),
        summary: n.summary.clone(),
        signs: n.signs.clone(),
    }
}

fn edge_facts(run: &Run, i: usize) -> EdgeFacts {
    let e = &run.edges[i];
    EdgeFacts {
        source: run.accounts[e.source].id.clone(),
        target: run.accounts[e.target].id.clone(),
        network: e.network,
        signals: e.signals.clone(),
        coactions: e.n_objects,
        expected: e.expected,
        p_value: e.p_value,
        q_value: e.q_value,
        median_lag_s: e.median_lag_s,
        leader: e.leader.clone(),
        lead_share: e.lead_share,
    }
}

/// The co-actions of `edges` in evidence.csv: at most `limit`, in the order of `edges`, and
/// how many there are in all.
fn read_coactions(
    dir: &Path,
    run: &Run,
    edges: &[usize],
    limit: usize,
) -> Result<(Vec<Coaction>, u64), ReportError> {
    let rank: BTreeMap<(&str, &str), usize> = edges
        .iter()
        .enumerate()
        .map(|(r, &i)| {
            let e = &run.edges[i];
            (
                (
                    run.accounts[e.source].id.as_str(),
                    run.accounts[e.target].id.as_str(),
                ),
                r,
            )
        })
        .collect();
    let mut kept: Vec<Vec<Coaction>> = vec![Vec::new(); edges.len()];
    let mut total = 0u64;
    if !rank.is_empty() {
        let mut csv = NamedCsv::open(&dir.join("evidence.csv"))?;
        csv.require(&["source", "target", "signal", "object", "lag_s"])?;
        csv.for_each(|row| {
            let (s, t) = (row.text("source"), row.text("target"));
            let Some(&r) = rank.get(&(s, t)).or_else(|| rank.get(&(t, s))) else {
                return Ok(());
            };
            total += 1;
            if kept[r].len() < limit {
                kept[r].push(Coaction {
                    source: s.to_string(),
                    target: t.to_string(),
                    signal: row.text("signal").to_string(),
                    object: row.text("object").to_string(),
                    text: None,
                    source_post_id: row.text("source_post_id").to_string(),
                    target_post_id: row.text("target_post_id").to_string(),
                    source_time: row.text("source_time").to_string(),
                    target_time: row.text("target_time").to_string(),
                    lag_s: row.parsed("lag_s")?.unwrap_or(0.0),
                    similarity: row.parsed("similarity")?,
                });
            }
            Ok(())
        })?;
    }
    let mut coactions: Vec<Coaction> = kept.into_iter().flatten().take(limit).collect();
    let wanted: HashSet<&str> = coactions
        .iter()
        .filter_map(|c| c.object.strip_prefix("narrative:"))
        .collect();
    let texts = read_narratives(&dir.join("narratives.csv"), &wanted)?;
    for c in &mut coactions {
        c.text = c
            .object
            .strip_prefix("narrative:")
            .and_then(|id| texts.get(id))
            .cloned();
    }
    Ok((coactions, total))
}

impl fmt::Display for Explanation {
    /// The explanation for a terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        for a in &self.accounts {
            let name = if a.handle.is_empty() {
                a.id.clone()
            } else {
                format!("{} ({})", a.handle, a.id)
            };
            match a.network {
                Some(n) => writeln!(out, "{name}: {} in network {n}", a.role),
                None => writeln!(out, "{name}: in no network"),
            }?;
            if !a.reason.is_empty() {
                writeln!(out, "  {}", a.reason)?;
            }
            if let Some(x) = a.inauthenticity {
                writeln!(out, "  profile inauthenticity {x:.2}")?;
            }
        }
        for n in &self.networks {
            writeln!(
                out,
                "\nnetwork {}: {} accounts, {}",
                n.id, n.size, n.verdict
            )?;
            if !n.summary.is_empty() {
                writeln!(out, "  {}", n.summary)?;
            }
            for s in &n.signs {
                let mark = if s.fired { "fired" } else { "not fired" };
                writeln!(out, "  sign {:<24} {:>10.3}  {mark}", s.name, s.value)?;
            }
        }
        if self.accounts.len() == 2 && self.edges.is_empty() {
            writeln!(
                out,
                "\nno edge between them: their co-actions, if any, were not kept against chance"
            )?;
        } else {
            writeln!(out, "\nedges ({}), strongest first:", self.edges.len())?;
            for e in &self.edges {
                writeln!(out, "  {}", edge_line(e))?;
            }
        }
        if !self.coactions.is_empty() {
            writeln!(
                out,
                "\nco-actions ({} of {}):",
                self.coactions.len(),
                self.coactions_total
            )?;
            for c in &self.coactions {
                let object = c
                    .text
                    .as_ref()
                    .map_or(c.object.clone(), |t| format!("{} \"{t}\"", c.object));
                writeln!(
                    out,
                    "  {} at {}, {} at {}  lag {} s  {}: {}",
                    c.source, c.source_time, c.target, c.target_time, c.lag_s, c.signal, object
                )?;
            }
        }
        f.write_str(out.trim_end())
    }
}

/// A probability as a reader expects it: three decimals down to 0.001, scientific below.
fn probability(p: f64) -> String {
    if p >= 1e-3 {
        format!("{p:.3}")
    } else {
        format!("{p:.1e}")
    }
}

fn edge_line(e: &EdgeFacts) -> String {
    let optional = |x: Option<f64>, fmt: fn(f64) -> String| x.map_or("?".to_string(), fmt);
    let network = e
        .network
        .map_or("outside networks".to_string(), |n| format!("network {n}"));
    let leader = if e.leader.is_empty() {
        String::new()
    } else {
        format!(
            "; {} acted first in {} of them",
            e.leader,
            optional(e.lead_share, |x| format!("{:.0} %", 100.0 * x))
        )
    };
    format!(
        "{} - {} ({network}): {} co-actions ({}); chance expects {} (pairs of their actions within each signal's window, summed over signals), p = {}, q = {}, median lag {} s{leader}",
        e.source,
        e.target,
        e.coactions,
        e.signals.replace(';', ", "),
        optional(e.expected, |x| format!("{x:.2}")),
        optional(e.p_value, probability),
        optional(e.q_value, probability),
        optional(e.median_lag_s, |x| format!("{x}")),
    )
}
