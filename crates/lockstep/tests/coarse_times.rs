//! Times coarser than the signs that read them. A cell of four accounts posts a link of its own
//! every workday, all four within a minute at 10:00 UTC, among ordinary accounts linking
//! pages of their own at waking hours. Written with full times the cell's co-actions come
//! seconds apart in one office's hours; written to the hour every co-action of an hour has a
//! lag of zero, and written as dates alone every post falls at midnight (or, for local
//! midnights, at one hour of the UTC day). A sign finer than the times is not measured, rather
//! than measured on the rounding: the cell is still found on its own links, and the run says
//! how its times were read.

use lockstep::{detect, write_outputs, DetectConfig, NoProgress};
use lockstep_ingest::Input;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write;

/// Monday 2024-09-02 00:00 UTC, in seconds.
const MONDAY: i64 = 1_725_235_200;
const HOUR: i64 = 3_600;
const DAY: i64 = 24 * HOUR;
const DAYS: i64 = 28;
const ORGANIC: usize = 150;
const CELL: usize = 4;

/// How the times of posts.csv are written.
#[derive(Clone, Copy)]
enum Times {
    /// Epoch seconds.
    Seconds,
    /// Epoch seconds, rounded down to the hour.
    Hours,
    /// `YYYY-MM-DD`.
    Dates,
    /// Local midnight of the UTC date at UTC−5, `YYYY-MM-DDT00:00:00-05:00`: every post at
    /// 05:00 UTC.
    LocalDates,
}

fn written(time: i64, times: Times) -> String {
    match times {
        Times::Seconds => time.to_string(),
        Times::Hours => (time - time.rem_euclid(HOUR)).to_string(),
        Times::Dates => chrono::DateTime::from_timestamp(time, 0)
            .unwrap()
            .format("%Y-%m-%d")
            .to_string(),
        Times::LocalDates => chrono::DateTime::from_timestamp(time, 0)
            .unwrap()
            .format("%Y-%m-%dT00:00:00-05:00")
            .to_string(),
    }
}

/// posts.csv: the ordinary accounts and the cell.
fn posts(times: Times) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let mut csv = String::from("post_id,account_id,timestamp,urls\n");
    let mut id = 0;
    let mut post = |csv: &mut String, account: &str, time: i64, url: &str| {
        id += 1;
        writeln!(csv, "p{id},{account},{},{url}", written(time, times)).unwrap();
    };
    for a in 0..ORGANIC {
        for day in 0..DAYS {
            for _ in 0..3 {
                let time = MONDAY + day * DAY + 7 * HOUR + rng.random_range(0..15 * HOUR);
                let page = rng.random_range(0..1_000_000);
                post(
                    &mut csv,
                    &format!("o{a}"),
                    time,
                    &format!("https://site{a}.example/{page}"),
                );
            }
        }
    }
    for day in (0..DAYS).filter(|d| d % 7 < 5) {
        let start = MONDAY + day * DAY + 10 * HOUR;
        for m in 0..CELL {
            let time = start + rng.random_range(0..60);
            post(
                &mut csv,
                &format!("cell{m}"),
                time,
                &format!("https://ours.example/{day}"),
            );
        }
    }
    csv
}

/// The run's networks.json and run.json on posts written with `times`.
fn run(times: Times) -> (serde_json::Value, serde_json::Value) {
    run_on(&posts(times))
}

/// The run's networks.json and run.json on the posts file `csv`.
fn run_on(csv: &str) -> (serde_json::Value, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    std::fs::write(&input, csv).unwrap();
    let config = DetectConfig::new(vec![Input::Path(input)]);
    let outcome = detect(&config, &NoProgress).unwrap();
    let out = dir.path().join("results");
    write_outputs(&outcome, &config, &out).unwrap();
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap()
    };
    (read("networks.json"), read("run.json"))
}

/// The one network, which must be the cell, and the names of its measured signs.
fn the_cell(networks: &serde_json::Value) -> (&serde_json::Value, Vec<&str>) {
    let all = networks["networks"].as_array().unwrap();
    assert_eq!(all.len(), 1, "{networks:#}");
    let cell = &all[0];
    let mut members: Vec<&str> = cell["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    members.sort_unstable();
    assert_eq!(members, ["cell0", "cell1", "cell2", "cell3"]);
    let measured = cell["signs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    (cell, measured)
}

#[test]
fn full_times_show_the_cells_synchrony_and_office() {
    let (networks, _) = run(Times::Seconds);
    let (cell, measured) = the_cell(&networks);
    for sign in ["tight_synchrony", "operator_rhythm", "own_objects"] {
        assert!(measured.contains(&sign), "{sign}: {measured:?}");
    }
    assert_eq!(cell["verdict"], "likely_cib");
    let summary = cell["summary"].as_str().unwrap();
    assert!(summary.contains(" s apart"), "{summary}");
}

#[test]
fn times_to_the_hour_do_not_measure_synchrony() {
    let (networks, run) = run(Times::Hours);
    let (cell, measured) = the_cell(&networks);
    assert!(!measured.contains(&"tight_synchrony"), "{measured:?}");
    assert!(measured.contains(&"operator_rhythm"), "{measured:?}");
    assert_eq!(cell["verdict"], "likely_cib");
    // Not "a median of 0 s apart": the times cannot tell.
    let summary = cell["summary"].as_str().unwrap();
    assert!(summary.contains("within the same hour"), "{summary}");
    assert_eq!(
        run["input"]["files"][0]["timestamp_resolution_ms"],
        3_600_000
    );
}

/// The signs that need the hour of the day, or lags of seconds.
const HOURLY_SIGNS: [&str; 7] = [
    "tight_synchrony",
    "operator_rhythm",
    "event_slot",
    "members_rhythm",
    "around_the_clock",
    "coacts_at_night",
    "members_coact_at_night",
];

/// The cell of a run whose times show no hour of the day: found on its own links, with no
/// sign that needs the hour or lags of seconds, no working hours, and no lag in its summary.
fn assert_found_without_the_hour(networks: &serde_json::Value) {
    let (cell, measured) = the_cell(networks);
    for sign in HOURLY_SIGNS {
        assert!(!measured.contains(&sign), "{sign}: {measured:?}");
    }
    assert!(measured.contains(&"own_objects"), "{measured:?}");
    assert!(cell["working_hours"].is_null(), "{cell:#}");
    assert_eq!(cell["verdict"], "likely_cib");
    let summary = cell["summary"].as_str().unwrap();
    assert!(summary.contains("within the same day"), "{summary}");
}

#[test]
fn dates_alone_measure_no_hour_of_the_day() {
    let (networks, run) = run(Times::Dates);
    assert_found_without_the_hour(&networks);
    assert_eq!(
        run["input"]["files"][0]["timestamp_resolution_ms"],
        86_400_000
    );
    assert_eq!(
        run["input"]["timestamp_forms"]["date_only"],
        ORGANIC * 84 + 20 * CELL
    );
    let notes = run["input"]["notes"].to_string();
    assert!(notes.contains("dates without a time"), "{notes}");
    let warnings = run["input"]["warnings"].to_string();
    assert!(warnings.contains("resolution of 1d"), "{warnings}");
}

/// Dates written as a local midnight all fall at one hour of the UTC day, 05:00 here: one hour
/// of every day is not an event's slot or an office, and the run does not read it as one.
#[test]
fn local_midnights_measure_no_hour_of_the_day() {
    let (networks, run) = run(Times::LocalDates);
    assert_found_without_the_hour(&networks);
    assert_eq!(
        run["input"]["files"][0]["timestamp_resolution_ms"],
        3_600_000
    );
}

/// Exports write a missing time as zero: such posts are read at the Unix epoch, and the run
/// warns that they look simultaneous, where full times alone give no warning.
#[test]
fn times_at_the_epoch_are_warned_about() {
    let (_, run) = run(Times::Seconds);
    assert_eq!(run["input"]["warnings"], serde_json::json!([]));
    let mut csv = posts(Times::Seconds);
    for a in 0..3 {
        writeln!(csv, "z{a},late{a},0,https://x.example/{a}").unwrap();
    }
    let (_, run) = run_on(&csv);
    let warnings = run["input"]["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = warnings[0].as_str().unwrap();
    assert!(
        warning.starts_with("3 posts are dated 1970-01-01T00:00:00Z"),
        "{warning}"
    );
}
