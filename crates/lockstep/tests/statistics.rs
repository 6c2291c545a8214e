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

/// The demo's data of seed 5 over a week, generated in `dir/data`; returns that directory.
fn demo_week(dir: &std::path::Path) -> std::path::PathBuf {
    let data = dir.join("data");
    let synth = SynthConfig {
        seed: 5,
        days: 7,
        ..SynthConfig::demo()
    };
    generate(&synth, &data).unwrap();
    data
}

/// An accounts file that names none of a network's members says nothing about them: the
/// verdicts are those of a run without one. (Before, the members' posting signs alone, such
/// as posting round the clock, made two more networks of this dump `likely_cib`.)
#[test]
fn an_accounts_file_naming_no_member_changes_no_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let data = demo_week(dir.path());
    let stranger = dir.path().join("stranger.csv");
    std::fs::write(
        &stranger,
        "account_id,handle,created_at,followers,following,verified\n\
         nobody,nobody12345678,2024-09-01T00:00:00Z,0,900,false\n",
    )
    .unwrap();
    let verdicts = |accounts: Option<&std::path::Path>| {
        let mut config = DetectConfig::new(vec![Input::Path(data.join("posts.csv"))]);
        config.accounts = accounts.map(|a| Input::Path(a.to_path_buf()));
        let out = dir.path().join(if accounts.is_some() {
            "with"
        } else {
            "without"
        });
        write_outputs(&detect(&config, &NoProgress).unwrap(), &config, &out).unwrap();
        let networks: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("networks.json")).unwrap())
                .unwrap();
        networks["networks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (n["members"].clone(), n["verdict"].clone()))
            .collect::<Vec<_>>()
    };
    let without = verdicts(None);
    assert!(without.iter().any(|(_, v)| v == "likely_cib"));
    assert!(without.iter().any(|(_, v)| v == "authentic_looking"));
    assert_eq!(verdicts(Some(&stranger)), without);
    // The run says that the file describes none of the posts' accounts.
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("with/run.json")).unwrap())
            .unwrap();
    let warnings = run["input"]["warnings"].to_string();
    assert!(
        warnings.contains(
            "0 of the posts' accounts have a profile in the accounts file, which holds 1"
        ),
        "{warnings}"
    );
}

/// Posts exported with screen names beside a profile file keyed by numeric ids: the file's
/// ids name none of the posts' accounts, so its profiles are matched by handle (`@` and case
/// aside), and the networks and verdicts are those of the run whose posts carry the ids.
#[test]
fn profiles_are_matched_by_handle_when_the_ids_name_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let data = demo_week(dir.path());
    let mut handles = std::collections::HashMap::new();
    let mut accounts = csv::Reader::from_path(data.join("accounts.csv")).unwrap();
    let columns = accounts.headers().unwrap().clone();
    let column = |name: &str| columns.iter().position(|c| c == name).unwrap();
    let (id, handle) = (column("account_id"), column("handle"));
    for row in accounts.records() {
        let row = row.unwrap();
        handles.insert(
            row[id].to_string(),
            format!("@{}", row[handle].to_uppercase()),
        );
    }
    let mut posts = csv::Reader::from_path(data.join("posts.csv")).unwrap();
    let header = posts.headers().unwrap().clone();
    let account = header.iter().position(|c| c == "account_id").unwrap();
    let mut by_handle = csv::Writer::from_path(dir.path().join("by-handle.csv")).unwrap();
    by_handle.write_record(&header).unwrap();
    for row in posts.records() {
        let row = row.unwrap();
        let fields: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if i == account {
                    handles[f].clone()
                } else {
                    f.to_string()
                }
            })
            .collect();
        by_handle.write_record(&fields).unwrap();
    }
    by_handle.flush().unwrap();
    let run = |posts: &str, out: &str| {
        let mut config = DetectConfig::new(vec![Input::Path(dir.path().join(posts))]);
        config.accounts = Some(Input::Path(data.join("accounts.csv")));
        write_outputs(
            &detect(&config, &NoProgress).unwrap(),
            &config,
            &dir.path().join(out),
        )
        .unwrap();
        let read = |name: &str| -> serde_json::Value {
            serde_json::from_str(&std::fs::read_to_string(dir.path().join(out).join(name)).unwrap())
                .unwrap()
        };
        (read("networks.json"), read("run.json"))
    };
    std::fs::copy(data.join("posts.csv"), dir.path().join("by-id.csv")).unwrap();
    let (by_id, _) = run("by-id.csv", "id");
    let (named, run_json) = run("by-handle.csv", "handle");
    let notes = run_json["input"]["notes"].to_string();
    assert!(notes.contains("matched by handle"), "{notes}");
    // A week of posts holds its weekend.
    assert!(!notes.contains("no weekend"), "{notes}");
    assert_eq!(run_json["input"]["warnings"], serde_json::json!([]));
    let verdicts = |networks: &serde_json::Value, rename: &dyn Fn(&str) -> String| {
        let mut out: Vec<(Vec<String>, String)> = networks["networks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                let mut members: Vec<String> = n["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| rename(m.as_str().unwrap()))
                    .collect();
                members.sort();
                (members, n["verdict"].as_str().unwrap().to_string())
            })
            .collect();
        out.sort();
        out
    };
    let expected = verdicts(&by_id, &|m| handles[m].clone());
    assert!(expected.iter().any(|(_, v)| v == "likely_cib"));
    assert_eq!(verdicts(&named, &|m| m.to_string()), expected);
}
