//! The input formats: the generic tabular and line formats, and the native platform exports.

use std::fmt;
use std::str::FromStr;

/// An input format, chosen with `--format NAME` or detected from the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Comma-separated values with a header row, canonical or mapped columns.
    Csv,
    /// Tab-separated values with a header row (no quoting).
    Tsv,
    /// One JSON object per line, canonical or mapped keys.
    JsonLines,
    /// Apache Parquet, canonical or mapped columns.
    Parquet,
    /// Arrow IPC (the file or the stream format, also known as Feather v2), canonical or
    /// mapped columns.
    ArrowIpc,
    /// X API v2 responses as written by twarc2 (one page per line), or flattened tweets.
    TwitterV2,
    /// X API v1.1 tweets, one per line.
    TwitterV1,
    /// The X information-operations archive tweets CSV.
    TwitterIo,
    /// The FiveThirtyEight/Clemson Russian troll tweets CSV.
    Ira538,
    /// CrowdTangle CSV exports of Facebook and Instagram posts.
    CrowdTangle,
    /// Bluesky Jetstream events, one per line.
    Bluesky,
    /// A Telegram Desktop `result.json` export.
    Telegram,
    /// Mastodon API statuses: a JSON array or one status per line.
    Mastodon,
    /// Pushshift-style Reddit submissions and comments, one per line.
    Reddit,
    /// The Coordination Network Toolkit's headerless CSV.
    Cnt,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 15] = [
        Format::Csv,
        Format::Tsv,
        Format::JsonLines,
        Format::Parquet,
        Format::ArrowIpc,
        Format::TwitterV2,
        Format::TwitterV1,
        Format::TwitterIo,
        Format::Ira538,
        Format::CrowdTangle,
        Format::Bluesky,
        Format::Telegram,
        Format::Mastodon,
        Format::Reddit,
        Format::Cnt,
    ];

    /// Lowercase name as used by `--format` and in run.json.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::JsonLines => "jsonl",
            Format::Parquet => "parquet",
            Format::ArrowIpc => "arrow",
            Format::TwitterV2 => "twitter-v2",
            Format::TwitterV1 => "twitter-v1",
            Format::TwitterIo => "twitter-io",
            Format::Ira538 => "ira-538",
            Format::CrowdTangle => "crowdtangle",
            Format::Bluesky => "bluesky",
            Format::Telegram => "telegram",
            Format::Mastodon => "mastodon",
            Format::Reddit => "reddit",
            Format::Cnt => "cnt",
        }
    }

    /// The names of every format, comma-separated.
    pub fn names() -> String {
        Format::ALL.map(Format::name).join(", ")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        let alias = match wanted.as_str() {
            "ndjson" | "json" => "jsonl",
            "feather" | "ipc" | "arrow-ipc" => "arrow",
            other => other,
        };
        Format::ALL
            .into_iter()
            .find(|f| f.name() == alias)
            .ok_or_else(|| format!("unknown format '{s}' (formats: {})", Format::names()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
        }
        assert_eq!("NDJSON".parse::<Format>(), Ok(Format::JsonLines));
        assert_eq!("feather".parse::<Format>(), Ok(Format::ArrowIpc));
        let err = "avro".parse::<Format>().unwrap_err();
        assert!(err.contains("twitter-io") && err.contains("cnt"), "{err}");
    }
}
