//! The `activity_curves` sign in networks.json is what the posts show: recomputed here from
//! posts.csv and the members, the plain way, it agrees with every network's value, and on
//! generated data it fires on planted networks only.

mod common;

use chrono::DateTime;
use common::{detect_generated, members_of, networks_of, read_csv, sign_of};
use lockstep_synth::SynthConfig;
use std::collections::BTreeMap;

const DAY_S: i64 = 86_400;

/// Pearson's correlation, 0 when either series is flat (residuals of rounding size included).
fn correlation(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = x.iter().map(|a| (a - mx) * (a - mx)).sum();
    let vy: f64 = y.iter().map(|b| (b - my) * (b - my)).sum();
    if vx < 1e-9 || vy < 1e-9 {
        0.0
    } else {
        cov / (vx * vy).sqrt()
    }
}

/// `x` less its least-squares line on `g`.
fn residuals(x: &[f64], g: &[f64]) -> Vec<f64> {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let mg = g.iter().sum::<f64>() / n;
    let cov: f64 = x.iter().zip(g).map(|(a, b)| (a - mx) * (b - mg)).sum();
    let var: f64 = g.iter().map(|b| (b - mg) * (b - mg)).sum();
    let slope = if var > 0.0 { cov / var } else { 0.0 };
    x.iter()
        .zip(g)
        .map(|(a, b)| a - mx - slope * (b - mg))
        .collect()
}

/// The members' median correlation with the rest of the network, per UTC day of the dump,
/// both net of `outside` (everyone else's posts per day), the network's busiest day (the first
/// of them) left out; `None` where fewer than five other days saw two members post.
fn likeness(members: &[Vec<f64>], outside: &[f64]) -> Option<f64> {
    let days = members[0].len();
    let total: Vec<f64> = (0..days)
        .map(|d| members.iter().map(|m| m[d]).sum())
        .collect();
    let busiest = (0..days).fold(0, |best, d| if total[d] > total[best] { d } else { best });
    let kept: Vec<usize> = (0..days).filter(|&d| d != busiest).collect();
    let shared = kept
        .iter()
        .filter(|&&d| members.iter().filter(|m| m[d] > 0.0).count() >= 2)
        .count();
    if shared < 5 {
        return None;
    }
    let mut values: Vec<f64> = members
        .iter()
        .map(|m| {
            let own: Vec<f64> = kept.iter().map(|&d| m[d]).collect();
            let rest: Vec<f64> = kept.iter().map(|&d| total[d] - m[d]).collect();
            let dump: Vec<f64> = kept.iter().map(|&d| outside[d]).collect();
            correlation(&residuals(&own, &dump), &residuals(&rest, &dump))
        })
        .collect();
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

#[test]
fn activity_curves_are_what_the_posts_show() {
    let dir = tempfile::tempdir().unwrap();
    let synth = SynthConfig {
        accounts: SynthConfig::MIN_ACCOUNTS,
        days: 21,
        seed: 3,
        ..SynthConfig::demo()
    };
    let (data, out) = detect_generated(&synth, dir.path());

    let (header, posts) = read_csv(&data.join("posts.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let day = |row: &Vec<String>| {
        DateTime::parse_from_rfc3339(&row[col("timestamp")])
            .unwrap()
            .timestamp()
            .div_euclid(DAY_S)
    };
    let first = posts.iter().map(day).min().unwrap();
    let days = (posts.iter().map(day).max().unwrap() - first + 1) as usize;
    let mut curves: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut everyone = vec![0.0; days];
    for row in &posts {
        everyone[(day(row) - first) as usize] += 1.0;
        curves
            .entry(row[col("account_id")].as_str())
            .or_insert_with(|| vec![0.0; days])[(day(row) - first) as usize] += 1.0;
    }
    let (header, truth) = read_csv(&data.join("truth.csv"));
    let kind_col = header.iter().position(|h| h == "kind").unwrap();
    let planted: BTreeMap<&str, bool> = truth
        .iter()
        .map(|r| (r[0].as_str(), r[kind_col].starts_with("cib:")))
        .collect();

    let (mut measured, mut fired_planted) = (0, 0);
    for net in &networks_of(&out) {
        let members = members_of(net);
        let rows: Vec<Vec<f64>> = members.iter().map(|m| curves[m].clone()).collect();
        let sign = sign_of(net, "activity_curves");
        let outside: Vec<f64> = (0..days)
            .map(|d| everyone[d] - rows.iter().map(|r| r[d]).sum::<f64>())
            .collect();
        let expected = likeness(&rows, &outside);
        assert_eq!(sign.is_some(), expected.is_some(), "network {}", net["id"]);
        let (Some(sign), Some(expected)) = (sign, expected) else {
            continue;
        };
        measured += 1;
        let value = sign["value"].as_f64().unwrap();
        assert!((value - expected).abs() < 1e-9, "{value} vs {expected}");
        assert_eq!(sign["fired"].as_bool().unwrap(), value >= 0.8);
        if sign["fired"].as_bool().unwrap() {
            let planted_members = members.iter().filter(|m| planted[*m]).count();
            assert!(
                2 * planted_members > members.len(),
                "network {} of ordinary accounts has alike curves ({value})",
                net["id"]
            );
            fired_planted += 1;
        }
    }
    assert!(measured >= 5, "{measured} networks measured");
    assert!(fired_planted >= 1, "no planted network has alike curves");
}
