//! Every native reader on its hand-written fixture (tests/fixtures), detected from content.
//! Expected times were worked out by hand from the fixtures (snowflake ids: `(id >> 22) +
//! 1288834974657` ms).

use lockstep_ingest::{
    read_posts, Accounting, Format, IngestError, IngestOptions, Input, RejectReason, TimestampForm,
};
use std::path::PathBuf;

/// What the tests look at in each record, owned.
#[derive(Debug, Default, PartialEq)]
struct Row {
    line: u64,
    account: String,
    post: Option<String>,
    time: i64,
    text: Option<String>,
    urls: Vec<String>,
    hashtags: Vec<String>,
    mentions: Vec<String>,
    media: Vec<String>,
    reshare_of: Option<String>,
    reply_to: Option<String>,
    object: Option<String>,
    community: Option<String>,
    client: Option<String>,
    handle: Option<String>,
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read_as(name: &str, format: Option<Format>) -> Result<(Vec<Row>, Accounting), IngestError> {
    let options = IngestOptions {
        format,
        ..IngestOptions::default()
    };
    let owned = |s: &Option<std::borrow::Cow<str>>| s.as_ref().map(|s| s.to_string());
    let mut rows = Vec::new();
    let acc = read_posts(&[Input::Path(fixture(name))], &options, &mut |r| {
        rows.push(Row {
            line: r.line,
            account: r.account_id.to_string(),
            post: owned(&r.post_id),
            time: r.time,
            text: owned(&r.text),
            urls: r.urls.iter().map(|s| s.to_string()).collect(),
            hashtags: r.hashtags.iter().map(|s| s.to_string()).collect(),
            mentions: r.mentions.iter().map(|s| s.to_string()).collect(),
            media: r.media.iter().map(|s| s.to_string()).collect(),
            reshare_of: owned(&r.reshare_of),
            reply_to: owned(&r.reply_to),
            object: owned(&r.object_id),
            community: owned(&r.community),
            client: owned(&r.client),
            handle: r.profile.and_then(|p| p.handle.clone()),
        })
    })?;
    Ok((rows, acc))
}

/// Reads a fixture with detection and checks the detected format and the row counts.
fn read(
    name: &str,
    format: &str,
    used: u64,
    rejected: &[(RejectReason, u64)],
) -> (Vec<Row>, Accounting) {
    let (rows, acc) = read_as(name, None).unwrap();
    let file = &acc.files[0];
    assert_eq!(file.format, format);
    assert_eq!(file.rows_used, used);
    let got: Vec<(RejectReason, u64)> = file
        .rejected
        .iter()
        .map(|(r, t)| (*r, t.first_line))
        .collect();
    assert_eq!(got, rejected);
    assert_eq!(file.rows_read, file.rows_used + file.rows_rejected());
    (rows, acc)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

const HASH_A: &str = "3f5a0c0d9b1e4a7f8c2d6e1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19";

#[test]
fn twitter_io_archive() {
    let (rows, acc) = read(
        "twitter_io.csv",
        "twitter-io",
        4,
        &[(RejectReason::UnparseableTimestamp, 6)],
    );
    let a = format!("twitter:{HASH_A}");
    assert_eq!(rows[0].account, a);
    assert_eq!(rows[0].post.as_deref(), Some("twitter:1101452040577495097"));
    // 2019-03-01 12:00 in the file; the id says 12:00:05.120.
    assert_eq!(rows[0].time, 1_551_441_605_120);
    assert_eq!(rows[0].urls, strings(&["http://dlvr.it/PgB3PP"]));
    assert_eq!(rows[0].hashtags, strings(&["CIB", "news"]));
    assert_eq!(rows[0].mentions, strings(&["111"]));
    assert_eq!(rows[0].handle.as_deref(), Some(HASH_A));
    assert_eq!(rows[0].client.as_deref(), Some("IFTTT"));
    assert_eq!(rows[1].client, None);
    // The retweet: only the reshare, not the original's entities.
    assert_eq!(rows[1].reshare_of.as_deref(), Some("1101452040577495097"));
    assert!(rows[1].hashtags.is_empty() && rows[1].text.is_none());
    assert_eq!(rows[1].time, 1_551_441_609_450);
    assert_eq!(rows[1].handle.as_deref(), Some("realname"));
    // The in-reply-to columns are in the swapped order of one release: found by name.
    assert_eq!(rows[2].reply_to.as_deref(), Some("1101452040577495097"));
    assert_eq!(rows[2].time, 1_551_441_631_007);
    // A pre-snowflake id cannot refine its 2009 time.
    assert_eq!(rows[3].time, 1_241_172_000_000);
    assert_eq!(rows[3].object.as_deref(), Some("quote:1101452040577495097"));
    let forms = &acc.files[0].timestamp_forms;
    assert_eq!(forms[&TimestampForm::SnowflakeId], 3);
    assert_eq!(forms[&TimestampForm::ZonelessUtc], 1);
}

#[test]
fn twitter_io_profiles_parse_counts() {
    let options = IngestOptions::default();
    let mut profiles = Vec::new();
    read_posts(
        &[Input::Path(fixture("twitter_io.csv"))],
        &options,
        &mut |r| profiles.push(r.profile.cloned().unwrap()),
    )
    .unwrap();
    assert_eq!(profiles[0].followers, Some(120));
    assert_eq!(profiles[0].following, Some(1234));
    assert_eq!(profiles[0].created_at.as_deref(), Some("2017-01-05"));
    assert_eq!(profiles[1].display_name.as_deref(), Some("Real Name"));
}

#[test]
fn twitter_v2_pages_and_flattened_tweets() {
    let (rows, acc) = read(
        "twitter_v2.jsonl",
        "twitter-v2",
        4,
        &[
            (RejectReason::NotAnObject, 6),
            (RejectReason::UnrecognisedRecord, 5),
            (RejectReason::DuplicatePostId, 4),
        ],
    );
    assert_eq!(
        acc.files[0]
            .skipped
            .get("twitter-v2 response without tweets"),
        Some(&1)
    );
    assert_eq!(
        rows[0],
        Row {
            line: 1,
            account: "twitter:2244994945".into(),
            post: Some("twitter:1101452040577495097".into()),
            time: 1_551_441_605_000,
            text: Some("Read this #CIB https://t.co/abc @TwitterDev".into()),
            urls: strings(&["https://example.org/story"]),
            hashtags: strings(&["CIB"]),
            mentions: strings(&["2244994945"]),
            media: strings(&["3_1101452040577495097"]),
            handle: Some("TwitterDev".into()),
            client: Some("Twitter Web App".into()),
            ..Row::default()
        }
    );
    assert_eq!(rows[1].reshare_of.as_deref(), Some("1101452040577495097"));
    assert!(rows[1].hashtags.is_empty() && rows[1].handle.is_none());
    assert_eq!(rows[2].reply_to.as_deref(), Some("1101452040577495097"));
    assert_eq!(rows[2].object.as_deref(), Some("quote:20"));
    assert_eq!((rows[3].line, rows[3].time), (2, 1_551_441_662_000));
    assert_eq!(rows[3].handle.as_deref(), Some("Twitter"));
    assert_eq!(rows[3].hashtags, strings(&["two"]));
}

#[test]
fn twitter_v1_tweets() {
    let (rows, acc) = read(
        "twitter_v1.jsonl",
        "twitter-v1",
        3,
        &[(RejectReason::UnparseableTimestamp, 5)],
    );
    assert_eq!(
        acc.files[0].skipped.get("twitter-v1 stream notice"),
        Some(&1)
    );
    assert_eq!(rows[0].account, "twitter:6253282");
    // Wed Oct 10 20:19:24 +0000 2018
    assert_eq!(rows[0].time, 1_539_202_764_000);
    assert_eq!(
        rows[0].urls,
        strings(&["https://blog.example.com/expression"])
    );
    assert_eq!(rows[0].hashtags, strings(&["Twitter"]));
    assert_eq!(rows[0].handle.as_deref(), Some("TwitterAPI"));
    // The client, from the link the API gives as `source`.
    assert_eq!(rows[0].client.as_deref(), Some("Twitter Web App"));
    assert_eq!(rows[1].client, None);
    assert_eq!(rows[1].reshare_of.as_deref(), Some("1050118621198921728"));
    assert!(rows[1].hashtags.is_empty());
    assert_eq!(
        rows[2].text.as_deref(),
        Some("@TwitterAPI nice, longer text")
    );
    assert_eq!(rows[2].reply_to.as_deref(), Some("1050118621198921728"));
    assert_eq!(rows[2].mentions, strings(&["6253282"]));
    assert_eq!(rows[2].object.as_deref(), Some("quote:1050118621198921728"));
}

#[test]
fn ira_538_retweets_become_stable_targets() {
    let (rows, acc) = read(
        "ira_538.csv",
        "ira-538",
        3,
        &[(RejectReason::UnparseableTimestamp, 5)],
    );
    assert_eq!(rows[0].account, "twitter:10_GOP");
    assert_eq!(rows[0].post.as_deref(), Some("twitter:914580356430536707"));
    // 10/1/2017 19:58 in the file; the id says 19:58:43.711.
    assert_eq!(rows[0].time, 1_506_887_923_711);
    // The t.co link leads where tco1_step1 says.
    assert_eq!(rows[0].urls, strings(&["https://example.com/senator"]));
    assert_eq!(rows[0].hashtags, strings(&["news"]));
    let target = "@10_gop:we have a sitting democrat us senator on trial for corruption #news";
    assert_eq!(rows[1].reshare_of.as_deref(), Some(target));
    assert_eq!(rows[1].time, 1_506_887_929_568);
    // Another retweet of the same tweet, truncated and differently cased, without an id.
    assert_eq!(rows[2].reshare_of.as_deref(), Some(target));
    assert_eq!(
        (rows[2].post.as_deref(), rows[2].time),
        (None, 1_506_887_940_000)
    );
    assert_eq!(acc.files[0].timestamp_forms[&TimestampForm::SnowflakeId], 2);
}

/// The dataset as its files are: retweets flagged in `retweet` and `post_type`, their content
/// the retweeted text without `RT @`; here re-saved by a spreadsheet, with two-digit years and
/// ids in scientific notation.
#[test]
fn ira_538_flagged_retweets_and_a_resaved_file() {
    let (rows, _) = read("ira_538_resaved.csv", "ira-538", 4, &[]);
    // 10/1/17 19:58 UTC; the id 9.1458E+17 names no tweet.
    assert_eq!(
        (rows[0].post.as_deref(), rows[0].time),
        (None, 1_506_887_880_000)
    );
    // Its only expanded link is its own video: no link, and not the t.co one either.
    assert!(rows[0].urls.is_empty(), "{:?}", rows[0].urls);
    assert_eq!(rows[0].hashtags, strings(&["anthem"]));
    // Two accounts' retweets of one tweet, spaced differently: one target, no tags of theirs.
    let target = "retweet:daughter of fallen navy sailor delivers powerful monologue on anthem \
                  protests. #boycottnfl https://t.co/qDlFBGMeag";
    assert_eq!(rows[1].reshare_of.as_deref(), Some(target));
    assert_eq!(rows[2].reshare_of.as_deref(), Some(target));
    assert!(rows[1].hashtags.is_empty() && rows[1].urls.is_empty());
    assert_eq!(rows[2].account, "twitter:TEN_GOP");
    assert_eq!(rows[2].time, 1_506_898_320_000);
    // 10/1/17 3:47: the article the t.co link leads to.
    assert_eq!(rows[3].time, 1_506_829_620_000);
    assert_eq!(
        rows[3].urls,
        strings(&["http://www.cnn.com/2017/09/27/us/puerto-rico-aid-problem/index.html"])
    );
}

#[test]
fn crowdtangle_facebook_export() {
    let (rows, _) = read(
        "crowdtangle.csv",
        "crowdtangle",
        2,
        &[(RejectReason::UnparseableTimestamp, 4)],
    );
    assert_eq!(rows[0].account, "facebook:100012345");
    assert_eq!(rows[0].community.as_deref(), Some("Example News"));
    assert_eq!(
        rows[0].post.as_deref(),
        Some("facebook:https://www.facebook.com/examplenews/posts/1")
    );
    // 2021-07-06 16:45:20 EDT = 20:45:20 UTC.
    assert_eq!(rows[0].time, 1_625_604_320_000);
    assert_eq!(
        rows[0].urls,
        strings(&["https://example.org/story", "https://bit.ly/x"])
    );
    assert_eq!(rows[0].hashtags, strings(&["story"]));
    assert_eq!(rows[0].handle.as_deref(), Some("examplenews"));
    assert_eq!(rows[1].time, 1_625_604_330_000);
    assert!(rows[1].urls.is_empty());
}

#[test]
fn bluesky_jetstream_events() {
    let (rows, acc) = read(
        "bluesky.jsonl",
        "bluesky",
        4,
        &[(RejectReason::UnparseableTimestamp, 9)],
    );
    let skipped: Vec<(&str, u64)> = acc.files[0].skipped.iter().map(|(k, n)| (*k, *n)).collect();
    assert_eq!(
        skipped,
        vec![
            ("bluesky account event", 1),
            ("bluesky delete", 1),
            ("bluesky identity event", 1),
            ("bluesky other collection", 1),
        ]
    );
    let post = "at://did:plc:alice/app.bsky.feed.post/3l3qo2vuowo2b";
    assert_eq!(rows[0].account, "bluesky:did:plc:alice");
    assert_eq!(rows[0].post, Some(format!("bluesky:{post}")));
    assert_eq!(rows[0].time, 1_725_911_162_329);
    assert_eq!(rows[0].urls, strings(&["https://example.org/a"]));
    assert_eq!(rows[0].hashtags, strings(&["cib"]));
    assert_eq!(rows[0].mentions, strings(&["did:plc:bob"]));
    assert_eq!(
        rows[0].reply_to.as_deref(),
        Some("at://did:plc:carol/app.bsky.feed.post/3l3parent")
    );
    assert_eq!(rows[1].reshare_of.as_deref(), Some(post));
    assert_eq!(rows[1].time, 1_725_911_163_000);
    assert_eq!(rows[2].object, Some(format!("like:{post}")));
    assert_eq!(rows[3].object.as_deref(), Some("follow:did:plc:alice"));
}

#[test]
fn telegram_desktop_export() {
    let (rows, acc) = read(
        "telegram.json",
        "telegram",
        3,
        &[(RejectReason::MissingAccount, 87)],
    );
    assert_eq!(
        acc.files[0].skipped.get("telegram service message"),
        Some(&1)
    );
    assert_eq!(
        rows[0],
        Row {
            line: 58,
            account: "telegram:channel1001234567".into(),
            post: Some("telegram:1001234567:2".into()),
            time: 1_704_448_805_000,
            text: Some("Read https://example.org/a and this #news @someone".into()),
            urls: strings(&["https://example.org/a", "https://example.org/b"]),
            hashtags: strings(&["news"]),
            mentions: strings(&["someone"]),
            community: Some("1001234567".into()),
            ..Row::default()
        }
    );
    assert_eq!(
        rows[1].reshare_of.as_deref(),
        Some("@other channel:forwarded story")
    );
    assert_eq!(rows[2].reply_to.as_deref(), Some("1001234567:2"));
    // Without date_unixtime, the zone-less local date is read as UTC (and counted as such).
    assert_eq!(rows[2].time, 1_704_448_920_000);
    assert_eq!(acc.files[0].timestamp_forms[&TimestampForm::ZonelessUtc], 1);
}

#[test]
fn mastodon_statuses_array() {
    let (rows, _) = read(
        "mastodon.json",
        "mastodon",
        2,
        &[(RejectReason::UnparseableTimestamp, 4)],
    );
    let status = "https://m.example/users/alice/statuses/109000000000000001";
    assert_eq!(rows[0].account, "mastodon:https://m.example/@alice");
    assert_eq!(rows[0].post, Some(format!("mastodon:{status}")));
    assert_eq!(rows[0].time, 1_709_287_200_123);
    assert_eq!(rows[0].urls, strings(&["https://news.example/story"]));
    assert_eq!(rows[0].hashtags, strings(&["cib"]));
    assert_eq!(rows[0].mentions, strings(&["bob"]));
    assert_eq!(rows[0].media, strings(&["22"]));
    assert_eq!(rows[0].handle.as_deref(), Some("alice"));
    assert_eq!(rows[0].client.as_deref(), Some("Tusky"));
    assert_eq!(rows[1].client, None);
    assert_eq!(rows[1].reshare_of.as_deref(), Some(status));
    assert_eq!(rows[1].account, "mastodon:https://other.example/@carol");
    // The instance, from the account's profile URL.
    assert_eq!(rows[0].community.as_deref(), Some("m.example"));
    assert_eq!(rows[1].community.as_deref(), Some("other.example"));
}

#[test]
fn mastodon_statuses_one_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("statuses.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"1\",\"uri\":\"https://m.example/s/1\",\"created_at\":\"2024-03-01T10:00:00Z\",\"content\":\"<p>hi</p>\",\"reblog\":null,\"account\":{\"url\":\"https://m.example/@a\"}}\n",
    )
    .unwrap();
    let mut n = 0;
    let acc = read_posts(&[Input::Path(path)], &IngestOptions::default(), &mut |r| {
        assert_eq!(r.text.as_deref(), Some("hi"));
        n += 1;
    })
    .unwrap();
    assert_eq!((n, acc.files[0].format.as_str()), (1, "mastodon"));
}

#[test]
fn reddit_submissions_and_comments() {
    let (rows, _) = read(
        "reddit.jsonl",
        "reddit",
        7,
        &[
            (RejectReason::MissingAccount, 4),
            (RejectReason::DuplicatePostId, 7),
        ],
    );
    assert_eq!(rows[0].post.as_deref(), Some("reddit:t3_abc123"));
    assert_eq!(rows[0].account, "reddit:alice");
    assert_eq!(
        rows.iter()
            .map(|r| r.community.as_deref())
            .collect::<Vec<_>>()[..3],
        [Some("news"), Some("politics"), Some("news")]
    );
    assert_eq!(rows[0].time, 1_600_000_000_000);
    assert_eq!(rows[0].urls, strings(&["https://example.org/story"]));
    assert_eq!(rows[1].reshare_of.as_deref(), Some("t3_abc123"));
    assert!(rows[1].urls.is_empty());
    assert_eq!(rows[2].post.as_deref(), Some("reddit:t1_ghi789"));
    assert_eq!(rows[2].reply_to.as_deref(), Some("t3_abc123"));
    assert_eq!(rows[2].urls, strings(&["https://example.org/more"]));
    assert_eq!(rows[3].urls, strings(&["https://example.org/x"]));
    // The API's listings: a submission, then a thread (the same submission again, a
    // duplicate; a comment, its nested reply, and a placeholder for replies not loaded).
    assert_eq!(rows[4].post.as_deref(), Some("reddit:t3_vtvuk"));
    assert_eq!(rows[4].time, 1_341_031_500_000);
    assert_eq!(rows[4].urls, strings(&["http://imgur.com/R8l90"]));
    assert_eq!(
        (rows[5].account.as_str(), rows[5].reply_to.as_deref()),
        ("reddit:frank", Some("t3_vtvuk"))
    );
    assert_eq!(
        rows[5].urls,
        strings(&["https://x.org/a", "https://x.org/a"])
    );
    assert_eq!(
        (rows[6].account.as_str(), rows[6].reply_to.as_deref()),
        ("reddit:gina", Some("t1_c2"))
    );
    assert_eq!(rows[5].line, 7);
    assert_eq!(rows[6].line, 7);
}

#[test]
fn coordination_network_toolkit_csv() {
    let (rows, _) = read(
        "cnt.csv",
        "cnt",
        3,
        &[
            (RejectReason::MissingAccount, 5),
            (RejectReason::WrongFieldCount, 4),
        ],
    );
    assert_eq!(
        rows[0],
        Row {
            line: 1,
            account: "u1".into(),
            post: Some("1001".into()),
            time: 1_600_000_000_000,
            text: Some("First message https://example.org/a".into()),
            urls: strings(&["https://example.org/a"]),
            ..Row::default()
        }
    );
    assert_eq!(rows[1].reshare_of.as_deref(), Some("1001"));
    assert_eq!(rows[2].reply_to.as_deref(), Some("1001"));
    assert_eq!(rows[2].time, 1_600_000_009_500);
    assert_eq!(rows[2].urls.len(), 2);
}

#[test]
fn forcing_a_format_overrides_detection() {
    // The archive read as generic CSV has no canonical columns: a clear error, not guesswork.
    let err = read_as("twitter_io.csv", Some(Format::Csv)).unwrap_err();
    assert!(err.to_string().contains("no 'account_id' column"), "{err}");
    // And a CNT file forced as twitter-io lacks the archive's columns.
    let err = read_as("cnt.csv", Some(Format::TwitterIo)).unwrap_err();
    assert!(
        err.to_string()
            .contains("missing column(s): tweetid, userid, tweet_time"),
        "{err}"
    );
    let (rows, _) = read_as("cnt.csv", Some(Format::Cnt)).unwrap();
    assert_eq!(rows.len(), 3);
}

#[test]
fn ids_are_scoped_by_platform_across_inputs() {
    // The same tweet in v1 and v2 form is one post: the second is a duplicate.
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("v1.jsonl");
    let v2 = dir.path().join("v2.jsonl");
    std::fs::write(&v1, "{\"id_str\":\"77\",\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"user\":{\"id_str\":\"5\"},\"text\":\"x\"}\n").unwrap();
    std::fs::write(&v2, "{\"id\":\"77\",\"author_id\":\"5\",\"conversation_id\":\"77\",\"created_at\":\"2018-10-10T20:19:24Z\",\"text\":\"x\"}\n").unwrap();
    let reddit = dir.path().join("r.jsonl");
    std::fs::write(&reddit, "{\"name\":\"77\",\"author\":\"5\",\"created_utc\":1539202764,\"subreddit\":\"s\",\"title\":\"x\"}\n").unwrap();
    let mut accounts = Vec::new();
    let acc = read_posts(
        &[Input::Path(v1), Input::Path(v2), Input::Path(reddit)],
        &IngestOptions::default(),
        &mut |r| accounts.push(r.account_id.to_string()),
    );
    let err = acc.unwrap_err();
    // v2's only row is a duplicate: nothing usable in that input is an error naming it.
    assert!(err.to_string().contains("v2.jsonl"), "{err}");
    assert!(err.to_string().contains("duplicate post id"), "{err}");
    assert_eq!(accounts, vec!["twitter:5"]);
}
