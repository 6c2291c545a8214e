//! X API v2 tweets as twarc2 writes them: one response page per line (`data` array plus
//! `includes`), or one tweet per line (`twarc2 flatten`, with the author inlined).
//!
//! Field names follow the X API v2 tweet and user objects: id, author_id, created_at, text,
//! note_tweet.text, referenced_tweets[{type: retweeted|quoted|replied_to, id}],
//! entities.urls[{unwound_url, expanded_url, url}], entities.hashtags[{tag}],
//! entities.mentions[{id, username}], attachments.media_keys, source (the client, where the
//! API still gives it); users: username, name,
//! created_at, verified, public_metrics{followers_count, following_count, tweet_count}.

use super::json_path::{count, list, text, texts_of};
use super::post::{NotPost, Post};
use super::scan::client_name;
use crate::accounting::RejectReason;
use crate::accounts::AccountProfile;
use crate::timestamp::parse_timestamp;
use serde_json::Value;

/// The tweets of one line: every tweet of a page's `data`, or the one flattened tweet.
pub(super) fn posts(value: &Value, out: &mut Vec<Post>) -> Result<(), NotPost> {
    if !value.is_object() {
        return Err(NotPost::Reject(RejectReason::NotAnObject));
    }
    match value.get("data") {
        Some(Value::Array(tweets)) => {
            let users = list(value, &["includes", "users"]);
            out.extend(tweets.iter().map(|t| tweet(t, author_of(t, users))));
            Ok(())
        }
        Some(one @ Value::Object(_)) => {
            out.push(tweet(
                one,
                author_of(one, list(value, &["includes", "users"])),
            ));
            Ok(())
        }
        _ if value.get("id").is_some() => {
            out.push(tweet(value, value.get("author")));
            Ok(())
        }
        _ if value.get("errors").is_some() || value.get("meta").is_some() => {
            Err(NotPost::Skip("twitter-v2 response without tweets"))
        }
        _ => Err(NotPost::Reject(RejectReason::UnrecognisedRecord)),
    }
}

/// The expanded user object of a tweet's author, if the page includes it.
fn author_of<'v>(tweet: &Value, users: &'v [Value]) -> Option<&'v Value> {
    let id = text(tweet, &["author_id"])?;
    users
        .iter()
        .find(|u| text(u, &["id"]).as_deref() == Some(id.as_str()))
}

fn tweet(t: &Value, author: Option<&Value>) -> Post {
    let mut post = Post::new("twitter");
    post.account_id = text(t, &["author_id"]).or_else(|| author.and_then(|a| text(a, &["id"])));
    post.post_id = text(t, &["id"]);
    post.time = parse_timestamp(&text(t, &["created_at"]).unwrap_or_default());
    post.client = text(t, &["source"]).and_then(|s| client_name(&s));
    for reference in list(t, &["referenced_tweets"]) {
        let id = text(reference, &["id"]);
        match text(reference, &["type"]).as_deref() {
            Some("retweeted") => post.reshare_of = id,
            Some("replied_to") => post.reply_to = id,
            Some("quoted") => post.object_id = id.map(|id| format!("quote:{id}")),
            _ => {}
        }
    }
    if post.reshare_of.is_none() {
        // A retweet's text ("RT @user: ...") and entities are the original's.
        post.text = text(t, &["note_tweet", "text"]).or_else(|| text(t, &["text"]));
        post.urls = texts_of(
            t,
            &["entities", "urls"],
            &["unwound_url", "expanded_url", "url"],
        );
        post.hashtags = texts_of(t, &["entities", "hashtags"], &["tag"]);
        post.mentions = texts_of(t, &["entities", "mentions"], &["id", "username"]);
        post.media = list(t, &["attachments", "media_keys"])
            .iter()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect();
    }
    post.profile = author.map(|a| AccountProfile {
        created_at: text(a, &["created_at"]),
        handle: text(a, &["username"]),
        display_name: text(a, &["name"]),
        followers: count(a, &["public_metrics", "followers_count"]),
        following: count(a, &["public_metrics", "following_count"]),
        posts_count: count(a, &["public_metrics", "tweet_count"]),
        verified: a.get("verified").and_then(Value::as_bool),
    });
    post
}
