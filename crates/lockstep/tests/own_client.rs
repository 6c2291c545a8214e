//! A `client` column gives the `own_client` sign: a planted network posting with a tool nobody
//! else uses shows it, and networks of accounts on the apps everybody uses do not.

mod common;

use common::{detect_into, members_of, networks_of, read_csv, sign_of};
use lockstep_synth::{generate, SynthConfig};
use std::collections::BTreeMap;

/// The operator's tool.
const TOOL: &str = "BulkPoster 2.1";
/// The apps everybody uses.
const APPS: [&str; 3] = [
    "Twitter for iPhone",
    "Twitter for Android",
    "Twitter Web App",
];

#[test]
fn a_tool_nobody_else_uses_marks_its_network() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let synth = SynthConfig {
        accounts: SynthConfig::MIN_ACCOUNTS,
        days: 14,
        seed: 7,
        ..SynthConfig::demo()
    };
    generate(&synth, &data).unwrap();
    let (header, truth) = read_csv(&data.join("truth.csv"));
    let kind_col = header.iter().position(|h| h == "kind").unwrap();
    let kind: BTreeMap<String, String> = truth
        .iter()
        .map(|r| (r[0].clone(), r[kind_col].clone()))
        .collect();

    // Link-farm accounts post with the tool; every other account with one of the apps, the
    // same one for all its posts.
    let (mut header, posts) = read_csv(&data.join("posts.csv"));
    let account_col = header.iter().position(|h| h == "account_id").unwrap();
    header.push("client".to_string());
    let input = data.join("posts_with_clients.csv");
    let mut w = csv::Writer::from_path(&input).unwrap();
    w.write_record(&header).unwrap();
    for (i, mut row) in posts.into_iter().enumerate() {
        let account = &row[account_col];
        let client = if kind[account] == "cib:link_farm" {
            TOOL.to_string()
        } else {
            let n: usize = account.bytes().map(usize::from).sum();
            APPS[n % APPS.len()].to_string()
        };
        // Every tenth post of everyone names no client: the sign reads those that do.
        row.push(if i % 10 == 0 { String::new() } else { client });
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();

    let out = dir.path().join("out");
    detect_into(&input, &out);
    let mut farms = 0;
    for net in &networks_of(&out) {
        let members = members_of(net);
        let sign = sign_of(net, "own_client").expect("every network's members name their clients");
        let farm = members
            .iter()
            .filter(|m| kind[**m] == "cib:link_farm")
            .count();
        let (value, fired) = (sign["value"].as_f64().unwrap(), sign["fired"] == true);
        if farm == members.len() {
            // Every post naming a client is made with the tool.
            assert_eq!((value, fired), (1.0, true));
            assert_eq!(net["verdict"], "likely_cib");
            farms += 1;
        } else if farm == 0 {
            assert_eq!((value, fired), (0.0, false), "network {}", net["id"]);
        }
    }
    assert!(farms >= 1, "the link farm is found");
}
