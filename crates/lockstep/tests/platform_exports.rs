//! `lockstep detect` on platform exports: the same data gives the same networks whether it comes
//! as an X information-operations archive or in canonical form; ids come out as given, the same
//! id on two platforms stays two accounts while URLs link accounts across platforms; coarse times are warned about; rejected rows can be kept.

mod common;

use common::{detect, lockstep};
use lockstep_ingest::Format;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn json(path: PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn csv_rows(path: PathBuf) -> Vec<Vec<String>> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// One tweet of the test data: who, when (ms), and what it reshares or links.
struct Tweet {
    id: u64,
    user: &'static str,
    time_ms: i64,
    retweet_of: Option<u64>,
    url: Option<&'static str>,
}

const SNOWFLAKE_EPOCH_MS: i64 = 1_288_834_974_657;

/// Three accounts retweet four posts and share three links within seconds of each other; a
/// fourth account does the same 40 s later, inside the same minute: with minute-resolution times
/// it would look simultaneous, with exact times it is outside a 10 s window.
fn tweets() -> Vec<Tweet> {
    let base = 1_551_441_600_000; // 2019-03-01T12:00:00Z
    let mut out = Vec::new();
    let mut sequence = 0u64;
    let mut push = |user, time_ms: i64, retweet_of, url| {
        sequence += 1;
        let id = ((time_ms - SNOWFLAKE_EPOCH_MS) as u64) << 22 | sequence;
        out.push(Tweet {
            id,
            user,
            time_ms,
            retweet_of,
            url,
        });
    };
    let originals = [
        1_101_000_000_000_000_001u64,
        1_101_000_000_000_000_002,
        1_101_000_000_000_000_003,
        1_101_000_000_000_000_004,
    ];
    let urls = [
        "https://news.example/a",
        "https://news.example/b",
        "https://news.example/c",
    ];
    for (k, original) in originals.iter().enumerate() {
        let minute = base + k as i64 * 600_000;
        push("ring1", minute + 2_150, Some(*original), None);
        push("ring2", minute + 4_320, Some(*original), None);
        push("ring3", minute + 7_007, Some(*original), None);
        push("late", minute + 47_500, Some(*original), None);
    }
    for (k, url) in urls.iter().enumerate() {
        let minute = base + 7_200_000 + k as i64 * 600_000;
        push("ring1", minute + 1_000, None, Some(*url));
        push("ring3", minute + 3_500, None, Some(*url));
        push("ring2", minute + 9_999, None, Some(*url));
        push("late", minute + 55_000, None, Some(*url));
    }
    out
}

/// What a detection found, apart from what profiles add: members, evidence, timing.
fn found(networks: &Value) -> Vec<Value> {
    let keys = [
        "members",
        "metrics",
        "signals",
        "size",
        "top_objects",
        "first_seen",
        "last_seen",
    ];
    networks["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| keys.iter().map(|k| n[k].clone()).collect())
        .collect()
}

fn archive_csv(tweets: &[Tweet]) -> String {
    let mut s = String::from("tweetid,userid,user_display_name,user_screen_name,follower_count,following_count,tweet_text,tweet_time,in_reply_to_tweetid,in_reply_to_userid,is_retweet,retweet_userid,retweet_tweetid,hashtags,urls,user_mentions\n");
    for t in tweets {
        let minute = chrono::DateTime::from_timestamp_millis(t.time_ms - t.time_ms % 60_000)
            .unwrap()
            .format("%Y-%m-%d %H:%M");
        let (is_retweet, retweet) = match t.retweet_of {
            Some(id) => ("True", id.to_string()),
            None => ("False", String::new()),
        };
        let urls = t.url.map_or("[]".to_string(), |u| format!("['{u}']"));
        s.push_str(&format!(
            "{},{u},{u},@{u},12.0,3,text,{minute},,,{is_retweet},,{retweet},[],\"{urls}\",[]\n",
            t.id,
            u = t.user
        ));
    }
    s
}

fn canonical_csv(tweets: &[Tweet]) -> String {
    let mut s = String::from("account_id,post_id,timestamp,text,urls,reshare_of,platform\n");
    for t in tweets {
        let time = chrono::DateTime::from_timestamp_millis(t.time_ms)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%S%.3fZ");
        let text = if t.retweet_of.is_some() { "" } else { "text" };
        s.push_str(&format!(
            "{},{},{time},{text},{},{},twitter\n",
            t.user,
            t.id,
            t.url.unwrap_or_default(),
            t.retweet_of.map(|id| id.to_string()).unwrap_or_default()
        ));
    }
    s
}

#[test]
fn archive_and_canonical_forms_give_the_same_networks() {
    let dir = tempfile::tempdir().unwrap();
    let data = tweets();
    let archive = dir.path().join("campaign_tweets_csv_hashed.csv");
    let canonical = dir.path().join("canonical.csv");
    std::fs::write(&archive, archive_csv(&data)).unwrap();
    std::fs::write(&canonical, canonical_csv(&data)).unwrap();
    let (out_a, out_c) = (dir.path().join("a"), dir.path().join("c"));
    // Too few objects for the chance model; the fixed evidence rule shows the co-actions.
    let rule = ["--min-evidence", "--window", "10s"];
    detect(
        &archive,
        &out_a,
        &[&["--format", "twitter-io"], &rule[..]].concat(),
    );
    detect(&canonical, &out_c, &rule);

    let (net_a, net_c) = (
        json(out_a.join("networks.json")),
        json(out_c.join("networks.json")),
    );
    // The archive also carries profiles, which feed the verdict; the networks themselves agree.
    assert_eq!(found(&net_a), found(&net_c));
    assert_eq!(net_a["count"], 1);
    assert_eq!(
        net_a["networks"][0]["members"],
        serde_json::json!(["ring1", "ring2", "ring3"])
    );
    // Reshared tweets are named by their ids as given, like the accounts and posts.
    let evidence = csv_rows(out_a.join("evidence.csv"));
    let reshared: Vec<&str> = evidence
        .iter()
        .filter(|r| r[2] == "reshare")
        .map(|r| r[3].as_str())
        .collect();
    assert_eq!(reshared.len(), 12, "3 pairs x 4 originals");
    assert!(
        reshared.iter().all(|o| o.starts_with("1101000000000000")),
        "{reshared:?}"
    );
    let tweet_ids: Vec<String> = data.iter().map(|t| t.id.to_string()).collect();
    assert!(evidence
        .iter()
        .all(|r| tweet_ids.contains(&r[4]) && tweet_ids.contains(&r[5])));
    assert_eq!(
        csv_rows(out_a.join("edges.csv")),
        csv_rows(out_c.join("edges.csv"))
    );
    assert_eq!(
        csv_rows(out_a.join("evidence.csv")),
        csv_rows(out_c.join("evidence.csv"))
    );

    // Detection also works without --format, and the archive's profiles reach accounts.csv.
    let out_d = dir.path().join("d");
    detect(&archive, &out_d, &rule);
    assert_eq!(
        json(out_d.join("networks.json"))["networks"],
        net_a["networks"]
    );
    let mut r = csv::Reader::from_path(out_a.join("accounts.csv")).unwrap();
    let handle = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "handle")
        .unwrap();
    let handles: Vec<String> = r
        .records()
        .map(|rec| rec.unwrap()[handle].to_string())
        .collect();
    assert!(
        handles.iter().all(|h| h.starts_with("@ring")),
        "{handles:?}"
    );

    let run = json(out_a.join("run.json"));
    let n = data.len() as u64;
    assert_eq!(run["input"]["files"][0]["format"], "twitter-io");
    assert_eq!(run["input"]["timestamp_forms"]["snowflake_id"], n);
    let notes = run["input"]["notes"].to_string();
    assert!(
        notes.contains(&format!("{n} times were recovered")),
        "{notes}"
    );
    assert_eq!(run["input"]["warnings"], serde_json::json!([]));
}

#[test]
fn minute_times_read_as_minutes_give_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("minutes.csv");
    std::fs::write(
        &input,
        "account_id,timestamp,reshare_of\na,2019-03-01 12:00,x\nb,2019-03-01 12:00,x\nc,2019-03-01 12:01,y\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = detect(&input, &out, &["--window", "10s"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("warning: timestamps have a resolution of 1m but the"),
        "{stderr}"
    );
    let run = json(out.join("run.json"));
    assert_eq!(run["input"]["warnings"].as_array().unwrap().len(), 1);
    assert_eq!(run["input"]["files"][0]["timestamp_resolution_ms"], 60_000);
    // With the default windows (an hour) the same data is fine.
    let o = detect(&input, &dir.path().join("out2"), &[]);
    assert!(!String::from_utf8_lossy(&o.stderr).contains("warning"));
}

#[test]
fn urls_link_accounts_across_platforms_but_ids_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mixed.csv");
    let mut csv = String::from("account_id,timestamp,urls,platform\n");
    for (k, url) in [
        "https://x.example/1",
        "https://x.example/2",
        "https://x.example/3",
        "https://x.example/4",
    ]
    .iter()
    .enumerate()
    {
        let t = 1_700_000_000 + k * 3600;
        for (offset, platform) in ["twitter", "bluesky", "mastodon"].iter().enumerate() {
            // The same raw id "a" on three platforms: three accounts.
            csv.push_str(&format!("a,{},{url},{platform}\n", t + offset));
        }
    }
    std::fs::write(&input, csv).unwrap();
    let out = dir.path().join("out");
    detect(&input, &out, &["--min-evidence", "--window", "1m"]);
    let networks = json(out.join("networks.json"));
    // Written as given they would be one id: they keep their platform, and run.json says so.
    assert_eq!(
        networks["networks"][0]["members"],
        serde_json::json!(["twitter:a", "bluesky:a", "mastodon:a"])
    );
    let run = json(out.join("run.json"));
    assert_eq!(
        run["id_collisions"],
        serde_json::json!({
            "count": 1,
            "ids": [{"id": "a", "platforms": ["bluesky", "mastodon", "twitter"]}],
        })
    );
    let platforms: BTreeSet<String> = csv_rows(out.join("accounts.csv"))
        .into_iter()
        .map(|r| r[11].clone())
        .collect();
    assert_eq!(
        platforms,
        ["bluesky", "mastodon", "twitter"].map(String::from).into()
    );
}

#[test]
fn rejected_rows_can_be_written_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    std::fs::write(
        &input,
        "account_id,timestamp\na,1700000000\nb,1700000001\nc,later\nd,1700000002\n",
    )
    .unwrap();
    let rejects = dir.path().join("rejects.csv");
    detect(
        &input,
        &dir.path().join("out"),
        &["--rejects", rejects.to_str().unwrap()],
    );
    let rows = csv_rows(rejects);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0][1..],
        [
            "4".to_string(),
            "unparseable timestamp".into(),
            "c,later".into()
        ]
    );
}

#[test]
fn help_lists_every_format() {
    let help = String::from_utf8(lockstep(&["detect", "--help"]).stdout).unwrap();
    for format in Format::ALL {
        assert!(
            help.contains(&format!("  {}", format.name())),
            "{format} missing from --help"
        );
    }
    // An unknown format is a usage error.
    let o = lockstep(&["detect", "x.csv", "--out", "o", "--format", "myspace"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("twitter-io"));
}
