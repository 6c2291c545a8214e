//! The `lockstep` binary on small hand-made inputs.

mod common;

use common::{lockstep, read_csv};
use std::process::Output;

/// Three accounts reshare the same four posts within seconds; `x1` reshares one of them an hour
/// later and `x2` a different post; one row has no timestamp.
const POSTS: &str = "account_id,post_id,timestamp,text,urls,reshare_of
r1,a1,2024-09-02T10:00:00Z,,,o1
r2,a2,2024-09-02T10:00:04Z,,,o1
r3,a3,2024-09-02T10:00:09Z,,,o1
x1,a4,2024-09-02T11:00:00Z,,,o1
r1,b1,2024-09-02T12:00:00Z,,,o2
r2,b2,2024-09-02T12:00:02Z,,,o2
r3,b3,2024-09-02T12:00:03Z,,,o2
r2,c1,2024-09-03T08:00:00Z,,,o3
r1,c2,2024-09-03T08:00:30Z,,,o3
r3,c3,2024-09-03T08:01:00Z,,,o3
r3,d1,1725436800,,,o4
r1,d2,1725436801,,,o4
r2,d3,1725436802,,,o4
x2,e1,2024-09-02T10:00:00Z,hello,https://example.org/x,o9
x3,e2,,no time,,
";

/// A temporary directory holding [`POSTS`] as posts.csv, with the path for an output
/// directory beside it.
fn posts_and_out() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    std::fs::write(&input, POSTS).unwrap();
    let out = dir.path().join("out");
    (dir, input, out)
}

/// `lockstep detect posts.csv --out OUT ARGS...` on [`POSTS`], which must succeed: the
/// directory (kept alive by the first value), OUT and what the run printed.
fn detect_posts(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, Output) {
    let (dir, input, out) = posts_and_out();
    let mut all = vec![
        "detect",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let o = lockstep(&all);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out, o)
}

#[test]
fn detect_finds_the_ring_and_accounts_for_every_row() {
    let (_dir, out, _) = detect_posts(&[
        // Four reshared posts are too few for the chance model to rule out chance; the fixed
        // evidence rule shows the co-action semantics.
        "--min-evidence",
        "--window",
        "1m",
    ]);

    let (header, accounts) = read_csv(&out.join("accounts.csv"));
    assert_eq!(&header[..3], ["account_id", "network_id", "score"]);
    let mut members: Vec<(&str, &str)> = accounts
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    members.sort();
    assert_eq!(members, vec![("r1", "1"), ("r2", "1"), ("r3", "1")]);

    // Each pair shares o1 (4 resharers: weight 1/log2(4) = 0.5) and o2, o3, o4 (3 resharers:
    // 1/log2(3) each); o3's r2-r3 lag is 60 s, exactly the window, so it still counts.
    let (header, edges) = read_csv(&out.join("edges.csv"));
    assert_eq!(
        &header[..8],
        [
            "source",
            "target",
            "weight",
            "signals",
            "n_objects",
            "first_seen",
            "last_seen",
            "median_lag_s"
        ]
    );
    assert_eq!(edges.len(), 3);
    let expected_weight = 0.5 + 3.0 / 3f64.log2();
    for e in &edges {
        assert_eq!(e[3], "reshare");
        assert_eq!(e[4], "4");
        assert!(
            (e[2].parse::<f64>().unwrap() - expected_weight).abs() < 1e-3,
            "{e:?}"
        );
    }
    let r1_r2 = edges.iter().find(|e| e[0] == "r1" && e[1] == "r2").unwrap();
    // Lags r1-r2: o1 4 s, o2 2 s, o3 30 s, o4 1 s: median 3 s.
    assert_eq!(r1_r2[7], "3");
    assert_eq!(r1_r2[5], "2024-09-02T10:00:00Z");
    assert_eq!(r1_r2[6], "2024-09-04T08:00:02Z");

    let (header, evidence) = read_csv(&out.join("evidence.csv"));
    // The original nine columns in order, then the text similarity (empty on reshares).
    assert_eq!(
        header,
        [
            "source",
            "target",
            "signal",
            "object",
            "source_post_id",
            "target_post_id",
            "source_time",
            "target_time",
            "lag_s",
            "similarity"
        ]
    );
    assert_eq!(evidence.len(), 12);
    assert!(evidence.iter().all(|r| r[9].is_empty()));
    let o3 = evidence
        .iter()
        .find(|r| r[0] == "r2" && r[1] == "r3" && r[3] == "o3")
        .unwrap();
    assert_eq!(
        (o3[4].as_str(), o3[5].as_str(), o3[8].as_str()),
        ("c1", "c3", "60")
    );

    let networks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("networks.json")).unwrap()).unwrap();
    assert_eq!(networks["count"], 1);
    let net = &networks["networks"][0];
    assert_eq!(net["size"], 3);
    assert_eq!(net["score_components"]["density"], 1.0);
    assert_eq!(net["members"], serde_json::json!(["r1", "r2", "r3"]));

    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["input"]["rows_read"], 15);
    assert_eq!(run["input"]["rows_used"], 14);
    assert_eq!(run["input"]["rows_rejected"], 1);
    assert_eq!(run["input"]["rejected_by_reason"]["missing timestamp"], 1);
    assert_eq!(run["parameters"]["windows"]["reshare"], "1m");
    assert_eq!(run["parameters"]["selection"]["rule"], "min_evidence");
    // The posts fall within minutes of one another: no weekend, said in the notes.
    let notes = run["input"]["notes"].to_string();
    assert!(notes.contains("the posts hold no weekend"), "{notes}");
}

#[test]
fn detect_says_where_every_file_is() {
    let (_dir, out, o) = detect_posts(&[
        "--min-evidence",
        "--output-format",
        "parquet",
        "--graph-exports",
        "never",
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let mut listed: Vec<String> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("wrote "))
        .map(|p| {
            let p = std::path::Path::new(p);
            assert_eq!(p.parent(), Some(out.as_path()), "{}", p.display());
            p.file_name().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    listed.sort();
    let mut present: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    present.sort();
    assert_eq!(listed, present);
    // The text signal was swept, so narratives are there; graph exports were not asked for.
    for name in ["accounts.parquet", "narratives.csv", "run.json"] {
        assert!(present.iter().any(|p| p == name), "{name} in {present:?}");
    }
    assert!(!present.iter().any(|p| p.starts_with("graph.")));
}

#[test]
fn a_shorter_window_drops_the_slow_object() {
    let (_dir, out, o) = detect_posts(&[
        "--window",
        "reshare=20s",
        "--min-evidence",
        "--min-weight",
        "1",
        "--quiet",
    ]);
    assert!(o.stdout.is_empty(), "--quiet prints nothing");
    let (_, edges) = read_csv(&out.join("edges.csv"));
    // o3's lags are 30 s (r1-r2), 60 s (r2-r3) and 30 s (r1-r3): all outside 20 s now.
    for e in &edges {
        assert_eq!(e[4], "3", "{e:?}");
    }
    assert_eq!(edges.len(), 3);
}

#[test]
fn usage_and_input_errors_have_distinct_exit_codes() {
    let o = lockstep(&["detect"]);
    assert_eq!(o.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.csv");
    let o = lockstep(&[
        "detect",
        missing.to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("missing.csv: cannot open"), "{err}");

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "user,when\nu,1\n").unwrap();
    let o = lockstep(&[
        "detect",
        bad.to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.csv:1:1") && err.contains("--column account_id="),
        "{err}"
    );

    // Arguments that parse but cannot be used are usage errors too, found before any input
    // is read.
    for (option, value, message) in [
        ("--window", "likes=1m", "unknown signal 'likes'"),
        ("--window", "1x", "1x"),
        ("--fdr", "0", "--fdr must lie strictly between 0 and 1"),
        ("--text-shingle", "0", "--text-shingle must be between 1"),
        ("--column", "colour=col", "colour"),
    ] {
        let o = lockstep(&[
            "detect",
            missing.to_str().unwrap(),
            "--out",
            "x",
            option,
            value,
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{option} {value}: {err}");
        assert!(err.contains(message), "{option} {value}: {err}");
    }
}

#[test]
fn automatic_windows_and_the_sensitivity_sweep() {
    let (_dir, out, _) = detect_posts(&[
        "--min-evidence",
        "--window",
        "auto",
        "--windows",
        "1m,20s",
        "--quiet",
    ]);
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    // The three ring pairs keep 12 reshare co-actions in the 3-hour exploratory run, with lags
    // 1, 1, 1, 2, 2, 3, 4, 5, 9, 30, 30, 60 s: the 90th percentile (11th of 12) is 30 s.
    let reshare = &run["auto_windows"]["signals"]["reshare"];
    assert_eq!(reshare["lags_used"], 12);
    assert_eq!(reshare["lag_quantile_s"], 30.0);
    assert_eq!(reshare["window"], "30s");
    assert_eq!(run["parameters"]["windows"]["reshare"], "30s");
    // Nothing is kept on links: the fallback hour.
    assert_eq!(run["auto_windows"]["signals"]["link"]["window"], "1h");
    // At 30 s, r2-r3 loses o3 (lag 60 s) and falls below the weight threshold, but r1-r2 and
    // r1-r3 keep the three accounts together. At 1 m the same network is found again; at 20 s
    // o3 drops out for every pair and no network is left.
    let sweep = &run["window_sweep"];
    assert_eq!(sweep["runs"][0]["window"], "1m");
    assert_eq!(sweep["runs"][0]["networks"], 1);
    assert_eq!(sweep["runs"][1]["networks"], 0);
    let st = &sweep["stability"][0];
    assert_eq!(st["jaccard"]["1m"], 1.0);
    assert_eq!(st["jaccard"]["20s"], 0.0);
    assert_eq!(st["stable"], false);
}

/// A reader that stops early (`lockstep synth ... | head -1`) ends the run quietly: no panic
/// about a broken pipe.
#[cfg(unix)]
#[test]
fn a_closed_standard_output_is_not_a_panic() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(["synth", "--background", "small-dump", "--out"])
        .arg(&out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the summary is printed.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
