//! End-to-end checks of generated datasets: formats, consistency, presence of every planted and
//! hard-negative kind, determinism and rough realism.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::DateTime;
use lockstep_synth::{generate, Error, SynthConfig};

const PLANTED: [&str; 7] = [
    "cib:reshare_ring",
    "cib:link_farm",
    "cib:copypasta",
    "cib:hashtag_push",
    "cib:slow_ring",
    "cib:mixed_weak",
    "cib:tiny_cell",
];
const HARD: [&str; 3] = ["hard:fan_club", "hard:syndicated", "hard:viral_burst"];

struct Post {
    id: u64,
    account: String,
    ts: i64,
    text: String,
    urls: String,
    hashtags: String,
    reshare_of: Option<u64>,
    reply_to: Option<u64>,
}

struct Data {
    posts: Vec<Post>,
    /// account id -> (label, kind)
    truth: HashMap<String, (String, String)>,
    /// account id -> created_at (UNIX seconds)
    created: HashMap<String, i64>,
}

fn reader(path: &Path) -> csv::Reader<std::fs::File> {
    csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn header(r: &mut csv::Reader<std::fs::File>) -> Vec<String> {
    r.headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect()
}

fn parse_ts(s: &str) -> i64 {
    assert_eq!(s.len(), 20, "{s}");
    assert!(s.ends_with('Z'), "{s}");
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("{s}: {e}"))
        .timestamp()
}

fn load(dir: &Path) -> Data {
    let mut r = reader(&dir.join("truth.csv"));
    assert_eq!(header(&mut r), ["account_id", "label", "kind"]);
    let mut truth = HashMap::new();
    for rec in r.records() {
        let rec = rec.expect("truth row");
        let prev = truth.insert(rec[0].to_string(), (rec[1].to_string(), rec[2].to_string()));
        assert!(prev.is_none(), "account {} twice in truth.csv", &rec[0]);
    }

    let mut r = reader(&dir.join("accounts.csv"));
    assert_eq!(
        header(&mut r),
        [
            "account_id",
            "created_at",
            "handle",
            "display_name",
            "followers",
            "following",
            "posts_count",
            "description",
            "verified",
            "profile_image"
        ]
    );
    let mut created = HashMap::new();
    let mut handles = HashSet::new();
    for rec in r.records() {
        let rec = rec.expect("account row");
        assert!(
            truth.contains_key(&rec[0]),
            "account {} not in truth",
            &rec[0]
        );
        assert!(
            handles.insert(rec[2].to_lowercase()),
            "handle {} twice",
            &rec[2]
        );
        rec[4].parse::<u32>().expect("followers");
        rec[5].parse::<u32>().expect("following");
        rec[6].parse::<u32>().expect("posts_count");
        assert!(["true", "false"].contains(&&rec[8]));
        let prev = created.insert(rec[0].to_string(), parse_ts(&rec[1]));
        assert!(prev.is_none(), "account {} twice in accounts.csv", &rec[0]);
    }
    assert_eq!(created.len(), truth.len());

    let mut r = reader(&dir.join("posts.csv"));
    assert_eq!(
        header(&mut r),
        [
            "post_id",
            "account_id",
            "timestamp",
            "text",
            "urls",
            "hashtags",
            "mentions",
            "reshare_of",
            "reply_to",
            "lang"
        ]
    );
    let langs = ["en", "es", "de", "ru", "ar", "zh"];
    let opt_id = |s: &str| (!s.is_empty()).then(|| s.parse::<u64>().expect("post id reference"));
    let posts: Vec<Post> = r
        .records()
        .map(|rec| {
            let rec = rec.expect("post row");
            assert!(langs.contains(&&rec[9]), "lang {}", &rec[9]);
            Post {
                id: rec[0].parse().expect("post id"),
                account: rec[1].to_string(),
                ts: parse_ts(&rec[2]),
                text: rec[3].to_string(),
                urls: rec[4].to_string(),
                hashtags: rec[5].to_string(),
                reshare_of: opt_id(&rec[7]),
                reply_to: opt_id(&rec[8]),
            }
        })
        .collect();
    Data {
        posts,
        truth,
        created,
    }
}

fn check_consistency(d: &Data, config: &SynthConfig) {
    let start = config.start.timestamp();
    let end = start + i64::from(config.days) * 86_400;
    let mut ids = HashSet::new();
    let mut last_ts = i64::MIN;
    let mut by_id: HashMap<u64, i64> = HashMap::new();
    for p in &d.posts {
        assert!(
            d.truth.contains_key(&p.account),
            "unknown account {}",
            p.account
        );
        assert!(ids.insert(p.id), "post id {} twice", p.id);
        assert!((start..end).contains(&p.ts));
        assert!(p.ts >= last_ts, "posts are sorted by time");
        last_ts = p.ts;
        by_id.insert(p.id, p.ts);
        for reference in [p.reshare_of, p.reply_to].into_iter().flatten() {
            let original = by_id.get(&reference).unwrap_or_else(|| {
                panic!("post {} refers to unknown or later post {reference}", p.id)
            });
            assert!(*original < p.ts);
        }
        if p.reshare_of.is_some() {
            assert!(p.text.starts_with("RT @"), "{}", p.text);
            assert!(p.urls.is_empty() && p.hashtags.is_empty());
        }
    }
    // Planted and hard kinds are present, and every planted network acts in the posts.
    let kinds: HashSet<&str> = d.truth.values().map(|(_, k)| k.as_str()).collect();
    for k in PLANTED.iter().chain(&HARD) {
        assert!(kinds.contains(k), "kind {k} missing");
    }
    let posting: HashSet<&str> = d
        .posts
        .iter()
        .map(|p| d.truth[&p.account].0.as_str())
        .collect();
    for (label, kind) in d.truth.values() {
        if kind != "organic" {
            assert!(posting.contains(label.as_str()), "{label} never posts");
        } else {
            assert_eq!(label, "organic");
        }
    }
    // Texts exercise the CSV quoting and several scripts.
    let all = |f: &dyn Fn(&str) -> bool| d.posts.iter().any(|p| f(&p.text));
    assert!(all(&|t| t.contains(',')));
    assert!(all(&|t| t.contains('"')));
    assert!(all(&|t| t.contains('\n')));
    assert!(all(&|t| t.chars().any(|c| ('а'..='я').contains(&c))));
    assert!(all(&|t| t
        .chars()
        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))));
    assert!(all(&|t| t
        .chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))));
}

fn median(v: &mut [i64]) -> i64 {
    v.sort_unstable();
    v[v.len() / 2]
}

/// Realism checks on delays, synchrony and account creation.
fn check_realism(d: &Data) {
    let ts: HashMap<u64, i64> = d.posts.iter().map(|p| (p.id, p.ts)).collect();
    let kind = |account: &str| d.truth[account].1.as_str();
    let label = |account: &str| d.truth[account].0.as_str();

    // Organic reshare delays: median between 10 minutes and 3 hours.
    let mut organic: Vec<i64> = d
        .posts
        .iter()
        .filter(|p| kind(&p.account) == "organic")
        .filter_map(|p| p.reshare_of.map(|o| p.ts - ts[&o]))
        .collect();
    let m = median(&mut organic);
    assert!((600..10_800).contains(&m), "organic median delay {m}");

    // Reshares of one target by members of one network.
    let mut joint: BTreeMap<(&str, u64), Vec<i64>> = BTreeMap::new();
    for p in &d.posts {
        if let Some(o) = p.reshare_of {
            if kind(&p.account).starts_with("cib:") {
                joint.entry((label(&p.account), o)).or_default().push(p.ts);
            }
        }
    }
    let mut ring_spreads = Vec::new();
    let mut slow_lags = Vec::new();
    for ((lab, original), times) in &joint {
        if times.len() < 2 {
            continue;
        }
        let spread = times.iter().max().unwrap_or(&0) - times.iter().min().unwrap_or(&0);
        if lab.starts_with("ring_") {
            ring_spreads.push(spread);
        } else if lab.starts_with("slowring_") {
            slow_lags.extend(times.iter().map(|t| t - ts[original]));
        }
    }
    assert!(!ring_spreads.is_empty() && !slow_lags.is_empty());
    let fast = ring_spreads.iter().filter(|&&s| s <= 600).count() as f64;
    assert!(
        fast / ring_spreads.len() as f64 > 0.9,
        "ring co-reshares within 10 minutes: {fast}"
    );
    let m = median(&mut slow_lags);
    assert!((600..3_600).contains(&m), "slow ring median lag {m}");

    // The first network of each kind, and most of the others, were created in a burst: half
    // their members within 10 days.
    let mut created: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for (account, (lab, k)) in &d.truth {
        if k.starts_with("cib:") && k != "cib:tiny_cell" {
            created.entry(lab).or_default().push(d.created[account]);
        }
    }
    let mut bursts = 0;
    for (lab, c) in &mut created {
        c.sort_unstable();
        let q = |p: f64| c[((c.len() - 1) as f64 * p) as usize];
        let burst = q(0.75) - q(0.25) <= 10 * 86_400;
        assert!(
            burst || !lab.ends_with("_01"),
            "{lab} was not created in a burst"
        );
        bursts += usize::from(burst);
    }
    assert!(
        bursts * 2 >= created.len(),
        "{bursts} of {} networks",
        created.len()
    );
}

#[test]
fn demo_dataset_is_consistent_and_realistic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = SynthConfig::demo();
    let summary = generate(&config, dir.path()).expect("generate");
    let d = load(dir.path());
    assert_eq!(summary.posts as usize, d.posts.len());
    assert_eq!(summary.accounts, d.truth.len());
    assert_eq!(summary.accounts, config.accounts);
    let planted: usize = summary.networks.iter().map(|g| g.size).sum();
    let cib = d
        .truth
        .values()
        .filter(|(_, k)| k.starts_with("cib:"))
        .count();
    assert_eq!(planted, cib);
    check_consistency(&d, &config);
    check_realism(&d);
}

#[test]
fn default_dataset_has_every_kind_and_about_a_million_posts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = SynthConfig::default();
    let summary = generate(&config, dir.path()).expect("generate");
    assert!(
        (800_000..1_300_000).contains(&summary.posts),
        "{} posts",
        summary.posts
    );
    for k in PLANTED {
        assert!(
            summary.networks.iter().filter(|g| g.kind == k).count() >= 3,
            "{k}"
        );
    }
    for k in HARD {
        assert!(summary.hard_negatives.iter().any(|g| g.kind == k), "{k}");
    }
    let d = load(dir.path());
    check_consistency(&d, &config);
    check_realism(&d);
}

#[test]
fn output_is_a_function_of_the_seed() {
    let small = SynthConfig {
        accounts: SynthConfig::MIN_ACCOUNTS,
        days: 3,
        ..SynthConfig::default()
    };
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    let c = tempfile::tempdir().expect("tempdir");
    generate(&small, a.path()).expect("generate");
    generate(&small, b.path()).expect("generate");
    generate(&SynthConfig { seed: 2, ..small }, c.path()).expect("generate");
    for f in ["posts.csv", "accounts.csv", "truth.csv"] {
        let read = |d: &tempfile::TempDir| std::fs::read(d.path().join(f)).expect("read");
        assert_eq!(read(&a), read(&b), "{f} differs between identical runs");
        assert_ne!(read(&a), read(&c), "{f} does not depend on the seed");
    }
}

#[test]
fn bad_settings_and_paths_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tiny = SynthConfig {
        accounts: 10,
        ..SynthConfig::default()
    };
    assert!(matches!(generate(&tiny, dir.path()), Err(Error::Config(_))));
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let err = generate(&SynthConfig::demo(), &file.join("sub")).expect_err("not a directory");
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().contains("a-file"), "{err}");
}
