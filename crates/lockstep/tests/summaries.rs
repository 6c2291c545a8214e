//! Every network's summary in networks.json cites numbers that evidence.csv bears out.

mod common;

use chrono::DateTime;
use common::{detect_generated, detect_into, members_of, networks_of, read_csv, sign_of};
use lockstep_synth::SynthConfig;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

/// The numbers of one signal of one network, recomputed from the output tables.
#[derive(Debug, Default)]
struct Recount {
    accounts: BTreeSet<String>,
    spans: BTreeMap<String, Vec<(i64, i64)>>,
    lags: Vec<f64>,
}

fn seconds(time: &str) -> i64 {
    DateTime::parse_from_rfc3339(time).unwrap().timestamp()
}

/// Runs of overlapping spans, counted the plain way: sort by start, a new run whenever a
/// span starts after every earlier one has ended.
fn runs(spans: &mut [(i64, i64)]) -> usize {
    spans.sort();
    let mut runs = 0;
    let mut end = i64::MIN;
    for &(start, stop) in spans.iter() {
        if start > end {
            runs += 1;
        }
        end = end.max(stop);
    }
    runs
}

/// Per network id and signal, the counts over the evidence of the network's internal edges.
fn recount(out: &Path) -> BTreeMap<(String, String), Recount> {
    let (header, edges) = read_csv(&out.join("edges.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let network_of: BTreeMap<(String, String), String> = edges
        .iter()
        .filter(|e| !e[col("network_id")].is_empty())
        .map(|e| {
            (
                (e[col("source")].clone(), e[col("target")].clone()),
                e[col("network_id")].clone(),
            )
        })
        .collect();
    let (header, evidence) = read_csv(&out.join("evidence.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut counts: BTreeMap<(String, String), Recount> = BTreeMap::new();
    for row in &evidence {
        let pair = (row[col("source")].clone(), row[col("target")].clone());
        let Some(network) = network_of.get(&pair) else {
            continue;
        };
        let c = counts
            .entry((network.clone(), row[col("signal")].clone()))
            .or_default();
        c.accounts.insert(pair.0.clone());
        c.accounts.insert(pair.1.clone());
        let (s, t) = (
            seconds(&row[col("source_time")]),
            seconds(&row[col("target_time")]),
        );
        c.spans
            .entry(row[col("object")].clone())
            .or_default()
            .push((s.min(t), s.max(t)));
        c.lags.push(row[col("lag_s")].parse().unwrap());
    }
    counts
}

#[test]
fn every_summary_cites_what_the_evidence_shows() {
    let dir = tempfile::tempdir().unwrap();
    let synth = SynthConfig {
        accounts: SynthConfig::MIN_ACCOUNTS,
        seed: 3,
        ..SynthConfig::demo()
    };
    let (_, out) = detect_generated(&synth, dir.path());

    let networks: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("networks.json")).unwrap()).unwrap();
    let networks = networks["networks"].as_array().unwrap();
    assert!(networks.len() >= 5, "the planted networks are found");
    let mut counts = recount(&out);
    for net in networks {
        let id = net["id"].to_string();
        let summary = net["summary"].as_str().unwrap();
        let facts = net["summary_facts"].as_array().unwrap();
        assert!(!facts.is_empty(), "network {id} has evidence");
        let mut last_coactions = u64::MAX;
        for f in facts {
            let signal = f["signal"].as_str().unwrap().to_string();
            let mut c = counts.remove(&(id.clone(), signal.clone())).unwrap();
            let mut lags = c.lags.clone();
            lags.sort_by(f64::total_cmp);
            let coactions = f["coactions"].as_u64().unwrap();
            assert!(coactions <= last_coactions, "most co-actions first");
            last_coactions = coactions;
            assert_eq!(coactions as usize, c.lags.len(), "{id} {signal}");
            assert_eq!(f["accounts"].as_u64().unwrap() as usize, c.accounts.len());
            assert_eq!(f["objects"].as_u64().unwrap() as usize, c.spans.len());
            let occasions: usize = c.spans.values_mut().map(|s| runs(s)).sum();
            assert_eq!(f["occasions"].as_u64().unwrap() as usize, occasions);
            let median = f["median_lag_s"].as_f64().unwrap();
            assert!(
                (median - lags[lags.len() / 2]).abs() <= 1.0,
                "{id} {signal}"
            );
            let first = c.spans.values().flatten().map(|s| s.0).min().unwrap();
            let last = c.spans.values().flatten().map(|s| s.1).max().unwrap();
            let span_days = f["span_days"].as_f64().unwrap();
            assert!((span_days - (last - first) as f64 / 86_400.0).abs() < 1e-4);
        }
        // The text quotes the strongest signal's numbers.
        let lead = &facts[0];
        let accounts = format!("{} accounts", lead["accounts"]);
        let occasions = lead["occasions"].as_u64().unwrap();
        let occasions = if occasions == 1 {
            "on 1 occasion".to_string()
        } else {
            format!("on {occasions} occasions")
        };
        assert!(summary.starts_with(&accounts), "{summary}");
        assert!(summary.contains(&occasions), "{summary}");
        assert!(summary.contains(&lead["objects"].to_string()) || lead["objects"] == 1);
        // And the verdict.
        let verdict = net["verdict"].as_str().unwrap();
        let says_cib = summary.contains("Likely coordinated inauthentic behaviour");
        assert_eq!(says_cib, verdict == "likely_cib", "{summary}");
        // Every member has a reason that counts its links inside the network.
        let size = net["size"].as_u64().unwrap();
        for role in net["roles"].as_array().unwrap() {
            let reason = role["reason"].as_str().unwrap();
            assert!(
                reason.contains(&format!("of the {} other members", size - 1)),
                "{reason}"
            );
        }
    }
    assert!(
        counts.is_empty(),
        "every signal of every network is in its summary_facts: {:?}",
        counts.keys().collect::<Vec<_>>()
    );
}

/// posts.csv over `days` days from a Monday: 150 accounts posting a trending tag five times a
/// day at waking hours, and eight posting their campaign tag and site within ten minutes of
/// one another twice every workday between 09:00 and 16:00 UTC.
fn office_push(days: i64) -> String {
    const MONDAY: i64 = 1_725_235_200;
    const HOUR: i64 = 3_600;
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let mut csv = String::from("post_id,account_id,timestamp,urls,hashtags\n");
    let mut id = 0;
    let mut post = |csv: &mut String, account: String, time: i64, url: &str, tag: String| {
        id += 1;
        writeln!(csv, "p{id},{account},{time},{url},{tag}").unwrap();
    };
    for a in 0..150 {
        for day in 0..days {
            for _ in 0..5 {
                let time = MONDAY + day * 24 * HOUR + 7 * HOUR + rng.random_range(0..16 * HOUR);
                let tag = format!("trend{}", rng.random_range(0..30));
                post(&mut csv, format!("o{a}"), time, "", tag);
            }
        }
    }
    for day in (0..days).filter(|d| d % 7 < 5) {
        for burst in 0..2 {
            let start = MONDAY + day * 24 * HOUR + 9 * HOUR + rng.random_range(0..7 * HOUR);
            let url = format!("https://campaign.example/{day}/{burst}");
            for m in 0..8 {
                let time = start + rng.random_range(0..600);
                post(&mut csv, format!("push{m}"), time, &url, "campaign".into());
            }
        }
    }
    csv
}

#[test]
fn an_office_rhythm_speaks_of_weekends_only_where_the_posts_hold_one() {
    for (days, said, unsaid) in [
        (4, "(the posts hold no weekend)", "few at weekends"),
        (7, "few at weekends", "no weekend"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("posts.csv");
        std::fs::write(&input, office_push(days)).unwrap();
        let out = dir.path().join("results");
        detect_into(&input, &out);
        let networks = networks_of(&out);
        let push = networks
            .iter()
            .find(|n| members_of(n).iter().any(|m| m.starts_with("push")))
            .expect("the push is a network");
        assert_eq!(members_of(push).len(), 8, "{push}");
        let rhythm = sign_of(push, "operator_rhythm").expect("the rhythm is measured");
        assert_eq!(rhythm["fired"], true, "{days} days: {rhythm}");
        let summary = push["summary"].as_str().unwrap();
        assert!(summary.contains(said), "{days} days: {summary}");
        assert!(!summary.contains(unsaid), "{days} days: {summary}");
    }
}
