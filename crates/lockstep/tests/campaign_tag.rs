//! A push whose campaign tag others picked up: ten accounts post their campaign tag in bursts
//! at office hours on workdays, riding trending tags, and a dozen ordinary accounts use the
//! campaign tag once each. The tag is then public (most of its accounts are in no network),
//! but the push makes nearly all of its uses: its pace must come from the others' uses, or the
//! push's own bursts explain its co-acting and the verdict sets it aside as a community
//! following its tags.

use lockstep::{detect, write_outputs, DetectConfig, NoProgress};
use lockstep_ingest::Input;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write;

/// Monday 2024-09-02 00:00 UTC, in seconds.
const MONDAY: i64 = 1_725_235_200;
const HOUR: i64 = 3_600;
const DAY: i64 = 24 * HOUR;
const DAYS: i64 = 14;
const ORGANIC: usize = 400;
const PUSH: usize = 10;
const PICKUP: usize = 12;
const TRENDING: u32 = 30;

/// posts.csv: the organic crowd, the push and the accounts that picked its tag up.
fn posts() -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut csv = String::from("post_id,account_id,timestamp,text,hashtags\n");
    let mut id = 0;
    let mut post = |csv: &mut String, account: &str, time: i64, tags: &str| {
        id += 1;
        writeln!(csv, "p{id},{account},{time},post number {id},{tags}").unwrap();
    };
    // Organic accounts: six posts a day at waking hours, every day, each with a trending tag.
    for a in 0..ORGANIC {
        for day in 0..DAYS {
            for _ in 0..6 {
                let time = MONDAY + day * DAY + 7 * HOUR + rng.random_range(0..16 * HOUR);
                let tag = rng.random_range(0..TRENDING);
                post(&mut csv, &format!("o{a}"), time, &format!("trend{tag}"));
            }
        }
    }
    // The push: two bursts a workday between 09:00 and 17:00 UTC, every member within ten
    // minutes, with the campaign tag and, four times in ten, a trending tag.
    for day in (0..DAYS).filter(|d| d % 7 < 5) {
        for _ in 0..2 {
            let start = MONDAY + day * DAY + 9 * HOUR + rng.random_range(0..7 * HOUR);
            for m in 0..PUSH {
                let time = start + rng.random_range(0..600);
                let tags = if rng.random_bool(0.4) {
                    format!("campaign trend{}", rng.random_range(0..3))
                } else {
                    "campaign".to_string()
                };
                post(&mut csv, &format!("push{m}"), time, &tags);
            }
        }
    }
    // A dozen organic accounts use the campaign tag once each, at any time.
    for a in 0..PICKUP {
        let time = MONDAY + rng.random_range(0..DAYS * DAY);
        post(&mut csv, &format!("o{a}"), time, "campaign");
    }
    csv
}

#[test]
fn a_push_keeps_its_campaign_tag_when_others_pick_it_up() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    std::fs::write(&input, posts()).unwrap();
    let config = DetectConfig::new(vec![Input::Path(input)]);
    let outcome = detect(&config, &NoProgress).unwrap();
    let out = dir.path().join("results");
    write_outputs(&outcome, &config, &out).unwrap();
    let networks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("networks.json")).unwrap()).unwrap();
    let push: Vec<&serde_json::Value> = networks["networks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| {
            n["members"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m.as_str().is_some_and(|m| m.starts_with("push")))
        })
        .collect();
    assert_eq!(push.len(), 1, "the push is one network");
    let push = push[0];
    let members: Vec<&str> = push["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(members.len(), PUSH, "{members:?}");
    assert!(members.iter().all(|m| m.starts_with("push")), "{members:?}");
    let signs = push["signs"].as_array().unwrap();
    let fired = |name: &str| {
        signs
            .iter()
            .any(|s| s["name"] == name && s["fired"] == serde_json::Value::Bool(true))
    };
    // Twenty bursts on a tag whose other users' pace explains one or two co-actions a pair.
    assert!(fired("beyond_object_timing"), "{signs:?}");
    assert!(!fired("public_timing_explains"), "{signs:?}");
    assert!(fired("operator_rhythm"), "{signs:?}");
    assert_eq!(push["verdict"], "likely_cib");
}
