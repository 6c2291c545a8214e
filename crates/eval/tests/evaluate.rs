//! Evaluation of small hand-made runs with hand-computed expected scores.

use std::path::{Path, PathBuf};

use lockstep_eval::{evaluate, Error};
use tempfile::TempDir;

/// Ten accounts: two planted networks, a fan club and three organic accounts.
const TRUTH: &str = "account_id,label,kind
a1,ring_01,cib:reshare_ring
a2,ring_01,cib:reshare_ring
a3,ring_01,cib:reshare_ring
a4,copypasta_01,cib:copypasta
a5,copypasta_01,cib:copypasta
a6,fanclub_01,hard:fan_club
a7,fanclub_01,hard:fan_club
a8,organic,organic
a9,organic,organic
a10,organic,organic
";

/// Network n1 = {a1, a2, a6}; n2 = {a3, a4, a5, x1} where x1 is unknown to the truth; a7 is
/// in an edge but no network; a8, a9, a10 are absent.
const RUN: &str = "account_id,network_id,score,extra
a1,n1,0.9,x
a2,n1,0.8,x
a6,n1,0.7,x
a3,n2,0.6,x
a4,n2,0.6,x
a5,n2,0.5,x
x1,n2,0.5,x
a7,,0.1,x
";

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write fixture");
    path
}

fn fixture(truth: &str, run: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let truth = write(dir.path(), "truth.csv", truth);
    write(dir.path(), "accounts.csv", run);
    (dir, truth)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn hand_computed_scores() {
    let (dir, truth) = fixture(TRUTH, RUN);
    let e = evaluate(&truth, dir.path()).expect("evaluate");

    assert_eq!(e.truth_accounts, 10);
    assert_eq!(
        (e.planted_accounts, e.hard_accounts, e.plain_accounts),
        (5, 2, 3)
    );
    // Flagged truth accounts: a1 a2 a6 a3 a4 a5. TP = a1..a5, FP = a6, FN = none.
    assert_eq!(e.flagged_accounts, 6);
    assert_eq!(e.detected_networks, 2);
    assert_eq!(
        (e.true_positives, e.false_positives, e.false_negatives),
        (5, 1, 0)
    );
    assert!(close(e.precision, 5.0 / 6.0));
    assert!(close(e.recall, 1.0));
    // F1 = 2 * (5/6) * 1 / (5/6 + 1) = 10/11.
    assert!(close(e.f1, 10.0 / 11.0));

    // Adjusted Rand index over the 10 truth accounts (x1 is not one of them).
    // Truth clusters: T1 = {a1,a2,a3}, T2 = {a4,a5}, the other five singletons.
    // Detected clusters: P1 = {a1,a2,a6}, P2 = {a3,a4,a5}, the other four singletons.
    // Contingency table (rows truth, columns detected; singleton columns merged as "-"):
    //
    //              P1   P2   -  | a_i
    //   T1          2    1   0  |  3
    //   T2          0    2   0  |  2
    //   singletons  1    0   4  |  (five clusters of 1)
    //   b_j         3    3
    //
    // Σ C(n_ij,2) = C(2,2) + C(2,2) = 2; Σ C(a_i,2) = 3 + 1 = 4; Σ C(b_j,2) = 3 + 3 = 6;
    // C(10,2) = 45; expected = 4 * 6 / 45 = 8/15; max = (4 + 6) / 2 = 5;
    // ARI = (2 - 8/15) / (5 - 8/15) = 22/67.
    // Pair counting agrees: both together 2, truth only 2, detected only 4, neither 37:
    // ARI = 2 (2*37 - 2*4) / ((2+2)(2+37) + (2+4)(4+37)) = 132/402 = 22/67.
    assert!(
        close(e.adjusted_rand_index, 22.0 / 67.0),
        "{}",
        e.adjusted_rand_index
    );

    assert_eq!(e.networks.len(), 2);
    let copypasta = &e.networks[0];
    assert_eq!(
        (copypasta.label.as_str(), copypasta.kind.as_str()),
        ("copypasta_01", "cib:copypasta")
    );
    assert_eq!((copypasta.size, copypasta.flagged), (2, 2));
    assert!(close(copypasta.recall, 1.0));
    let m = copypasta.best_match.as_ref().expect("matched");
    assert_eq!(
        (m.network_id.as_str(), m.members, m.network_size),
        ("n2", 2, 4)
    );
    assert!(close(m.share, 1.0) && close(m.purity, 0.5));
    let ring = &e.networks[1];
    assert_eq!(
        (ring.label.as_str(), ring.size, ring.flagged),
        ("ring_01", 3, 3)
    );
    let m = ring.best_match.as_ref().expect("matched");
    assert_eq!(
        (m.network_id.as_str(), m.members, m.network_size),
        ("n1", 2, 3)
    );
    assert!(close(m.share, 2.0 / 3.0) && close(m.purity, 2.0 / 3.0));

    assert_eq!(e.planted_kinds.len(), 2);
    assert_eq!(e.planted_kinds[0].kind, "cib:copypasta");
    assert!(close(e.planted_kinds[1].fraction, 1.0));

    assert_eq!(e.hard_groups.len(), 1);
    let fans = &e.hard_groups[0];
    assert_eq!(
        (fans.label.as_str(), fans.members, fans.flagged),
        ("fanclub_01", 2, 1)
    );
    assert!(close(fans.fraction, 0.5));
    assert_eq!(e.hard_kinds.len(), 1);
    assert_eq!(
        (e.hard_kinds[0].kind.as_str(), e.hard_kinds[0].groups),
        ("hard:fan_club", 1)
    );
    assert_eq!((e.organic.members, e.organic.flagged), (3, 0));
    assert_eq!(e.unknown_flagged, 1);
    assert_eq!(e.unknown_examples, ["x1"]);

    let text = e.render_text();
    for needle in [
        "ring_01",
        "copypasta_01",
        "fanclub_01",
        "0.833",
        "not in the truth",
        "n2",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    let json = serde_json::to_value(&e).expect("serialize");
    assert_eq!(json["networks"][1]["best_match"]["network_id"], "n1");
}

#[test]
fn perfect_and_empty_detections() {
    let perfect = "account_id,network_id,score\na1,r,1\na2,r,1\na3,r,1\na4,c,1\na5,c,1\n";
    let (dir, truth) = fixture(TRUTH, perfect);
    let e = evaluate(&truth, dir.path()).expect("evaluate");
    assert!(close(e.precision, 1.0) && close(e.recall, 1.0) && close(e.f1, 1.0));
    assert!(close(e.adjusted_rand_index, 1.0));
    assert_eq!(e.unknown_flagged, 0);

    let (dir, truth) = fixture(TRUTH, "account_id,network_id,score\na8,,0.2\n");
    let e = evaluate(&truth, dir.path()).expect("evaluate");
    assert_eq!(e.flagged_accounts, 0);
    assert_eq!((e.precision, e.recall, e.f1), (0.0, 0.0, 0.0));
    // No detected pairs: the index equals its expectation (0).
    assert_eq!(e.adjusted_rand_index, 0.0);
    assert!(e.networks.iter().all(|n| n.best_match.is_none()));
}

#[test]
fn columns_are_found_by_name_and_the_file_may_be_given_directly() {
    let truth = "kind,account_id,label\ncib:tiny_cell,a1,cell_01\ncib:tiny_cell,a2,cell_01\norganic,a3,organic\n";
    let run = "score,network_id,account_id\n0.5,7,a1\n0.5,7,a3\n0.4,7,a1\n";
    let (dir, truth) = fixture(truth, run);
    let e = evaluate(&truth, &dir.path().join("accounts.csv")).expect("evaluate");
    // a1 listed twice with the same network counts once.
    assert_eq!(e.flagged_accounts, 2);
    assert_eq!(
        (e.true_positives, e.false_positives, e.false_negatives),
        (1, 1, 1)
    );
    assert_eq!(e.organic.flagged, 1);
    // Truth {a1,a2}, detected {a1,a3}: no shared pair; expected 1*1/3; max 1:
    // ARI = (0 - 1/3) / (1 - 1/3) = -0.5.
    assert!(close(e.adjusted_rand_index, -0.5));
}

fn invalid(err: Error) -> (PathBuf, u64, String) {
    match err {
        Error::Invalid {
            path,
            line,
            message,
        } => (path, line, message),
        other => panic!("expected an invalid-content error, got {other}"),
    }
}

#[test]
fn errors_name_the_file_and_line() {
    // Missing run directory.
    let (dir, truth) = fixture(TRUTH, RUN);
    let missing = dir.path().join("nope");
    let err = evaluate(&truth, &missing).expect_err("missing run");
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().contains("accounts.csv"), "{err}");

    // Missing column.
    let (dir, truth) = fixture(TRUTH, "account_id,score\na1,0.5\n");
    let (path, line, message) = invalid(evaluate(&truth, dir.path()).expect_err("no network_id"));
    assert!(path.ends_with("accounts.csv"));
    assert_eq!(line, 1);
    assert!(message.contains("network_id"), "{message}");

    // Account listed twice in the truth.
    let (dir, truth) = fixture(
        "account_id,label,kind\na1,organic,organic\na1,organic,organic\n",
        RUN,
    );
    let err = evaluate(&truth, dir.path()).expect_err("duplicate");
    assert!(err.to_string().contains("truth.csv:3:"), "{err}");
    let (_, line, message) = invalid(err);
    assert_eq!(line, 3);
    assert!(message.contains("line 2"), "{message}");

    // Conflicting networks for one account in the run.
    let (dir, truth) = fixture(
        TRUTH,
        "account_id,network_id,score\na1,n1,1\na2,n1,1\na1,n2,1\n",
    );
    let (path, line, _) = invalid(evaluate(&truth, dir.path()).expect_err("conflict"));
    assert!(path.ends_with("accounts.csv"));
    assert_eq!(line, 4);

    // A planted account without label, and a row without kind.
    let (dir, truth) = fixture("account_id,label,kind\na1,,cib:copypasta\n", RUN);
    assert_eq!(
        invalid(evaluate(&truth, dir.path()).expect_err("label")).1,
        2
    );
    let (dir, truth) = fixture("account_id,label,kind\na1,organic\n", RUN);
    assert_eq!(
        invalid(evaluate(&truth, dir.path()).expect_err("kind")).1,
        2
    );

    // An empty truth file has no header.
    let (dir, truth) = fixture("", RUN);
    let (_, line, message) = invalid(evaluate(&truth, dir.path()).expect_err("empty"));
    assert_eq!(line, 1);
    assert!(message.contains("account_id"));
}
