//! Detection gives byte-identical results whatever the number of threads: posts are prepared
//! in parallel but committed in input order, and later stages are deterministic.

use lockstep::{detect, write_outputs, DetectConfig, NoProgress};
use lockstep_ingest::Input;
use lockstep_synth::{generate, SynthConfig};
use std::path::Path;

const OUTPUTS: [&str; 4] = ["accounts.csv", "edges.csv", "evidence.csv", "networks.json"];

fn detect_with_threads(posts: &Path, out: &Path, threads: usize) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let config = DetectConfig::new(vec![Input::Path(posts.to_path_buf())]);
    pool.install(|| {
        let outcome = detect(&config, &NoProgress).unwrap();
        write_outputs(&outcome, &config, out).unwrap();
    });
}

#[test]
fn outputs_do_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // About 100,000 posts: several ingest chunks.
    let synth = SynthConfig {
        accounts: SynthConfig::MIN_ACCOUNTS,
        ..SynthConfig::demo()
    };
    generate(&synth, &data).unwrap();
    let posts = data.join("posts.csv");
    let one = dir.path().join("one");
    let many = dir.path().join("many");
    detect_with_threads(&posts, &one, 1);
    detect_with_threads(&posts, &many, 4);
    for name in OUTPUTS {
        let a = std::fs::read(one.join(name)).unwrap();
        let b = std::fs::read(many.join(name)).unwrap();
        assert!(!a.is_empty(), "{name} is empty");
        assert!(a == b, "{name} differs between 1 and 4 threads");
    }
}
