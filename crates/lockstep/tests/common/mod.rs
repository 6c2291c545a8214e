//! Helpers shared by the command-line tests.

// Each test file compiles this module and uses only some of its helpers.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs the `lockstep` binary with `args` and returns what it printed and its status.
pub fn lockstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(args)
        .output()
        .expect("binary runs")
}

/// Runs `lockstep detect INPUT --out OUT --quiet` with `extra` options; panics with its stderr
/// if it fails.
pub fn detect(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "detect",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    let o = lockstep(&args);
    assert!(
        o.status.success(),
        "{input:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The header and rows of a CSV file.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Generates `synth`'s dataset under `dir/data`, detects with the default settings through the
/// library and writes the outputs to `dir/out`; returns the two folders.
pub fn detect_generated(
    synth: &lockstep_synth::SynthConfig,
    dir: &Path,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let data = dir.join("data");
    lockstep_synth::generate(synth, &data).unwrap();
    let out = dir.join("out");
    detect_into(&data.join("posts.csv"), &out);
    (data, out)
}

/// Detects with the default settings through the library and writes the outputs to `out`.
pub fn detect_into(input: &Path, out: &Path) {
    let config = lockstep::DetectConfig::new(vec![lockstep_ingest::Input::Path(input.into())]);
    let outcome = lockstep::detect(&config, &lockstep::NoProgress).unwrap();
    lockstep::write_outputs(&outcome, &config, out).unwrap();
}

/// The networks of a run's networks.json.
pub fn networks_of(out: &Path) -> Vec<serde_json::Value> {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("networks.json")).unwrap()).unwrap();
    json["networks"].as_array().unwrap().clone()
}

/// A network's members, as networks.json lists them.
pub fn members_of(network: &serde_json::Value) -> Vec<&str> {
    network["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect()
}

/// A network's behaviour sign `name`, when it was measured.
pub fn sign_of<'a>(network: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    network["signs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
}
