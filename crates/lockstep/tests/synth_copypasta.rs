//! On the demo's synthetic data, the text signal alone recovers the planted copy-paste
//! networks (members post the campaign message with small edits of their own), while the
//! organic accounts, fan clubs and viral bursts (which post identical greetings and slogans)
//! are not linked by it.

use lockstep::{detect, write_outputs, DetectConfig, EdgeRule, NoProgress};
use lockstep_eval::evaluate;
use lockstep_ingest::Input;
use lockstep_model::Signal;
use lockstep_networks::MinEvidence;
use lockstep_synth::{generate, SynthConfig};

#[test]
fn planted_copypasta_is_recovered_without_false_links() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let results = dir.path().join("results");
    generate(&SynthConfig::demo(), &data).unwrap();
    let mut config = DetectConfig::new(vec![Input::Path(data.join("posts.csv"))]);
    // Only the text signal, with the fixed evidence rule: what links accounts here is
    // near-duplicate text and nothing else.
    config.windows.retain(|&signal, _| signal == Signal::Text);
    config.selection = EdgeRule::MinEvidence(MinEvidence {
        min_weight: 2.0,
        min_objects: 3,
    });
    let outcome = detect(&config, &NoProgress).unwrap();
    write_outputs(&outcome, &config, &results).unwrap();
    let eval = evaluate(&data.join("truth.csv"), &results).unwrap();

    let copypasta: Vec<_> = eval
        .networks
        .iter()
        .filter(|n| n.kind == "cib:copypasta")
        .collect();
    assert_eq!(copypasta.len(), 2);
    for n in copypasta {
        assert_eq!(n.flagged, n.size, "{} recall {}", n.label, n.recall);
    }
    assert_eq!(eval.organic.flagged, 0);
    for kind in &eval.hard_kinds {
        if kind.kind == "hard:fan_club" || kind.kind == "hard:viral_burst" {
            assert_eq!(kind.flagged, 0, "{}", kind.kind);
        }
    }
    // The campaigns were grouped from texts that differ: some narratives hold several texts.
    let narratives = outcome.narratives.as_ref().unwrap();
    assert!(narratives.stats.merged_narratives > 0);
}
