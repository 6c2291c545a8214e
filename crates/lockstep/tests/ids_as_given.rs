//! The outputs carry the input's own ids: for every native platform export, accounts.csv joins
//! back onto the export by its account field, evidence.csv onto its post ids, and the platform
//! stands in a column of its own.

mod common;

use common::{detect, lockstep};
use std::collections::BTreeSet;
use std::path::Path;

/// 2024-03-01T10:00:00Z.
const START_S: i64 = 1_709_287_200;
const SNOWFLAKE_EPOCH_MS: i64 = 1_288_834_974_657;

/// One post of the test data: which ring account, which link, when (UNIX seconds).
#[derive(Clone, Copy)]
struct Share {
    account: usize,
    link: usize,
    time_s: i64,
}

/// Three accounts post the same four links within ten seconds of each other, an hour apart.
fn shares() -> Vec<Share> {
    let mut out = Vec::new();
    for link in 0..4 {
        for account in 0..3 {
            out.push(Share {
                account,
                link,
                time_s: START_S + link as i64 * 3600 + account as i64 * 5,
            });
        }
    }
    out
}

fn url(link: usize) -> String {
    format!("https://news.example/story-{link}")
}

fn iso(time_s: i64) -> String {
    chrono::DateTime::from_timestamp(time_s, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%S.000Z")
        .to_string()
}

/// A platform export of [`shares`]: its text, the ring's account ids as the export writes them
/// and the post ids it gives the shares.
struct Export {
    format: &'static str,
    platform: &'static str,
    file: &'static str,
    text: String,
    accounts: [&'static str; 3],
    posts: Vec<String>,
}

/// How one export writes [`shares`].
struct Layout {
    format: &'static str,
    platform: &'static str,
    file: &'static str,
    accounts: [&'static str; 3],
    /// The record of share `n` by `account` and its post id.
    record: fn(n: usize, share: Share, account: &str) -> (String, String),
    /// The file around the records.
    frame: fn(Vec<String>) -> String,
}

impl Layout {
    fn export(&self) -> Export {
        let (records, posts) = shares()
            .into_iter()
            .enumerate()
            .map(|(n, s)| (self.record)(n, s, self.accounts[s.account]))
            .unzip();
        Export {
            format: self.format,
            platform: self.platform,
            file: self.file,
            text: (self.frame)(records),
            accounts: self.accounts,
            posts,
        }
    }
}

fn lines(records: Vec<String>) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

fn formatted(time_s: i64, pattern: &str) -> String {
    chrono::DateTime::from_timestamp(time_s, 0)
        .unwrap()
        .format(pattern)
        .to_string()
}

const LAYOUTS: [Layout; 10] = [
    Layout {
        format: "twitter-io",
        platform: "twitter",
        file: "tweets.csv",
        accounts: ["9f2c41d0a7", "b18e33f6c2", "e07d5a9b41"],
        record: |n, s, u| {
            let id = ((s.time_s * 1000 - SNOWFLAKE_EPOCH_MS) as u64) << 22 | n as u64;
            let minute = formatted(s.time_s, "%Y-%m-%d %H:%M");
            let link = url(s.link);
            let row = format!("{id},{u},{u},{u},1,1,read,{minute},,,False,,,[],\"['{link}']\",[]");
            (row, id.to_string())
        },
        frame: |records| {
            "tweetid,userid,user_display_name,user_screen_name,follower_count,following_count,\
             tweet_text,tweet_time,in_reply_to_tweetid,in_reply_to_userid,is_retweet,\
             retweet_userid,retweet_tweetid,hashtags,urls,user_mentions\n"
                .to_string()
                + &lines(records)
        },
    },
    Layout {
        format: "twitter-v1",
        platform: "twitter",
        file: "tweets.jsonl",
        accounts: ["6253282", "783214", "2244994945"],
        record: |n, s, u| {
            let id = (1_050_118_621_198_921_728u64 + n as u64).to_string();
            let time = formatted(s.time_s, "%a %b %d %H:%M:%S +0000 %Y");
            let link = url(s.link);
            let tweet = format!(
                r#"{{"created_at":"{time}","id_str":"{id}","full_text":"read https://t.co/x{n}","entities":{{"urls":[{{"url":"https://t.co/x{n}","expanded_url":"{link}"}}]}},"user":{{"id_str":"{u}","screen_name":"user{u}"}}}}"#
            );
            (tweet, id)
        },
        frame: lines,
    },
    Layout {
        format: "twitter-v2",
        platform: "twitter",
        file: "pages.jsonl",
        accounts: ["111", "222", "333"],
        record: |n, s, u| {
            let id = (1_101_452_040_577_495_097u64 + n as u64).to_string();
            let (time, link) = (iso(s.time_s), url(s.link));
            let page = format!(
                r#"{{"data":[{{"id":"{id}","author_id":"{u}","created_at":"{time}","text":"read https://t.co/x{n}","entities":{{"urls":[{{"url":"https://t.co/x{n}","expanded_url":"{link}"}}]}}}}]}}"#
            );
            (page, id)
        },
        frame: lines,
    },
    Layout {
        format: "ira-538",
        platform: "twitter",
        file: "IRAhandle_tweets_1.csv",
        accounts: ["TEN_GOP", "Pamela_Moore13", "10_GOP"],
        record: |n, s, u| {
            let id = (914_580_356_430_536_707u64 + n as u64).to_string();
            let time = formatted(s.time_s, "%-m/%-d/%Y %H:%M");
            let (link, author) = (url(s.link), 9_060_000 + s.account);
            let row = format!("{author},{u},read {link},Unknown,English,{time},{time},1,1,1,,Right,0,RightTroll,0,{author},{id},,,,");
            (row, id)
        },
        frame: |records| {
            "external_author_id,author,content,region,language,publish_date,harvested_date,\
             following,followers,updates,post_type,account_type,retweet,account_category,\
             new_june_2018,alt_external_id,tweet_id,article_url,tco1_step1,tco2_step1,tco3_step1\n"
                .to_string()
                + &lines(records)
        },
    },
    Layout {
        format: "crowdtangle",
        platform: "facebook",
        file: "crowdtangle.csv",
        accounts: ["100012345", "100099999", "100077777"],
        record: |n, s, u| {
            let post = format!("https://www.facebook.com/{u}/posts/{n}");
            let time = formatted(s.time_s, "%Y-%m-%d %H:%M:%S UTC");
            let (link, a) = (url(s.link), s.account);
            let row = format!("Page {a},page{a},{u},MEDIA,{time},Link,{post},read,{link},{link}");
            (row, post)
        },
        frame: |records| {
            "Page Name,User Name,Facebook Id,Page Category,Post Created,Type,URL,Message,Link,\
             Final Link\n"
                .to_string()
                + &lines(records)
        },
    },
    Layout {
        format: "bluesky",
        platform: "bluesky",
        file: "jetstream.jsonl",
        accounts: ["did:plc:alice", "did:plc:bob", "did:plc:carol"],
        record: |n, s, did| {
            let rkey = format!("3l3qo2vu{n:05}");
            let (link, time, us) = (url(s.link), iso(s.time_s), s.time_s * 1_000_000);
            let end = 5 + link.len();
            let event = format!(
                r#"{{"did":"{did}","time_us":{us},"kind":"commit","commit":{{"rev":"r{n}","operation":"create","collection":"app.bsky.feed.post","rkey":"{rkey}","record":{{"$type":"app.bsky.feed.post","createdAt":"{time}","text":"read {link}","facets":[{{"index":{{"byteStart":5,"byteEnd":{end}}},"features":[{{"$type":"app.bsky.richtext.facet#link","uri":"{link}"}}]}}]}},"cid":"c{n}"}}}}"#
            );
            (event, format!("at://{did}/app.bsky.feed.post/{rkey}"))
        },
        frame: lines,
    },
    Layout {
        format: "telegram",
        platform: "telegram",
        file: "result.json",
        accounts: ["user1001", "user1002", "user1003"],
        record: |n, s, from| {
            let (id, link, time, a) = (n + 1, url(s.link), s.time_s, s.account);
            let message = format!(
                r#"{{"id":{id},"type":"message","date_unixtime":"{time}","from":"Member {a}","from_id":"{from}","text":"read {link}","text_entities":[{{"type":"plain","text":"read "}},{{"type":"link","text":"{link}"}}]}}"#
            );
            (message, format!("777:{id}"))
        },
        frame: |records| {
            format!(
                r#"{{"name":"Group","type":"public_supergroup","id":777,"messages":[{}]}}"#,
                records.join(",")
            )
        },
    },
    Layout {
        format: "mastodon",
        platform: "mastodon",
        file: "statuses.json",
        accounts: [
            "https://m.example/@alice",
            "https://m.example/@bob",
            "https://other.example/@carol",
        ],
        record: |n, s, account| {
            let (host, name) = account.split_once("/@").unwrap();
            let uri = format!("{host}/users/{name}/statuses/{n}");
            let (time, link, a) = (iso(s.time_s), url(s.link), s.account);
            let status = format!(
                r#"{{"id":"{n}","created_at":"{time}","uri":"{uri}","content":"<p>read <a href=\"{link}\" rel=\"nofollow\">story</a></p>","reblog":null,"account":{{"id":"{a}","username":"{name}","acct":"{name}","url":"{account}"}},"mentions":[],"tags":[]}}"#
            );
            (status, uri)
        },
        frame: |records| format!("[{}]", records.join(",\n")),
    },
    Layout {
        format: "reddit",
        platform: "reddit",
        file: "RS_2016-03.jsonl",
        accounts: ["MLPLite", "alice_r", "bob-r"],
        record: |n, s, author| {
            let (time, link) = (s.time_s, url(s.link));
            let submission = format!(
                r#"{{"id":"p{n}","author":"{author}","created_utc":{time},"subreddit":"news","title":"read","selftext":"","url":"{link}","is_self":false}}"#
            );
            (submission, format!("t3_p{n}"))
        },
        frame: lines,
    },
    Layout {
        format: "cnt",
        platform: "",
        file: "messages.csv",
        accounts: ["u1", "u2", "u3"],
        record: |n, s, user| {
            let id = (1001 + n).to_string();
            let row = format!(
                "{id},{user},name{},,,read,{},{}",
                s.account,
                s.time_s,
                url(s.link)
            );
            (row, id)
        },
        frame: lines,
    },
];

/// Runs `detect` on the link signal with a fixed evidence rule (the ring is too small for the
/// chance model) and `extra` options; panics with its stderr if it fails.
fn detect_links(input: &Path, out: &Path, extra: &[&str]) {
    let rule = [
        "--signals",
        "link",
        "--window",
        "1m",
        "--min-evidence",
        "--min-weight",
        "0",
    ];
    detect(input, out, &[&rule[..], extra].concat());
}

/// The named columns of a CSV file, one map per row.
fn rows(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

#[test]
fn every_native_export_joins_back_on_its_own_ids() {
    for export in LAYOUTS.iter().map(Layout::export) {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join(export.file);
        std::fs::write(&input, &export.text).unwrap();
        let out = dir.path().join("out");
        let what = export.format;
        detect_links(&input, &out, &["--format", what]);

        // accounts.csv joins onto the export's account field, one to one.
        let accounts = rows(&out.join("accounts.csv"));
        let found: BTreeSet<&str> = accounts.iter().map(|r| r["account_id"].as_str()).collect();
        let given: BTreeSet<&str> = export.accounts.iter().copied().collect();
        assert_eq!(found, given, "{what}");
        assert_eq!(accounts.len(), 3, "{what}");
        for row in &accounts {
            assert_eq!(row["platform"], export.platform, "{what}");
            assert_eq!(row["network_id"], "1", "{what}");
        }

        // evidence.csv names the export's posts and links, and its accounts are the same ids.
        let evidence = rows(&out.join("evidence.csv"));
        assert_eq!(evidence.len(), 12, "{what}: 3 pairs x 4 links");
        let posts: BTreeSet<&str> = export.posts.iter().map(String::as_str).collect();
        for row in &evidence {
            for column in ["source_post_id", "target_post_id"] {
                assert!(
                    posts.contains(row[column].as_str()),
                    "{what}: {}",
                    row[column]
                );
            }
            for column in ["source", "target"] {
                assert!(
                    given.contains(row[column].as_str()),
                    "{what}: {}",
                    row[column]
                );
            }
            assert!(
                row["object"].starts_with("news.example/story-"),
                "{what}: {}",
                row["object"]
            );
        }

        // networks.json lists the members by the same ids, and nothing collided.
        let networks: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("networks.json")).unwrap())
                .unwrap();
        let members: BTreeSet<&str> = networks["networks"][0]["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap())
            .collect();
        assert_eq!(members, given, "{what}");
        let run: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
        assert_eq!(run["id_collisions"]["count"], 0, "{what}");
    }
}

#[test]
fn an_accounts_file_and_explain_use_the_ids_as_given() {
    let export = LAYOUTS[0].export();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(export.file);
    std::fs::write(&input, &export.text).unwrap();
    // An accounts file keyed by the export's own ids; one row names its platform.
    let accounts_file = dir.path().join("users.csv");
    std::fs::write(
        &accounts_file,
        format!(
            "account_id,handle,created_at,platform\n{},@first,2024-02-01,\n{},@second,2024-02-02,twitter\n{},@elsewhere,2024-02-03,bluesky\n",
            export.accounts[0], export.accounts[1], export.accounts[2]
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    detect_links(
        &input,
        &out,
        &["--accounts", accounts_file.to_str().unwrap()],
    );
    let handles: BTreeSet<(String, String)> = rows(&out.join("accounts.csv"))
        .into_iter()
        .map(|r| (r["account_id"].clone(), r["handle"].clone()))
        .collect();
    // The bluesky row is another platform's account: the twitter account keeps the profile the
    // archive carries, whose screen name the test data sets to the user id.
    let expected: BTreeSet<(String, String)> = [
        (export.accounts[0], "@first"),
        (export.accounts[1], "@second"),
        (export.accounts[2], export.accounts[2]),
    ]
    .into_iter()
    .map(|(a, h)| (a.to_string(), h.to_string()))
    .collect();
    assert_eq!(handles, expected);

    // explain finds an account by its id as given and by `platform:id`.
    for name in [
        export.accounts[0].to_string(),
        format!("twitter:{}", export.accounts[0]),
    ] {
        let o = lockstep(&["explain", out.to_str().unwrap(), &name, "--json"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["accounts"][0]["id"], export.accounts[0], "{name}");
    }
}
