//! FiveThirtyEight's Russian troll tweets (Clemson University; `IRAhandle_tweets_*.csv`).
//!
//! Columns per the dataset's README: external_author_id, author, content, region, language,
//! publish_date, harvested_date, following, followers, updates, post_type, account_type,
//! retweet, account_category, new_june_2018, alt_external_id, tweet_id, article_url,
//! tco1_step1, tco2_step1, tco3_step1.
//!
//! - **Times.** `publish_date` has minute resolution (`M/D/YYYY H:MM`, `M/D/YY H:MM` where a
//!   spreadsheet re-saved the file, or ISO in re-cut copies), so the exact time comes from
//!   `tweet_id` (a snowflake) when it agrees. A spreadsheet also writes long ids in scientific
//!   notation (`9.1458E+17`), which names no tweet: such an id is no id.
//! - **Retweets.** The dataset marks them with `retweet` = 1 (`post_type` RETWEET) and gives
//!   the retweeted text as the content, with its `t.co` links, not the retweeted tweet: every
//!   retweet of one tweet has the same content, which becomes the reshare target (its words
//!   lowercased, its links as they are: `t.co` codes are case-sensitive)
//!   ([`flagged_retweet_target`]). Content of the form `RT @user: ...` names the author too
//!   ([`text_reshare_target`]). A retweet carries the links and tags of its author's tweet, so
//!   none are taken from it.
//! - **Links.** `t.co` links are one per tweet, so two accounts posting the same article never
//!   share one; the `tco*_step1` columns give where they lead, and are the links where present.
//!   A link to the tweet's own media (`twitter.com/<author>/status/...`) is left out.

use super::post::Post;
use super::scan::{hashtags_in, mentions_in, text_reshare_target, urls_in};
use super::twitter_io::exact_time;
use crate::csv_rows::{for_each_named_record, Columns};
use crate::error::IngestError;
use crate::row::non_blank;
use crate::rows::Rows;
use crate::timestamp::{parse_platform, parse_timestamp, TimestampError, TimestampForm};
use lockstep_model::TimeMs;
use std::io::BufRead;

struct Layout {
    author: usize,
    content: usize,
    published: usize,
    tweet_id: Option<usize>,
    retweet: Option<usize>,
    post_type: Option<usize>,
    expanded: Vec<usize>,
}

/// Reads one of the dataset's CSV files.
pub(super) fn read(reader: Box<dyn BufRead>, rows: &mut Rows) -> Result<(), IngestError> {
    let setup = |names: &[&str]| {
        let columns = Columns::new(names);
        let [author, content, published] =
            columns.require(["author", "content", "publish_date"])?;
        Ok(Layout {
            author,
            content,
            published,
            tweet_id: columns.find("tweet_id"),
            retweet: columns.find("retweet"),
            post_type: columns.find("post_type"),
            expanded: ["tco1_step1", "tco2_step1", "tco3_step1"]
                .into_iter()
                .filter_map(|name| columns.find(name))
                .collect(),
        })
    };
    for_each_named_record(reader, rows, setup, |rows, l, rec| {
        let field = |i: Option<usize>| i.and_then(|i| non_blank(rec.fields[i]));
        let tweet_id = field(l.tweet_id).filter(|id| id.bytes().all(|b| b.is_ascii_digit()));
        let content = rec.fields[l.content];
        let author = non_blank(rec.fields[l.author]);
        let mut post = Post::new("twitter");
        post.account_id = author.map(str::to_string);
        post.post_id = tweet_id.map(str::to_string);
        post.time = exact_time(publish_time(rec.fields[l.published]), tweet_id);
        let flagged = field(l.retweet) == Some("1") || field(l.post_type) == Some("RETWEET");
        match retweeted(content) {
            Some((author, text)) => post.reshare_of = Some(text_reshare_target(author, text)),
            None if flagged => post.reshare_of = flagged_retweet_target(content),
            None => {
                let expanded: Vec<&str> = l
                    .expanded
                    .iter()
                    .filter_map(|&i| non_blank(rec.fields[i]))
                    .collect();
                post.urls = if expanded.is_empty() {
                    urls_in(content)
                } else {
                    expanded
                        .into_iter()
                        .filter(|url| !is_own_status(url, author.unwrap_or_default()))
                        .map(str::to_string)
                        .collect()
                };
                post.hashtags = hashtags_in(content);
                post.mentions = mentions_in(content);
                post.text = non_blank(content).map(str::to_string);
            }
        }
        rows.offer(&&post, rec.line, || rec.raw());
    })
}

/// The time of `publish_date`: any accepted form, else `M/D/YYYY H:MM` as published, or
/// `M/D/YY H:MM` where a spreadsheet re-saved the file.
fn publish_time(published: &str) -> Result<(TimeMs, TimestampForm), TimestampError> {
    parse_timestamp(published).or_else(|_| {
        let year = published
            .trim()
            .split([' ', '/'])
            .nth(2)
            .unwrap_or_default();
        let pattern = if year.len() == 2 {
            "%m/%d/%y %H:%M"
        } else {
            "%m/%d/%Y %H:%M"
        };
        parse_platform(published, pattern)
    })
}

/// The reshare target of a retweet the dataset flags, whose content is the retweeted tweet's
/// text: that text, case and spacing folded, a trailing ellipsis dropped. Its `t.co` links
/// stay, since they are the retweeted tweet's own and tell apart short texts such as "oh".
/// `None` for empty content.
fn flagged_retweet_target(content: &str) -> Option<String> {
    let words: Vec<String> = content
        .split_whitespace()
        .map(|w| {
            // t.co codes are case-sensitive.
            if w.starts_with("http://") || w.starts_with("https://") {
                w.to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect();
    let text = words.join(" ");
    let text = text.trim_end_matches(['…']).trim_end();
    (!text.is_empty()).then(|| format!("retweet:{text}"))
}

/// Whether `url` is a link to a tweet of `author` (its own media, which links nothing).
fn is_own_status(url: &str, author: &str) -> bool {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let Some((host, path)) = path.split_once('/') else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    if !matches!(
        host.as_str(),
        "twitter.com" | "www.twitter.com" | "mobile.twitter.com"
    ) {
        return false;
    }
    path.split_once('/').is_some_and(|(user, rest)| {
        !author.is_empty() && user.eq_ignore_ascii_case(author) && rest.starts_with("status/")
    })
}

/// `("user", "text")` for content of the form `RT @user: text`.
fn retweeted(content: &str) -> Option<(&str, &str)> {
    let rest = content.trim_start().strip_prefix("RT @")?;
    let (author, text) = rest.split_once(':')?;
    let valid = !author.is_empty() && author.chars().all(|c| c.is_alphanumeric() || c == '_');
    valid.then_some((author, text.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_digit_years() {
        // 10/1/17 19:58 UTC: 2017-10-01T19:58:00Z.
        assert_eq!(publish_time("10/1/17 19:58").unwrap().0, 1_506_887_880_000);
        assert_eq!(
            publish_time("10/1/2017 19:58").unwrap().0,
            1_506_887_880_000
        );
    }

    #[test]
    fn flagged_retweets_keep_their_links() {
        assert_eq!(
            flagged_retweet_target("oh  https://t.co/XU3MBQ5f2K"),
            Some("retweet:oh https://t.co/XU3MBQ5f2K".to_string())
        );
        assert_eq!(flagged_retweet_target(" "), None);
    }

    #[test]
    fn own_media_is_no_link() {
        let own = "https://twitter.com/10_gop/status/914580356430536707/video/1";
        assert!(is_own_status(own, "10_GOP"));
        let other = "https://twitter.com/damienwoody/status/914568524449959937/video/1";
        assert!(!is_own_status(other, "10_GOP"));
        assert!(!is_own_status(
            "https://example.com/10_GOP/status/1",
            "10_GOP"
        ));
    }

    #[test]
    fn retweet_prefix() {
        assert_eq!(
            retweeted("RT @Ten_GOP: hello: there"),
            Some(("Ten_GOP", "hello: there"))
        );
        assert_eq!(retweeted("RT @a b: x"), None);
        assert_eq!(retweeted("hello RT @a: x"), None);
    }
}
