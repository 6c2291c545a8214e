//! Arbitrary bytes into every reader: no panic, and every row read is either used or counted as
//! rejected. Inputs start with each format's header or a typical first record, then random or
//! mutated bytes, so the readers get past detection and header checks.

use lockstep_ingest::{read_posts, Format, IngestOptions, Input};
use proptest::prelude::*;
use std::path::PathBuf;

/// A plausible start for each format, so random tails reach the row parsers.
fn prefix(format: Format) -> &'static str {
    match format {
        Format::Csv => "account_id,post_id,timestamp,text,urls,reshare_of\n",
        Format::Tsv => "account_id\tpost_id\ttimestamp\ttext\n",
        Format::JsonLines => "{\"account_id\":\"a\",\"timestamp\":1700000000}\n",
        Format::Parquet => "PAR1",
        Format::ArrowIpc => "ARROW1\0\0",
        Format::TwitterV2 => "{\"data\":[{\"id\":\"1\",\"author_id\":\"2\",\"created_at\":\"2020-01-01T00:00:00Z\"}],\"includes\":{}}\n",
        Format::TwitterV1 => "{\"id_str\":\"1\",\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"user\":{\"id_str\":\"2\"}}\n",
        Format::TwitterIo => "tweetid,userid,tweet_time,is_retweet,retweet_tweetid,hashtags,urls\n",
        Format::Ira538 => "author,content,publish_date,tweet_id\n",
        Format::CrowdTangle => "Page Name,User Name,Facebook Id,Post Created,URL,Message,Link\n",
        Format::Bluesky => "{\"did\":\"d\",\"time_us\":1,\"kind\":\"commit\",\"commit\":{\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"r\",\"record\":{}}}\n",
        Format::Telegram => "{\"id\": 1, \"messages\": [{\"id\": 1, \"type\": \"message\", \"from_id\": \"u\", \"date_unixtime\": \"1\"},",
        Format::Mastodon => "[{\"id\":\"1\",\"created_at\":\"2020-01-01T00:00:00Z\",\"account\":{\"url\":\"u\"},\"reblog\":null},",
        Format::Reddit => "{\"id\":\"1\",\"author\":\"a\",\"created_utc\":1,\"subreddit\":\"s\"}\n",
        Format::Cnt => "1,u,n,,,m,1600000000,\n",
    }
}

/// Bytes that often matter to the parsers, mixed into the random tails.
fn tail() -> impl Strategy<Value = Vec<u8>> {
    let special = prop::sample::select(vec![
        b',', b'\t', b'\n', b'\r', b'"', b'\'', b'[', b']', b'{', b'}', b':', b'\\', b'#', b'@',
        b'0', b'1', b'9', b' ', 0xEF, 0xBB, 0xBF, 0xFF, 0x00,
    ]);
    prop::collection::vec(prop_oneof![any::<u8>(), special], 0..600)
}

fn check(format: Format, detect: bool, bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("input");
    std::fs::write(&path, bytes).unwrap();
    let options = IngestOptions {
        format: (!detect).then_some(format),
        // Never fail on the rejection rate, so the accounting is always returned and checked.
        max_rejected_fraction: 1.0,
        min_rows_for_failure: u64::MAX,
        ..IngestOptions::default()
    };
    let mut passed = 0u64;
    // An error is a defined outcome (broken document, bad header); a panic is not.
    if let Ok(acc) = read_posts(&[Input::Path(path)], &options, &mut |_| passed += 1) {
        let file = &acc.files[0];
        prop_assert_eq!(file.rows_used, passed);
        prop_assert_eq!(file.rows_read, file.rows_used + file.rows_rejected());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_reader_survives_arbitrary_tails(
        format in prop::sample::select(Format::ALL.to_vec()),
        detect in any::<bool>(),
        tail in tail(),
    ) {
        let mut bytes = prefix(format).as_bytes().to_vec();
        bytes.extend_from_slice(&tail);
        check(format, detect, &bytes)?;
    }

    #[test]
    fn every_reader_survives_arbitrary_bytes(
        format in prop::sample::select(Format::ALL.to_vec()),
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        check(format, false, &bytes)?;
    }

    #[test]
    fn every_reader_survives_mutated_fixtures(
        fixture in prop::sample::select(vec![
            "twitter_io.csv", "twitter_v2.jsonl", "twitter_v1.jsonl", "ira_538.csv",
            "crowdtangle.csv", "bluesky.jsonl", "telegram.json", "mastodon.json",
            "reddit.jsonl", "cnt.csv",
        ]),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixture);
        let mut bytes = std::fs::read(path).unwrap();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        for format in Format::ALL {
            check(format, false, &bytes)?;
        }
        check(Format::Csv, true, &bytes)?;
    }
}
