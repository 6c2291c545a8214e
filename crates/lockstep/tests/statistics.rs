//! The statistics stage on generated data with planted networks and hard negatives: the chance
//! model's false-edge counts agree with a surrogate without coordination, and the planted
//! networks are found while the hard negatives are not flagged.

use lockstep::{detect, write_outputs, DetectConfig, NoProgress};
use lockstep_eval::evaluate;
use lockstep_ingest::Input;
use lockstep_synth::{generate, SynthConfig};

#[test]
fn chance_model_matches_the_surrogate_and_finds_the_planted_networks() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let synth = SynthConfig {
        seed: 5,
        ..SynthConfig::demo()
    };
    generate(&synth, &data).unwrap();
    let mut config = DetectConfig::new(vec![Input::Path(data.join("posts.csv"))]);
    config.accounts = Some(Input::Path(data.join("accounts.csv")));
    config.surrogate_check = true;
    let outcome = detect(&config, &NoProgress).unwrap();

    // Calibration: where the model expects a handful of chance edges or more on the surrogate,
    // the surrogate shows between half and twice as many.
    let rows = outcome.statistics.calibration.as_ref().unwrap();
    let checked: Vec<_> = rows
        .iter()
        .filter(|r| r.surrogate_model_edges >= 5.0)
        .collect();
    assert!(!checked.is_empty(), "{rows:?}");
    for r in checked {
        let ratio = r.surrogate_edges as f64 / r.surrogate_model_edges;
        assert!((0.5..=2.0).contains(&ratio), "{r:?}");
    }
    let fdr = outcome.statistics.fdr.as_ref().unwrap();
    assert!(fdr.estimated_fdr <= config.fdr_target());
    assert!(fdr.selected > 0);

    // Detection quality against the planted truth.
    let results = dir.path().join("results");
    write_outputs(&outcome, &config, &results).unwrap();
    let e = evaluate(&data.join("truth.csv"), &results).unwrap();
    assert!(e.precision >= 0.9, "precision {}", e.precision);
    assert!(e.recall >= 0.75, "recall {}", e.recall);
    let hard_flagged: usize = e.hard_kinds.iter().map(|k| k.flagged).sum();
    assert!(
        hard_flagged as f64 <= 0.05 * e.hard_accounts as f64,
        "{hard_flagged} of {} hard negatives flagged",
        e.hard_accounts
    );
    for kind in ["cib:reshare_ring", "cib:link_farm", "cib:hashtag_push"] {
        let k = e.planted_kinds.iter().find(|k| k.kind == kind).unwrap();
        assert!(k.fraction >= 0.9, "{kind}: {k:?}");
    }
}
