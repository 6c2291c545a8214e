//! `lockstep explain` on a hand-made run and on the demo: the edges, co-actions and numbers it
//! prints are those of the run's files.

mod common;

use common::{lockstep, read_csv};
use serde_json::Value;
use std::path::Path;

/// `lockstep explain DIR ACCOUNTS... --json --limit 0`, which must succeed, as JSON.
fn explain_json(dir: &Path, accounts: &[&str]) -> Value {
    let mut args = vec!["explain", dir.to_str().unwrap()];
    args.extend_from_slice(accounts);
    args.extend_from_slice(&["--json", "--limit", "0"]);
    let o = lockstep(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("explain --json prints JSON")
}

/// Three accounts reshare the same four posts within seconds; `x1` reshares one of them an
/// hour later.
const POSTS: &str = "account_id,post_id,timestamp,reshare_of
r1,a1,2024-09-02T10:00:00Z,o1
r2,a2,2024-09-02T10:00:04Z,o1
r3,a3,2024-09-02T10:00:09Z,o1
x1,a4,2024-09-02T11:00:00Z,o1
r1,b1,2024-09-02T12:00:00Z,o2
r2,b2,2024-09-02T12:00:02Z,o2
r3,b3,2024-09-02T12:00:03Z,o2
r2,c1,2024-09-03T08:00:00Z,o3
r1,c2,2024-09-03T08:00:30Z,o3
r3,c3,2024-09-03T08:01:00Z,o3
r3,d1,2024-09-04T08:00:00Z,o4
r1,d2,2024-09-04T08:00:01Z,o4
r2,d3,2024-09-04T08:00:02Z,o4
";

/// Runs `detect` on [`POSTS`] with the fixed evidence rule and a one-minute window.
fn ring_run() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    std::fs::write(&input, POSTS).unwrap();
    let out = dir.path().join("out");
    let o = lockstep(&[
        "detect",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--min-evidence",
        "--window",
        "1m",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out)
}

#[test]
fn a_pair_is_explained_by_its_coactions_with_times_and_lags() {
    let (_dir, out) = ring_run();
    let e = explain_json(&out, &["r1", "r2"]);

    let edges = e["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "{e}");
    assert_eq!(edges[0]["source"], "r1");
    assert_eq!(edges[0]["target"], "r2");
    assert_eq!(edges[0]["coactions"], 4);
    assert_eq!(edges[0]["signals"], "reshare");
    // Lags on o1..o4: 4 s, 2 s, 30 s, 1 s; the median of four is the mean of 2 and 4.
    assert_eq!(edges[0]["median_lag_s"], 3.0);
    // r1 acted first on o1, o2 and o4, r2 on o3.
    assert_eq!(edges[0]["leader"], "r1");
    assert_eq!(edges[0]["lead_share"], 0.75);

    let mut coactions: Vec<(String, String, String, f64)> = e["coactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["object"].as_str().unwrap().to_string(),
                c["source_post_id"].as_str().unwrap().to_string(),
                c["target_post_id"].as_str().unwrap().to_string(),
                c["lag_s"].as_f64().unwrap(),
            )
        })
        .collect();
    coactions.sort_by(|a, b| a.0.cmp(&b.0));
    let expected = [
        ("o1", "a1", "a2", 4.0),
        ("o2", "b1", "b2", 2.0),
        ("o3", "c2", "c1", 30.0),
        ("o4", "d2", "d3", 1.0),
    ];
    assert_eq!(coactions.len(), expected.len());
    for (got, want) in coactions.iter().zip(expected) {
        assert_eq!(
            (got.0.as_str(), got.1.as_str(), got.2.as_str(), got.3),
            want
        );
    }
    assert_eq!(e["coactions_total"], 4);

    let networks = e["networks"].as_array().unwrap();
    assert_eq!(networks.len(), 1);
    assert_eq!(networks[0]["id"], 1);
    assert_eq!(networks[0]["size"], 3);
}

#[test]
fn one_account_is_explained_by_all_its_edges_and_its_reason() {
    let (_dir, out) = ring_run();
    let e = explain_json(&out, &["r1"]);

    let account = &e["accounts"][0];
    assert_eq!(account["id"], "r1");
    assert_eq!(account["network"], 1);
    let reason = account["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("Linked to 2 of the 2 other members"),
        "{reason}"
    );

    let mut partners: Vec<&str> = e["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| {
            assert_eq!(edge["source"], "r1");
            edge["target"].as_str().unwrap()
        })
        .collect();
    partners.sort();
    assert_eq!(partners, ["r2", "r3"]);
    // Four co-actions with each of r2 and r3.
    assert_eq!(e["coactions_total"], 8);

    // The text form names the same facts.
    let o = lockstep(&["explain", out.to_str().unwrap(), "r1", "--limit", "3"]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("r1: leader in network 1"), "{text}");
    assert!(text.contains("co-actions (3 of 8)"), "{text}");
}

#[test]
fn an_unknown_account_is_a_clear_error() {
    let (_dir, out) = ring_run();
    let o = lockstep(&["explain", out.to_str().unwrap(), "nobody"]);
    assert!(!o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("no account `nobody`"), "{stderr}");
    // x1 posted, but has no selected edge, so the run's files do not name it.
    let o = lockstep(&["explain", out.to_str().unwrap(), "x1"]);
    assert!(!o.status.success());
}

#[test]
fn explain_works_on_the_demo_and_agrees_with_edges_csv() {
    let dir = tempfile::tempdir().unwrap();
    let o = lockstep(&["demo", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let results = dir.path().join("results");

    let (header, accounts) = read_csv(&results.join("accounts.csv"));
    let col = |h: &[String], name: &str| h.iter().position(|c| c == name).unwrap();
    let (id, network) = (col(&header, "account_id"), col(&header, "network_id"));
    let member = accounts
        .iter()
        .find(|r| !r[network].is_empty())
        .expect("the demo finds a network");
    let e = explain_json(&results, &[&member[id]]);
    assert_eq!(e["accounts"][0]["network"].to_string(), member[network]);

    // Every edge of the account in edges.csv, with the same counts and p-values.
    let (header, edges) = read_csv(&results.join("edges.csv"));
    let (s, t) = (col(&header, "source"), col(&header, "target"));
    let (n, p) = (col(&header, "n_objects"), col(&header, "p_value"));
    let mut from_csv: Vec<(String, String, u64, f64)> = edges
        .iter()
        .filter(|r| r[s] == member[id] || r[t] == member[id])
        .map(|r| {
            (
                r[s].clone(),
                r[t].clone(),
                r[n].parse().unwrap(),
                r[p].parse().unwrap(),
            )
        })
        .collect();
    let mut explained: Vec<(String, String, u64, f64)> = e["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["source"].as_str().unwrap().to_string(),
                x["target"].as_str().unwrap().to_string(),
                x["coactions"].as_u64().unwrap(),
                x["p_value"].as_f64().unwrap(),
            )
        })
        .collect();
    let key = |a: &(String, String, u64, f64), b: &(String, String, u64, f64)| {
        (&a.0, &a.1).cmp(&(&b.0, &b.1))
    };
    from_csv.sort_by(key);
    explained.sort_by(key);
    assert!(!from_csv.is_empty());
    assert_eq!(explained.len(), from_csv.len());
    for (x, c) in explained.iter().zip(&from_csv) {
        assert_eq!((&x.0, &x.1, x.2), (&c.0, &c.1, c.2));
        assert!(
            (x.3 - c.3).abs() <= 1e-9 * c.3.max(1e-300),
            "{x:?} vs {c:?}"
        );
    }
}
