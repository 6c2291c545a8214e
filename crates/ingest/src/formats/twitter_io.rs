//! The X (Twitter) information-operations archive tweets CSV (`*_tweets_csv_hashed.csv`).
//!
//! Columns are found by header name, never by position: one release swapped
//! `in_reply_to_userid` and `in_reply_to_tweetid`. Field meanings follow the archive's README
//! (tweetid, userid, user_screen_name, tweet_time, is_retweet, retweet_tweetid,
//! in_reply_to_tweetid, quoted_tweet_tweetid, hashtags, urls, user_mentions, tweet_client_name,
//! ...):
//! `tweet_time` has minute resolution, so the exact time is recovered from the tweet id (a
//! snowflake) whenever the id's time falls within that minute; list fields are Python list
//! literals; the user columns give each account's profile.

use super::post::Post;
use super::scan::{client_name, list_literal};
use crate::accounts::{parse_count, AccountProfile};
use crate::csv_rows::{for_each_named_record, Columns};
use crate::error::IngestError;
use crate::row::non_blank;
use crate::rows::Rows;
use crate::timestamp::{parse_timestamp, snowflake_ms, TimestampError, TimestampForm};
use lockstep_model::TimeMs;
use std::io::BufRead;

struct Layout {
    tweet: usize,
    user: usize,
    time: usize,
    optional: Columns,
}

/// Reads a tweets CSV of the archive.
pub(super) fn read(reader: Box<dyn BufRead>, rows: &mut Rows) -> Result<(), IngestError> {
    let setup = |names: &[&str]| {
        let optional = Columns::new(names);
        let [tweet, user, time] = optional.require(["tweetid", "userid", "tweet_time"])?;
        Ok(Layout {
            tweet,
            user,
            time,
            optional,
        })
    };
    for_each_named_record(reader, rows, setup, |rows, l, rec| {
        let get = |name: &str| l.optional.find(name).and_then(|i| non_blank(rec.fields[i]));
        let tweet_id = non_blank(rec.fields[l.tweet]);
        let mut post = Post::new("twitter");
        post.account_id = non_blank(rec.fields[l.user]).map(str::to_string);
        post.post_id = tweet_id.map(str::to_string);
        post.time = exact_time(parse_timestamp(rec.fields[l.time]), tweet_id);
        post.client = get("tweet_client_name").and_then(client_name);
        let retweet = get("is_retweet").is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
        if retweet || get("is_retweet").is_none() {
            post.reshare_of = get("retweet_tweetid").map(str::to_string);
        }
        if post.reshare_of.is_none() {
            // A retweet's text and entities are the original's: only the reshare is its own.
            post.text = get("tweet_text").map(str::to_string);
            post.urls = get("urls").map(list_literal).unwrap_or_default();
            post.hashtags = get("hashtags").map(list_literal).unwrap_or_default();
            post.mentions = get("user_mentions").map(list_literal).unwrap_or_default();
            post.reply_to = get("in_reply_to_tweetid").map(str::to_string);
            post.object_id = get("quoted_tweet_tweetid").map(|id| format!("quote:{id}"));
        }
        post.profile = Some(AccountProfile {
            created_at: get("account_creation_date").map(str::to_string),
            handle: get("user_screen_name").map(str::to_string),
            display_name: get("user_display_name").map(str::to_string),
            followers: get("follower_count").and_then(parse_count),
            following: get("following_count").and_then(parse_count),
            ..AccountProfile::default()
        });
        rows.offer(&&post, rec.line, || rec.raw());
    })
}

/// The tweet's time to the millisecond from its snowflake id when that agrees with the coarse
/// time column (same minute, allowing a minute either way for rounding; the same UTC day for a
/// date alone); the column otherwise.
/// Without a usable column, a snowflake id from after the scheme's start (November 2010) is used.
pub(super) fn exact_time(
    coarse: Result<(TimeMs, TimestampForm), TimestampError>,
    tweet_id: Option<&str>,
) -> Result<(TimeMs, TimestampForm), TimestampError> {
    let snowflake = tweet_id.and_then(snowflake_ms);
    match (coarse, snowflake) {
        (Ok((t, _)), Some(s)) if (s - t).abs() < 60_000 => Ok((s, TimestampForm::SnowflakeId)),
        (Ok((t, TimestampForm::DateOnly)), Some(s)) if (0..86_400_000).contains(&(s - t)) => {
            Ok((s, TimestampForm::SnowflakeId))
        }
        (Ok(parsed), _) => Ok(parsed),
        (Err(_), Some(s)) if s > SNOWFLAKE_START_PLUS_DAY => Ok((s, TimestampForm::SnowflakeId)),
        (Err(e), _) => Err(e),
    }
}

/// A day after the snowflake epoch: ids decoding to earlier times predate snowflakes.
const SNOWFLAKE_START_PLUS_DAY: TimeMs = 1_288_834_974_657 + 86_400_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snowflake_time_replaces_the_minute_when_it_agrees() {
        // 1050118621198921728 was created 2018-10-10T20:19:24.211Z: (id >> 22) + epoch.
        let id = "1050118621198921728";
        let expected = (1_050_118_621_198_921_728u64 >> 22) as i64 + 1_288_834_974_657;
        assert_eq!(expected, 1_539_202_764_211);
        let at = |coarse: &str, id| exact_time(parse_timestamp(coarse), id);
        assert_eq!(
            at("2018-10-10 20:19", Some(id)),
            Ok((expected, TimestampForm::SnowflakeId))
        );
        assert_eq!(at("", Some(id)), Ok((expected, TimestampForm::SnowflakeId)));
        // A pre-snowflake id: the column stands.
        assert_eq!(
            at("2010-01-01 10:00", Some("7000000000")),
            Ok((1_262_340_000_000, TimestampForm::ZonelessUtc))
        );
        // An id from another hour does not override the column.
        assert_eq!(
            at("2018-10-10 21:19", Some(id)),
            Ok((1_539_206_340_000, TimestampForm::ZonelessUtc))
        );
        // A date alone: the id's time within that UTC day, not midnight.
        assert_eq!(
            at("2018-10-10", Some(id)),
            Ok((expected, TimestampForm::SnowflakeId))
        );
        assert_eq!(
            at("2018-10-11", Some(id)),
            Ok((1_539_216_000_000, TimestampForm::DateOnly))
        );
        assert_eq!(at("", Some("12")), Err(TimestampError::Missing));
        assert_eq!(at("soon", None), Err(TimestampError::Unparseable));
    }
}
