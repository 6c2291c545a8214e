//! Detecting the format of an input from its first bytes (and, failing that, its name).
//!
//! Platform exports are recognised by the keys of their first JSON object or the names in their
//! CSV header, so that a twitter-io archive named `tweets.csv` is read natively. Anything else is
//! JSON Lines, TSV or CSV, by extension or content.

use crate::format::Format;
use std::path::Path;

/// The Coordination Network Toolkit's column order; its files normally have no header.
pub(crate) const CNT_COLUMNS: [&str; 8] = [
    "message_id",
    "user_id",
    "username",
    "repost_id",
    "reply_id",
    "message",
    "timestamp",
    "urls",
];

/// The format of an input whose decompressed content starts with `head`.
pub(crate) fn detect(head: &[u8], path: Option<&Path>) -> Format {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    native(head)
        .or_else(|| path.and_then(from_name))
        .unwrap_or_else(|| generic(head))
}

/// A platform export recognised by its keys or header names.
fn native(head: &[u8]) -> Option<Format> {
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') | Some(b'[') => native_json(&json_keys(head)),
        Some(_) => native_csv(head),
        None => None,
    }
}

fn native_json(keys: &[&str]) -> Option<Format> {
    let has = |k: &str| keys.contains(&k);
    if has("time_us") && has("did") {
        Some(Format::Bluesky)
    } else if has("messages") || has("personal_information") || (has("chats") && has("list")) {
        Some(Format::Telegram)
    } else if has("subreddit") {
        Some(Format::Reddit)
    } else if has("reblog") || (has("account") && has("content") && has("uri")) {
        Some(Format::Mastodon)
    } else if has("id_str") {
        Some(Format::TwitterV1)
    } else if (has("data") && (has("includes") || has("meta") || has("__twarc")))
        || (has("author_id")
            && [
                "edit_history_tweet_ids",
                "referenced_tweets",
                "conversation_id",
                "__twarc",
            ]
            .iter()
            .any(|k| has(k)))
    {
        Some(Format::TwitterV2)
    } else {
        None
    }
}

/// Every `"name":` in `head`: the keys of the objects that start there (and some string values
/// followed by a colon, which the rules above tolerate).
fn json_keys(head: &[u8]) -> Vec<&str> {
    let mut keys = Vec::new();
    let mut rest = head;
    while let Some(open) = rest.iter().position(|&b| b == b'"') {
        let after = &rest[open + 1..];
        let Some(close) = after.iter().position(|&b| b == b'"' || b == b'\\') else {
            break;
        };
        let tail = &after[close + 1..];
        let colon = tail.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':');
        if after[close] == b'"' && colon {
            if let Ok(key) = std::str::from_utf8(&after[..close]) {
                keys.push(key);
            }
        }
        rest = &after[close + 1..];
    }
    keys
}

fn native_csv(head: &[u8]) -> Option<Format> {
    let first = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let record = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(first)
        .records()
        .next()?
        .ok()?;
    let names: Vec<String> = record
        .iter()
        .map(|n| n.trim().to_ascii_lowercase())
        .collect();
    let has = |k: &str| names.iter().any(|n| n == k);
    if has("tweetid") && has("userid") && has("tweet_time") {
        Some(Format::TwitterIo)
    } else if has("author") && has("content") && has("publish_date") {
        Some(Format::Ira538)
    } else if has("post created")
        && [
            "facebook id",
            "user name",
            "account",
            "page name",
            "group name",
        ]
        .iter()
        .any(|k| has(k))
    {
        Some(Format::CrowdTangle)
    } else if names == CNT_COLUMNS || looks_like_cnt_row(&names) {
        Some(Format::Cnt)
    } else {
        None
    }
}

/// A headerless row of eight fields whose seventh is an epoch number.
fn looks_like_cnt_row(fields: &[String]) -> bool {
    fields.len() == CNT_COLUMNS.len()
        && !fields[0].is_empty()
        && !fields[6].is_empty()
        && fields[6].parse::<f64>().is_ok_and(|t| t.is_finite())
}

fn from_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let stem = ["gz", "gzip", "zst", "zstd"]
        .iter()
        .find_map(|ext| name.strip_suffix(&format!(".{ext}")))
        .unwrap_or(&name);
    match stem.rsplit_once('.')?.1 {
        "csv" => Some(Format::Csv),
        "tsv" | "tab" => Some(Format::Tsv),
        "jsonl" | "ndjson" | "json" => Some(Format::JsonLines),
        "parquet" | "pq" => Some(Format::Parquet),
        "arrow" | "arrows" | "feather" | "ipc" => Some(Format::ArrowIpc),
        _ => None,
    }
}

/// JSON Lines when the first non-blank byte opens an object; TSV when the first line has more
/// tabs than commas; CSV otherwise.
fn generic(head: &[u8]) -> Format {
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        return Format::JsonLines;
    }
    let line = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let tabs = line.iter().filter(|&&b| b == b'\t').count();
    let commas = line.iter().filter(|&&b| b == b',').count();
    if tabs > commas {
        Format::Tsv
    } else {
        Format::Csv
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn sniff(head: &str) -> Format {
        detect(head.as_bytes(), None)
    }

    #[test]
    fn generic_formats() {
        assert_eq!(sniff("  {\"a\":1}\n"), Format::JsonLines);
        assert_eq!(sniff("\u{feff}{\"a\":1}"), Format::JsonLines);
        assert_eq!(sniff("a\tb\tc\n1,2\t3\t4"), Format::Tsv);
        assert_eq!(sniff("a,b,c\n"), Format::Csv);
        assert_eq!(sniff(""), Format::Csv);
        assert_eq!(
            sniff("account_id,post_id,timestamp,text,urls,hashtags,mentions,reshare_of\n"),
            Format::Csv
        );
    }

    #[test]
    fn native_formats() {
        assert_eq!(
            sniff("{\"did\":\"did:plc:x\",\"time_us\":1,\"kind\":\"commit\"}"),
            Format::Bluesky
        );
        assert_eq!(
            sniff("{\n \"name\": \"c\",\n \"type\": \"public_channel\",\n \"id\": 1,\n \"messages\": ["),
            Format::Telegram
        );
        assert_eq!(
            sniff("{\"about\": \"x\", \"personal_information\": {"),
            Format::Telegram
        );
        assert_eq!(sniff("{\"id\":\"a\",\"subreddit\":\"x\"}"), Format::Reddit);
        assert_eq!(sniff("[{\"id\":\"1\",\"reblog\":null}]"), Format::Mastodon);
        assert_eq!(sniff("{\"id_str\":\"1\",\"user\":{}}"), Format::TwitterV1);
        assert_eq!(
            sniff("{\"data\":[{\"id\":\"1\"}],\"includes\":{}}"),
            Format::TwitterV2
        );
        assert_eq!(
            sniff("{\"id\":\"1\",\"author_id\":\"2\",\"conversation_id\":\"1\"}"),
            Format::TwitterV2
        );
        assert_eq!(
            sniff("\"tweetid\",\"userid\",\"user_display_name\",\"tweet_time\"\n"),
            Format::TwitterIo
        );
        assert_eq!(
            sniff("external_author_id,author,content,region,language,publish_date\n"),
            Format::Ira538
        );
        assert_eq!(
            sniff("Page Name,User Name,Facebook Id,Post Created,URL,Message\n"),
            Format::CrowdTangle
        );
        assert_eq!(sniff("m1,u1,alice,,,hello,1600000000,\n"), Format::Cnt);
        assert_eq!(sniff(&format!("{}\n", CNT_COLUMNS.join(","))), Format::Cnt);
    }

    #[test]
    fn native_content_wins_over_the_extension() {
        let path = PathBuf::from("x/ira_tweets_csv_hashed.csv.gz");
        assert_eq!(
            detect(b"tweetid,userid,tweet_time\n", Some(&path)),
            Format::TwitterIo
        );
        assert_eq!(detect(b"a,b\n", Some(&path)), Format::Csv);
        let f = |s: &str| from_name(&PathBuf::from(s));
        assert_eq!(f("posts.NDJSON.zst"), Some(Format::JsonLines));
        assert_eq!(f("posts.tsv"), Some(Format::Tsv));
        assert_eq!(f("posts.gz"), None);
        assert_eq!(f("posts"), None);
    }
}
