//! The individual result files.

use crate::detection::Detection;
use crate::error::OutputError;
#[cfg(doc)]
use crate::ids::IdLabels;
use crate::summary::{member_reasons, summarise_network};
use crate::table::{TableFormat, TableWriter};
use crate::time::format_time;
use lockstep_model::{AccountId, Signal};
use lockstep_neardup::Narratives;
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// How many shared objects networks.json lists per network.
const TOP_OBJECTS: usize = 10;

fn seconds(ms: f64) -> String {
    let s = ms / 1000.0;
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s:.3}")
    }
}

fn signal_list(signals: impl Iterator<Item = Signal>) -> String {
    signals.map(Signal::name).collect::<Vec<_>>().join(";")
}

/// `accounts.csv`: every account in a network or on a selected edge.
///
/// Columns: `account_id, network_id, score, degree, n_posts, signals, handle, created_at, role,
/// inauthenticity, verdict, platform` where `account_id` is the id as given (see [`IdLabels`]),
/// `platform` the platform the input named for it (empty when none) and `score` ranks accounts
/// for review: the evidence against chance
/// of the account's strongest selected edge (`−log10 p`, capped at 300) times `0.5 +
/// inauthenticity`; `degree` is the number of its selected edges, `role` its role
/// in its network (leader, follower, peer), `inauthenticity` its score (0–1, see networks.json),
/// `verdict` its network's verdict and
/// `signals` the signals they involve. Rows are ordered by network id (accounts in no network
/// last), then by score, highest first.
pub fn write_accounts(path: &Path, d: &Detection, format: TableFormat) -> Result<(), OutputError> {
    let n = d.dataset.accounts.len();
    let mut score = vec![0.0f64; n];
    let mut degree = vec![0u32; n];
    let mut signals = vec![0u32; n];
    for (e, chance) in d.edges.iter().zip(d.chance) {
        let mask: u32 = e.signals().map(|s| 1 << s.index()).sum();
        for x in [e.a, e.b] {
            let cib = chance.surprise() * (0.5 + d.inauthenticity[x as usize].score);
            score[x as usize] = score[x as usize].max(cib);
            degree[x as usize] += 1;
            signals[x as usize] |= mask;
        }
    }
    let mut posts = vec![0u64; n];
    for &a in &d.dataset.post_accounts {
        posts[a as usize] += 1;
    }
    let mut rows: Vec<u32> = (0..n as u32).filter(|&a| degree[a as usize] > 0).collect();
    rows.sort_by(|&x, &y| {
        let nx = d.network_id(x).unwrap_or(usize::MAX);
        let ny = d.network_id(y).unwrap_or(usize::MAX);
        nx.cmp(&ny)
            .then(score[y as usize].total_cmp(&score[x as usize]))
            .then(x.cmp(&y))
    });
    let mut w = TableWriter::create(path, format)?;
    w.write_record([
        "account_id",
        "network_id",
        "score",
        "degree",
        "n_posts",
        "signals",
        "handle",
        "created_at",
        "role",
        "inauthenticity",
        "verdict",
        "platform",
    ])?;
    let mut roles: BTreeMap<u32, &'static str> = BTreeMap::new();
    for p in d.network_profiles {
        for r in &p.roles {
            roles.insert(r.account, r.role.name());
        }
    }
    for a in rows {
        let network = d.membership[a as usize];
        let profile = d
            .profiles
            .and_then(|p| p.get(d.dataset.accounts.resolve(a)));
        let mask = signals[a as usize];
        w.write_record([
            d.account_id(a).to_string(),
            d.network_id(a).map(|n| n.to_string()).unwrap_or_default(),
            format!("{:.4}", score[a as usize]),
            degree[a as usize].to_string(),
            posts[a as usize].to_string(),
            signal_list(
                Signal::ALL
                    .into_iter()
                    .filter(|s| mask & (1 << s.index()) != 0),
            ),
            profile.and_then(|p| p.handle.clone()).unwrap_or_default(),
            profile
                .and_then(|p| p.created_at.clone())
                .unwrap_or_default(),
            roles.get(&a).copied().unwrap_or_default().to_string(),
            format!("{:.3}", d.inauthenticity[a as usize].score),
            network
                .map(|n| d.network_profiles[n].verdict.name())
                .unwrap_or_default()
                .to_string(),
            d.dataset.platform_of(a).unwrap_or_default().to_string(),
        ])?;
    }
    w.finish()
}

/// `edges.csv`: one row per selected edge.
///
/// Columns: `source, target, weight, signals, n_objects, first_seen, last_seen, median_lag_s,
/// min_lag_s, network_id, expected, p_value, q_value, leader, lead_share`, then `n_<signal>`
/// (co-actions per signal) for every signal. `expected` is the number of co-actions chance
/// explains, `p_value` the fused probability of at least the observed co-actions by chance
/// (given the pair co-acted at all), `q_value` the smallest estimated false discovery rate at
/// which the edge is kept, `leader` the account that acted first in most co-actions (empty on a
/// tie) and `lead_share` the share of ordered co-actions it led.
pub fn write_edges(path: &Path, d: &Detection, format: TableFormat) -> Result<(), OutputError> {
    let mut w = TableWriter::create(path, format)?;
    let mut header: Vec<String> = [
        "source",
        "target",
        "weight",
        "signals",
        "n_objects",
        "first_seen",
        "last_seen",
        "median_lag_s",
        "min_lag_s",
        "network_id",
        "expected",
        "p_value",
        "q_value",
        "leader",
        "lead_share",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(Signal::ALL.iter().map(|s| format!("n_{}", s.name())));
    w.write_record(&header)?;
    for (i, e) in d.edges.iter().enumerate() {
        let na = d.network_id(e.a);
        let network = if na == d.network_id(e.b) { na } else { None };
        let chance = &d.chance[i];
        let ordered = e.a_leads + e.b_leads;
        let (leader, lead_share) = match e.a_leads.cmp(&e.b_leads) {
            std::cmp::Ordering::Greater => (d.account_id(e.a), e.a_leads),
            std::cmp::Ordering::Less => (d.account_id(e.b), e.b_leads),
            std::cmp::Ordering::Equal => ("", e.a_leads),
        };
        let mut row = vec![
            d.account_id(e.a).to_string(),
            d.account_id(e.b).to_string(),
            format!("{:.4}", e.weight),
            signal_list(e.signals()),
            e.n_objects.to_string(),
            format_time(e.first_seen),
            format_time(e.last_seen),
            seconds(e.median_lag_ms),
            seconds(e.min_lag_ms as f64),
            network.map(|n| n.to_string()).unwrap_or_default(),
            format!("{:.4}", chance.expected),
            format!("{:.3e}", chance.p_value()),
            format!("{:.3e}", d.q_values[i]),
            leader.to_string(),
            if ordered == 0 {
                String::new()
            } else {
                format!("{:.3}", f64::from(lead_share) / f64::from(ordered))
            },
        ];
        row.extend(e.signal_objects.iter().map(|n| n.to_string()));
        w.write_record(&row)?;
    }
    w.finish()
}

/// `evidence.csv`: the co-actions behind every selected edge, in the order of edges.csv.
///
/// Columns: `source, target, signal, object, source_post_id, target_post_id, source_time,
/// target_time, lag_s, similarity`. The object is the canonical URL, hashtag, reshared post id,
/// narrative (`narrative:<id>`, see narratives.csv), ... that both accounts acted on;
/// `similarity` is the Jaccard similarity of the two posts' texts on text rows, empty otherwise.
pub fn write_evidence(path: &Path, d: &Detection, format: TableFormat) -> Result<(), OutputError> {
    let mut w = TableWriter::create(path, format)?;
    w.write_record([
        "source",
        "target",
        "signal",
        "object",
        "source_post_id",
        "target_post_id",
        "source_time",
        "target_time",
        "lag_s",
        "similarity",
    ])?;
    for ev in d.evidence {
        let similarity = ev.similarity.map(|s| format!("{s:.3}")).unwrap_or_default();
        let c = &ev.coaction;
        w.write_record([
            d.account_id(c.a),
            d.account_id(c.b),
            c.signal.name(),
            d.object_name(c.signal, c.object, c.a),
            d.post_id(c.post_a),
            d.post_id(c.post_b),
            &format_time(c.time_a),
            &format_time(c.time_b),
            &seconds(c.lag_ms() as f64),
            &similarity,
        ])?;
    }
    w.finish()
}

/// `narratives.csv`: the narratives posted by at least two accounts, by id.
///
/// Columns: `narrative_id, n_posts, n_accounts, n_texts, first_seen, last_seen, boilerplate,
/// text` where `n_texts` counts the distinct normalised texts grouped into the narrative,
/// `boilerplate` is `true` when it was posted by too many accounts to link anyone, and `text`
/// is its most frequent normalised text.
pub fn write_narratives(
    path: &Path,
    narratives: &Narratives,
    format: TableFormat,
) -> Result<(), OutputError> {
    let mut w = TableWriter::create(path, format)?;
    w.write_record([
        "narrative_id",
        "n_posts",
        "n_accounts",
        "n_texts",
        "first_seen",
        "last_seen",
        "boilerplate",
        "text",
    ])?;
    for n in narratives.list().iter().filter(|n| n.accounts >= 2) {
        w.write_record([
            n.id.to_string().as_str(),
            &n.posts.to_string(),
            &n.accounts.to_string(),
            &n.texts.to_string(),
            &format_time(n.first_seen),
            &format_time(n.last_seen),
            if n.boilerplate { "true" } else { "false" },
            narratives.representative_text(n),
        ])?;
    }
    w.finish()
}

/// What networks.json says about how networks are scored.
const SCORING: &str = "score = strength * sqrt(density) * size_factor * persistence_factor * \
inauthenticity_factor; strength = mean -log10 p-value of internal edges (evidence against chance); \
density = linked member pairs / member pairs; size_factor = log2(1 + size); persistence_factor = \
log2(1 + active_days), active_days = most distinct days one internal pair co-acted on; \
inauthenticity_factor = 0.5 + inauthenticity (1 when unknown)";

/// `networks.json`: the ranked networks with score parts, members, signals, metrics, top shared
/// objects and time span.
pub fn write_networks(path: &Path, d: &Detection) -> Result<(), OutputError> {
    let ds = d.dataset;
    let networks: Vec<serde_json::Value> = d
        .networks
        .iter()
        .zip(d.network_profiles)
        .enumerate()
        .map(|(n, (net, profile))| {
            let summary = summarise_network(d, n);
            let reasons = member_reasons(d, n);
            let mut signal_edges: BTreeMap<&str, usize> = BTreeMap::new();
            let mut objects: BTreeMap<(Signal, u32), (BTreeSet<AccountId>, usize)> =
                BTreeMap::new();
            let mut lags: Vec<f64> = Vec::with_capacity(net.edges.len());
            let mut total_weight = 0.0;
            for &i in &net.edges {
                let e = &d.edges[i];
                total_weight += e.weight;
                lags.push(e.median_lag_ms);
                for s in e.signals() {
                    *signal_edges.entry(s.name()).or_insert(0) += 1;
                }
                for ev in d.evidence_of(i) {
                    let entry = objects
                        .entry((ev.coaction.signal, ev.coaction.object))
                        .or_default();
                    entry.0.insert(ev.coaction.a);
                    entry.0.insert(ev.coaction.b);
                    entry.1 += 1;
                }
            }
            lags.sort_by(f64::total_cmp);
            let median_lag_ms = lags.get(lags.len() / 2).copied().unwrap_or(0.0);
            let mut top: Vec<_> = objects.into_iter().collect();
            top.sort_by(|x, y| y.1 .0.len().cmp(&x.1 .0.len()).then(y.1 .1.cmp(&x.1 .1)));
            let top_objects: Vec<serde_json::Value> = top
                .iter()
                .take(TOP_OBJECTS)
                .map(|((signal, object), (accounts, pairs))| {
                    json!({
                        "signal": signal.name(),
                        "object": d.object_name(*signal, *object, *accounts.first().unwrap_or(&0)),
                        "accounts": accounts.len(),
                        "coactions": pairs,
                    })
                })
                .collect();
            let members: Vec<&str> = net.members.iter().map(|&m| d.account_id(m)).collect();
            json!({
                "id": net.id,
                "size": net.members.len(),
                "score": net.score.score,
                "verdict": profile.verdict.name(),
                "summary": summary.text,
                "summary_facts": summary.signals,
                "score_components": {
                    "strength": net.score.strength,
                    "density": net.score.density,
                    "size_factor": (1.0 + net.members.len() as f64).log2(),
                    "active_days": net.score.active_days,
                    "persistence_factor": (1.0 + f64::from(net.score.active_days)).log2(),
                    "inauthenticity": net.score.inauthenticity,
                    "inauthenticity_factor": net.score.inauthenticity.map_or(1.0, |x| 0.5 + x),
                },
                "members": members,
                "roles": profile.roles.iter().map(|r| json!({
                    "account": d.account_id(r.account),
                    "role": r.role.name(),
                    "reason": reasons.get(&r.account),
                    "leads": r.leads,
                    "follows": r.follows,
                    "inauthenticity": d.inauthenticity[r.account as usize],
                })).collect::<Vec<_>>(),
                "amplified": profile.amplified.iter().map(|(a, n)| json!({
                    "account": d.account_id(*a),
                    "role": "amplified",
                    "reshared_posts": n,
                })).collect::<Vec<_>>(),
                "communities": profile.communities.iter().map(|&(c, n)| json!({
                    "community": ds.communities.resolve(c),
                    "posts": n,
                })).collect::<Vec<_>>(),
                "creation_burst": profile.creation_burst,
                "signs": profile.signs,
                "working_hours": profile.working_hours,
                "edge_q_value_max": net.edges.iter().map(|&i| d.q_values[i]).fold(0.0, f64::max),
                "signals": signal_edges,
                "metrics": {
                    "edges": net.edges.len(),
                    "total_weight": total_weight,
                    "median_lag_s": median_lag_ms / 1000.0,
                },
                "top_objects": top_objects,
                "first_seen": format_time(net.first_seen),
                "last_seen": format_time(net.last_seen),
                "span_hours": (net.last_seen - net.first_seen) as f64 / 3_600_000.0,
            })
        })
        .collect();
    write_json(
        path,
        &json!({
            "scoring": SCORING,
            "edge_selection": d.fdr,
            "count": networks.len(),
            "networks": networks,
        }),
    )
}

/// Writes any serialisable value as pretty JSON (used for run.json).
pub fn write_json(path: &Path, value: &impl Serialize) -> Result<(), OutputError> {
    let file = File::create(path).map_err(|e| OutputError::new(path, e))?;
    let mut w = BufWriter::new(file);
    serde_json::to_writer_pretty(&mut w, value).map_err(|e| OutputError::new(path, e))?;
    w.write_all(b"\n")
        .and_then(|_| w.flush())
        .map_err(|e| OutputError::new(path, e))
}
