//! FiveThirtyEight's Russian troll tweets (Clemson University; `IRAhandle_tweets_*.csv`).
//!
//! Columns per the dataset's README: external_author_id, author, content, region, language,
//! publish_date, harvested_date, following, followers, updates, post_type, account_type,
//! retweet, account_category, new_june_2018, alt_external_id, tweet_id, article_url, ...
//! `publish_date` has minute resolution (`M/D/YYYY H:MM`, or ISO in re-cut copies), so the exact
//! time comes from `tweet_id` (a snowflake) when it agrees. Retweets exist only as text
//! `RT @user: ...`; their reshare target is derived from the original author and the text
//! ([`text_reshare_target`]).

use super::post::Post;
use super::scan::{hashtags_in, mentions_in, text_reshare_target, urls_in};
use super::twitter_io::exact_time;
use crate::csv_rows::{for_each_named_record, Columns};
use crate::error::IngestError;
use crate::row::non_blank;
use crate::rows::Rows;
use crate::timestamp::{parse_platform, parse_timestamp};
use std::io::BufRead;

struct Layout {
    author: usize,
    content: usize,
    published: usize,
    tweet_id: Option<usize>,
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
        })
    };
    for_each_named_record(reader, rows, setup, |rows, l, rec| {
        let tweet_id = l.tweet_id.and_then(|i| non_blank(rec.fields[i]));
        let published = rec.fields[l.published];
        let coarse =
            parse_timestamp(published).or_else(|_| parse_platform(published, "%m/%d/%Y %H:%M"));
        let content = rec.fields[l.content];
        let mut post = Post::new("twitter");
        post.account_id = non_blank(rec.fields[l.author]).map(str::to_string);
        post.post_id = tweet_id.map(str::to_string);
        post.time = exact_time(coarse, tweet_id);
        match retweeted(content) {
            Some((author, text)) => post.reshare_of = Some(text_reshare_target(author, text)),
            None => {
                post.urls = urls_in(content);
                post.hashtags = hashtags_in(content);
                post.mentions = mentions_in(content);
                post.text = non_blank(content).map(str::to_string);
            }
        }
        rows.offer(&&post, rec.line, || rec.raw());
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
    fn retweet_prefix() {
        assert_eq!(
            retweeted("RT @Ten_GOP: hello: there"),
            Some(("Ten_GOP", "hello: there"))
        );
        assert_eq!(retweeted("RT @a b: x"), None);
        assert_eq!(retweeted("hello RT @a: x"), None);
    }
}
