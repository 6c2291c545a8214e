//! Sweeping and weighing the account pairs in several parts finds the same edges and networks
//! as one sweep of all pairs: each part's candidates are tallied for the selection and those
//! that could be selected are kept, so the selection sees every candidate either way, and the
//! tally's sums are exact, so the files are the same bit for bit.

use lockstep::{detect, write_outputs, DetectConfig, DetectOutcome, NoProgress};
use lockstep_ingest::Input;
use lockstep_synth::{generate, SynthConfig};
use std::path::Path;

fn run(posts: &Path, out: &Path, partitions: u32) -> DetectOutcome {
    let mut config = DetectConfig::new(vec![Input::Path(posts.to_path_buf())]);
    config.partitions = Some(partitions);
    config.surrogate_check = true;
    let outcome = detect(&config, &NoProgress).unwrap();
    write_outputs(&outcome, &config, out).unwrap();
    outcome
}

#[test]
fn parts_of_the_account_pairs_give_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let synth = SynthConfig {
        accounts: SynthConfig::MIN_ACCOUNTS,
        seed: 11,
        ..SynthConfig::demo()
    };
    generate(&synth, &data).unwrap();
    let posts = data.join("posts.csv");
    let one = run(&posts, &dir.path().join("one"), 1);
    let three = run(&posts, &dir.path().join("three"), 3);

    assert!(one.candidate_edges > 1000, "{}", one.candidate_edges);
    assert_eq!(one.candidate_edges, three.candidate_edges);
    for ((s1, a), (s3, b)) in one.sweeps.iter().zip(&three.sweeps) {
        assert_eq!(s1, s3);
        assert_eq!(a, b, "{s1}: sweep counts, co-actions summed over the parts");
    }
    let (f1, f3) = (
        one.statistics.fdr.as_ref().unwrap(),
        three.statistics.fdr.as_ref().unwrap(),
    );
    assert!(f1.selected > 50, "{}", f1.selected);
    assert_eq!((f1.tested, f1.selected), (f3.tested, f3.selected));
    assert_eq!(f1.p_threshold, f3.p_threshold);
    let pairs = |o: &DetectOutcome| o.edges.iter().map(|e| (e.a, e.b)).collect::<Vec<_>>();
    assert_eq!(pairs(&one), pairs(&three));
    assert_eq!(one.membership, three.membership);
    assert_eq!(one.evidence.len(), three.evidence.len());
    // The surrogate is swept in parts too; its edges are counted the same.
    let counts = |o: &DetectOutcome| {
        o.statistics
            .calibration
            .as_ref()
            .unwrap()
            .iter()
            .map(|r| (r.real_edges, r.surrogate_edges))
            .collect::<Vec<_>>()
    };
    assert_eq!(counts(&one), counts(&three));
    // networks.json too: the expected false edges are summed exactly, in any order.
    for name in ["accounts.csv", "edges.csv", "evidence.csv", "networks.json"] {
        let a = std::fs::read(dir.path().join("one").join(name)).unwrap();
        let b = std::fs::read(dir.path().join("three").join(name)).unwrap();
        assert!(a == b, "{name} differs between 1 and 3 parts");
    }
}
