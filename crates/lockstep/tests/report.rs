//! `lockstep detect --report` and `lockstep report` on a small hand-made input.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the binary; fails the test unless it exits as `success` says.
fn lockstep(args: &[&str], success: bool) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(args)
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.success(), success, "{args:?}: {stderr}");
    output
}

/// Detects on [`POSTS`] with `--min-evidence` and `extra` arguments; returns the temporary
/// directory (kept alive by the caller) and the results directory.
fn detect(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    std::fs::write(&input, POSTS).unwrap();
    let out = dir.path().join("out");
    let mut args = vec![
        "detect",
        input.to_str().unwrap(),
        "--min-evidence",
        "--quiet",
    ];
    args.extend(["--out", out.to_str().unwrap()]);
    args.extend(extra);
    lockstep(&args, true);
    (dir, out)
}

/// Three accounts reshare the same four posts within seconds.
const POSTS: &str = "account_id,post_id,timestamp,reshare_of
r1,a1,2024-09-02T10:00:00Z,o1
r2,a2,2024-09-02T10:00:04Z,o1
r3,a3,2024-09-02T10:00:09Z,o1
r1,b1,2024-09-02T12:00:00Z,o2
r2,b2,2024-09-02T12:00:02Z,o2
r3,b3,2024-09-02T12:00:03Z,o2
r2,c1,2024-09-03T08:00:00Z,o3
r1,c2,2024-09-03T08:00:30Z,o3
r3,c3,2024-09-03T08:00:50Z,o3
r3,d1,2024-09-04T08:00:00Z,o4
r1,d2,2024-09-04T08:00:01Z,o4
r2,d3,2024-09-04T08:00:02Z,o4
";

const REPORT_FILES: [&str; 3] = ["report.html", "graph.gexf", "graph.graphml"];

#[test]
fn detect_with_report_and_report_write_the_same_files() {
    let (_dir, out) = detect(&["--report"]);
    let first: Vec<Vec<u8>> = REPORT_FILES
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect();
    let page = String::from_utf8(first[0].clone()).unwrap();
    for account in ["r1", "r2", "r3"] {
        assert!(page.contains(&format!("\"id\":\"{account}\"")));
    }
    let gexf = String::from_utf8(first[1].clone()).unwrap();
    assert_eq!(gexf.matches("<node ").count(), 3);
    assert_eq!(gexf.matches("<edge ").count(), 3);

    for f in REPORT_FILES {
        std::fs::remove_file(out.join(f)).unwrap();
    }
    lockstep(&["report", out.to_str().unwrap()], true);
    for (f, before) in REPORT_FILES.iter().zip(&first) {
        assert_eq!(&std::fs::read(out.join(f)).unwrap(), before, "{f} differs");
    }
}

#[test]
fn detect_without_report_writes_only_the_graph_files() {
    let (_dir, out) = detect(&[]);
    assert!(out.join("graph.gexf").is_file() && out.join("graph.graphml").is_file());
    assert!(!out.join("report.html").exists());
}

#[test]
fn report_on_a_directory_without_results_names_the_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let o = lockstep(&["report", dir.path().to_str().unwrap()], false);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("run.json"), "{stderr}");
}
