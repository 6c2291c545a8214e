//! The optional accounts file (`--accounts FILE`): one row per account with profile fields.

use crate::error::IngestError;
use crate::format::Format;
use crate::source::{self, Input};
use lockstep_model::scoped;
use serde::Serialize;
use std::collections::BTreeMap;

/// Profile fields of one account, as given (all but the id optional).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct AccountProfile {
    /// When the account was created, as written in the file.
    pub created_at: Option<String>,
    /// Handle / screen name.
    pub handle: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Follower count.
    pub followers: Option<u64>,
    /// Following count.
    pub following: Option<u64>,
    /// Total posts reported by the platform.
    pub posts_count: Option<u64>,
    /// Verified flag.
    pub verified: Option<bool>,
}

const COLUMNS: [&str; 7] = [
    "created_at",
    "handle",
    "display_name",
    "followers",
    "following",
    "posts_count",
    "verified",
];

/// Reads an accounts CSV (compressed or not) keyed by `account_id`, scoped as `platform:id`
/// where the row names its platform, like the posts' accounts.
///
/// Unparseable counts or flags are errors naming the line and column: the accounts file is small
/// and hand-curated, so a silent fallback would hide mistakes.
pub fn read_accounts(input: &Input) -> Result<BTreeMap<String, AccountProfile>, IngestError> {
    let name = input.display_name();
    let opened = source::open(input, Some(Format::Csv))?;
    let mut csv = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(opened.reader);
    let malformed = |line: u64, column: u64, message: String| IngestError::Malformed {
        source_name: name.clone(),
        line,
        column,
        message,
    };
    let header: Vec<String> = csv
        .headers()
        .map_err(|e| malformed(1, 1, e.to_string()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect();
    let id_col = header
        .iter()
        .position(|h| h == "account_id")
        .ok_or_else(|| malformed(1, 1, "accounts file has no 'account_id' column".into()))?;
    let platform_col = header.iter().position(|h| h == "platform");
    let col: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| header.iter().position(|h| h == c))
        .collect();
    let mut out = BTreeMap::new();
    for row in csv.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            malformed(line, 1, e.to_string())
        })?;
        let line = row.position().map_or(0, |p| p.line());
        let text = |i: usize| {
            col[i]
                .and_then(|c| row.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let number = |i: usize| -> Result<Option<u64>, IngestError> {
            text(i)
                .map(|s| {
                    parse_count(s).ok_or_else(|| {
                        malformed(
                            line,
                            col[i].unwrap_or(0) as u64 + 1,
                            format!("{} is not a count: '{s}'", COLUMNS[i]),
                        )
                    })
                })
                .transpose()
        };
        let verified = text(6)
            .map(|s| match s.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "t" => Ok(true),
                "false" | "0" | "no" | "f" => Ok(false),
                _ => Err(malformed(
                    line,
                    col[6].unwrap_or(0) as u64 + 1,
                    format!("verified is not a boolean: '{s}'"),
                )),
            })
            .transpose()?;
        let Some(id) = row.get(id_col).map(str::trim).filter(|s| !s.is_empty()) else {
            return Err(malformed(
                line,
                id_col as u64 + 1,
                "empty account_id".into(),
            ));
        };
        let profile = AccountProfile {
            created_at: text(0).map(str::to_string),
            handle: text(1).map(str::to_string),
            display_name: text(2).map(str::to_string),
            followers: number(3)?,
            following: number(4)?,
            posts_count: number(5)?,
            verified,
        };
        let platform = platform_col
            .and_then(|c| row.get(c))
            .map(str::trim)
            .filter(|s| !s.is_empty());
        out.insert(scoped(platform, id.into()).into_owned(), profile);
    }
    Ok(out)
}

/// A count as exports write it: `1234`, `1,234` or `12.0`.
pub(crate) fn parse_count(s: &str) -> Option<u64> {
    let cleaned: String = s.trim().chars().filter(|&c| c != ',').collect();
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(|v| v as u64)
}
