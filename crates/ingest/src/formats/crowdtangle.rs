//! CrowdTangle CSV exports ("historical data") of Facebook pages and groups and of Instagram
//! accounts.
//!
//! Columns per CrowdTangle's export documentation: Facebook: Page Name | Group Name, User Name,
//! Facebook Id | Group Id, Page Created, Followers at Posting, Post Created (`2021-07-06
//! 16:45:20 EDT`: a zone abbreviation), Type, URL, Message, Link, Final Link, ...; Instagram:
//! Account, User Name, Followers at Posting, Post Created, URL, Link, Description, ... The post's
//! `URL` is its id; links are `Final Link` (else `Link`) plus the links in the text; hashtags
//! come from the text.

use super::post::Post;
use super::scan::{hashtags_in, urls_in};
use crate::accounts::{parse_count, AccountProfile};
use crate::csv_rows::{for_each_named_record, Columns};
use crate::error::IngestError;
use crate::row::non_blank;
use crate::rows::Rows;
use crate::timestamp::{parse_timestamp, TimestampError, TimestampForm};
use chrono::{FixedOffset, NaiveDateTime, TimeZone};
use lockstep_model::TimeMs;
use std::io::BufRead;

struct Layout {
    columns: Columns,
    created: usize,
    platform: &'static str,
}

/// Reads a CrowdTangle CSV export.
pub(super) fn read(reader: Box<dyn BufRead>, rows: &mut Rows) -> Result<(), IngestError> {
    let setup = |names: &[&str]| {
        let columns = Columns::new(names);
        let [created] = columns.require(["post created"])?;
        let facebook = ["facebook id", "page name", "group name", "group id"]
            .iter()
            .any(|c| columns.find(c).is_some());
        Ok(Layout {
            columns,
            created,
            platform: if facebook { "facebook" } else { "instagram" },
        })
    };
    for_each_named_record(reader, rows, setup, |rows, l, rec| {
        let get = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| l.columns.find(n).and_then(|i| non_blank(rec.fields[i])))
        };
        let message = get(&["message", "description"]).unwrap_or_default();
        let mut post = Post::new(l.platform);
        post.account_id =
            get(&["facebook id", "group id", "user name", "account"]).map(str::to_string);
        post.post_id = get(&["url"]).map(str::to_string);
        post.community = get(&["group name", "page name"]).map(str::to_string);
        post.time = post_created(rec.fields[l.created]);
        post.urls = get(&["final link", "link"])
            .map(str::to_string)
            .into_iter()
            .chain(urls_in(message))
            .collect();
        post.hashtags = hashtags_in(message);
        post.text = non_blank(message).map(str::to_string);
        post.profile = Some(AccountProfile {
            created_at: get(&["page created"]).map(str::to_string),
            handle: get(&["user name"]).map(str::to_string),
            display_name: get(&["page name", "group name", "account"]).map(str::to_string),
            followers: get(&["followers at posting"]).and_then(parse_count),
            ..AccountProfile::default()
        });
        rows.offer(&&post, rec.line, || rec.raw());
    })
}

/// `2021-07-06 16:45:20 EDT` (a zone abbreviation CrowdTangle writes), or any accepted form.
fn post_created(raw: &str) -> Result<(TimeMs, TimestampForm), TimestampError> {
    let parsed = parse_timestamp(raw);
    if matches!(parsed, Ok(_) | Err(TimestampError::Missing)) {
        return parsed;
    }
    let (local, zone) = raw
        .trim()
        .rsplit_once(' ')
        .ok_or(TimestampError::Unparseable)?;
    let hours = zone_offset_hours(zone).ok_or(TimestampError::Unparseable)?;
    let offset = FixedOffset::east_opt(hours * 3600).ok_or(TimestampError::Unparseable)?;
    let naive = NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%d %H:%M:%S")
        .map_err(|_| TimestampError::Unparseable)?;
    let time = offset
        .from_local_datetime(&naive)
        .single()
        .ok_or(TimestampError::Unparseable)?;
    Ok((time.timestamp_millis(), TimestampForm::PlatformZoned))
}

/// Offsets of the unambiguous zone abbreviations found in exports.
fn zone_offset_hours(zone: &str) -> Option<i32> {
    Some(match zone.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "WET" => 0,
        "BST" | "CET" | "WEST" => 1,
        "CEST" | "EET" => 2,
        "EEST" | "MSK" => 3,
        "JST" => 9,
        "AEST" => 10,
        "AEDT" => 11,
        "EDT" => -4,
        "EST" | "CDT" => -5,
        "CST" | "MDT" => -6,
        "MST" | "PDT" => -7,
        "PST" | "AKDT" => -8,
        "AKST" => -9,
        "HST" => -10,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_abbreviations() {
        // 2021-07-06 16:45:20 EDT is 20:45:20 UTC.
        assert_eq!(
            post_created("2021-07-06 16:45:20 EDT"),
            Ok((1_625_604_320_000, TimestampForm::PlatformZoned))
        );
        assert_eq!(
            post_created("2021-07-06 20:45:20 UTC"),
            Ok((1_625_604_320_000, TimestampForm::PlatformZoned))
        );
        assert_eq!(
            post_created("2021-07-06 16:45:20 XYZ"),
            Err(TimestampError::Unparseable)
        );
        assert_eq!(post_created(""), Err(TimestampError::Missing));
    }
}
