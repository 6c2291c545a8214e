//! Parity with CooRTweet 2.1.3 on its `russian_coord_tweets` data set: the reference numbers
//! and exported results in the shared data folder (see its README).
//!
//! When the folder is absent the tests print why and pass without checking anything.

use std::path::Path;
use std::sync::OnceLock;

use lockstep_coortweet::{
    detect_groups, fast_edge_weights, flag_speed_share, generate_coordinated_network,
    quantile_type7, read_shares, run, Params, Share, DETECT_GROUPS_FILE, EDGES_FILE,
};

const DATA_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/coortweet"
);

/// The reference data folder, or `None` (with a message) when it is not there.
fn data_dir() -> Option<&'static Path> {
    let dir = Path::new(DATA_DIR);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: CooRTweet reference data not found at {DATA_DIR}");
        None
    }
}

/// `russian_coord_tweets.csv`, read once per test binary.
fn shares() -> Option<&'static [Share]> {
    static SHARES: OnceLock<Vec<Share>> = OnceLock::new();
    let dir = data_dir()?;
    let shares = SHARES.get_or_init(|| {
        read_shares(&dir.join("russian_coord_tweets.csv")).expect("reference input must parse")
    });
    Some(shares)
}

/// One row of the README's reference table.
struct Reference {
    time_window: f64,
    min_participation: usize,
    edge_weight: f64,
    remove_loops: bool,
    rows: usize,
    vertices: usize,
    edges: usize,
    total_weight: usize,
    max_weight: usize,
    threshold: f64,
    subgraph_vertices: usize,
    subgraph_edges: usize,
    components: usize,
    largest_component: usize,
}

impl Reference {
    fn params(&self) -> Params {
        Params {
            time_window: self.time_window,
            min_participation: self.min_participation,
            edge_weight: self.edge_weight,
            remove_loops: self.remove_loops,
        }
    }

    fn check(&self) {
        let Some(shares) = shares() else { return };
        let params = self.params();
        let groups = detect_groups(shares, &params);
        let network = generate_coordinated_network(&groups, params.edge_weight).unwrap();
        let sub = network.subgraph();
        let found = [
            groups.len(),
            network.vertex_count(),
            network.edge_count(),
            network.total_weight(),
            network.max_weight().unwrap_or(0),
            sub.vertex_count,
            sub.edge_count,
            sub.component_sizes.len(),
            sub.largest_component(),
        ];
        let expected = [
            self.rows,
            self.vertices,
            self.edges,
            self.total_weight,
            self.max_weight,
            self.subgraph_vertices,
            self.subgraph_edges,
            self.components,
            self.largest_component,
        ];
        assert_eq!(
            found, expected,
            "{params:?}: [rows, V, E, sum w, max w, sub V, sub E, components, largest]"
        );
        assert_eq!(network.threshold(), Some(self.threshold), "{params:?}");
    }
}

#[test]
fn reference_tw10_mp5_p05() {
    Reference {
        time_window: 10.0,
        min_participation: 5,
        edge_weight: 0.5,
        remove_loops: true,
        rows: 22,
        vertices: 23,
        edges: 20,
        total_weight: 22,
        max_weight: 3,
        threshold: 1.0,
        subgraph_vertices: 2,
        subgraph_edges: 1,
        components: 1,
        largest_component: 2,
    }
    .check();
}

#[test]
fn reference_tw10_mp2_p05() {
    Reference {
        time_window: 10.0,
        min_participation: 2,
        edge_weight: 0.5,
        remove_loops: true,
        rows: 447,
        vertices: 525,
        edges: 442,
        total_weight: 447,
        max_weight: 3,
        threshold: 1.0,
        subgraph_vertices: 8,
        subgraph_edges: 4,
        components: 4,
        largest_component: 2,
    }
    .check();
}

#[test]
fn reference_tw60_mp2_p05() {
    Reference {
        time_window: 60.0,
        min_participation: 2,
        edge_weight: 0.5,
        remove_loops: true,
        rows: 3791,
        vertices: 2110,
        edges: 3721,
        total_weight: 3791,
        max_weight: 4,
        threshold: 1.0,
        subgraph_vertices: 94,
        subgraph_edges: 60,
        components: 34,
        largest_component: 10,
    }
    .check();
}

#[test]
fn reference_tw60_mp2_p099() {
    Reference {
        time_window: 60.0,
        min_participation: 2,
        edge_weight: 0.99,
        remove_loops: true,
        rows: 3791,
        vertices: 2110,
        edges: 3721,
        total_weight: 3791,
        max_weight: 4,
        threshold: 2.0,
        subgraph_vertices: 14,
        subgraph_edges: 9,
        components: 5,
        largest_component: 6,
    }
    .check();
}

#[test]
fn reference_tw30_mp3_p09() {
    Reference {
        time_window: 30.0,
        min_participation: 3,
        edge_weight: 0.9,
        remove_loops: true,
        rows: 1026,
        vertices: 844,
        edges: 1002,
        total_weight: 1026,
        max_weight: 3,
        threshold: 1.0,
        subgraph_vertices: 37,
        subgraph_edges: 21,
        components: 16,
        largest_component: 4,
    }
    .check();
}

#[test]
fn reference_tw10_mp5_p05_with_loops() {
    Reference {
        time_window: 10.0,
        min_participation: 5,
        edge_weight: 0.5,
        remove_loops: false,
        rows: 60,
        vertices: 30,
        edges: 27,
        total_weight: 60,
        max_weight: 26,
        threshold: 1.0,
        subgraph_vertices: 6,
        subgraph_edges: 5,
        components: 4,
        largest_component: 2,
    }
    .check();
}

#[test]
fn loop_account_is_present_only_with_loops_kept() {
    let Some(shares) = shares() else { return };
    const ACCOUNT: &str = "9fa51ef17278c01d13d313741eddfc0b";
    let involved = |remove_loops: bool| {
        let params = Params {
            time_window: 10.0,
            min_participation: 5,
            edge_weight: 0.5,
            remove_loops,
        };
        let groups = detect_groups(shares, &params);
        let in_groups = groups
            .iter()
            .any(|g| &*g.account_id == ACCOUNT || &*g.account_id_y == ACCOUNT);
        let network = generate_coordinated_network(&groups, params.edge_weight).unwrap();
        let in_network = network.vertices().iter().any(|v| &**v == ACCOUNT);
        assert_eq!(in_groups, in_network);
        in_network
    };
    assert!(!involved(true));
    assert!(involved(false));
}

#[test]
fn input_matches_the_readme_description() {
    let Some(shares) = shares() else { return };
    let distinct = |f: fn(&Share) -> &str| {
        let mut ids: Vec<&str> = shares.iter().map(f).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    assert_eq!(shares.len(), 35_125);
    assert_eq!(distinct(|s| &s.account_id), 9_509);
    assert_eq!(distinct(|s| &s.object_id), 7_285);
}

/// `run` on tw=10, mp=5 writes the reference exports byte for byte.
#[test]
fn run_reproduces_the_reference_files() {
    let Some(dir) = data_dir() else { return };
    let out = tempfile::tempdir().unwrap();
    let params = Params {
        time_window: 10.0,
        min_participation: 5,
        edge_weight: 0.5,
        remove_loops: true,
    };
    let summary = run(&dir.join("russian_coord_tweets.csv"), &params, out.path()).unwrap();
    assert_eq!(summary.shares, 35_125);
    assert_eq!(summary.group_rows, 22);
    assert_eq!((summary.vertices, summary.edges), (23, 20));
    assert_eq!(summary.threshold, Some(1.0));
    assert_eq!(
        (summary.subgraph.vertex_count, summary.subgraph.edge_count),
        (2, 1)
    );

    for (ours, golden) in [
        (DETECT_GROUPS_FILE, "golden_rct_tw10_mp5_detect_groups.csv"),
        (EDGES_FILE, "golden_rct_tw10_mp5_edges.csv"),
    ] {
        let ours_text = std::fs::read_to_string(out.path().join(ours)).unwrap();
        let golden_text = std::fs::read_to_string(dir.join(golden)).unwrap();
        let ours_lines: Vec<&str> = ours_text.lines().collect();
        let golden_lines: Vec<&str> = golden_text.lines().collect();
        for (i, (a, b)) in ours_lines.iter().zip(&golden_lines).enumerate() {
            assert_eq!(a, b, "line {} of {ours} differs from {golden}", i + 1);
        }
        assert_eq!(ours_lines.len(), golden_lines.len(), "line count of {ours}");
        assert_eq!(
            ours_text, golden_text,
            "{ours} differs from {golden} (line endings?)"
        );
    }
}

/// The README's fast sub-network: tw=60, mp=2, fast window 10 s, p=0.5.
#[test]
fn fast_sub_network() {
    let Some(shares) = shares() else { return };
    let params = Params {
        time_window: 60.0,
        min_participation: 2,
        edge_weight: 0.5,
        remove_loops: true,
    };
    let groups = detect_groups(shares, &params);
    let flags = flag_speed_share(shares, &groups, params.min_participation, 10.0);
    assert_eq!(
        (flags.iter().filter(|&&f| f).count(), flags.len()),
        (447, 3791)
    );

    let network = generate_coordinated_network(&groups, params.edge_weight).unwrap();
    let fast = fast_edge_weights(&network, &groups, &flags).unwrap();
    let fast_weights: Vec<f64> = fast.iter().flatten().map(|&w| w as f64).collect();
    assert_eq!(fast_weights.len(), 442);

    let full_passing = network
        .edges()
        .iter()
        .filter(|e| e.weight_threshold)
        .count();
    assert_eq!(full_passing, 60);
    let fast_threshold = quantile_type7(&fast_weights, params.edge_weight).unwrap();
    let fast_passing = fast_weights.iter().filter(|&&w| w > fast_threshold).count();
    assert_eq!(fast_passing, 4);
}
