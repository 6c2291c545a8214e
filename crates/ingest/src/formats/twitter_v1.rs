//! X API v1.1 tweets, one per line (search and streaming output).
//!
//! Field names follow the v1.1 Tweet object: id_str, created_at (`Wed Oct 10 20:19:24 +0000
//! 2018`), user{id_str, screen_name, name, created_at, followers_count, friends_count,
//! statuses_count, verified}, full_text | extended_tweet.full_text | text, retweeted_status,
//! quoted_status_id_str, in_reply_to_status_id_str, entities{urls[{expanded_url, url}],
//! hashtags[{text}], user_mentions[{id_str}]}, extended_entities.media[{id_str}], source (the
//! client, an HTML link whose text is its name). Streaming
//! notices (`delete`, `limit`, ...) are skipped.

use super::json_path::{at, count, text, texts_of};
use super::post::{NotPost, Post};
use super::scan::client_name;
use crate::accounting::RejectReason;
use crate::accounts::AccountProfile;
use crate::timestamp::parse_platform;
use serde_json::Value;

/// The `created_at` pattern of API v1.1.
const CREATED_AT: &str = "%a %b %d %H:%M:%S %z %Y";

/// The tweet of one line.
pub(super) fn posts(value: &Value, out: &mut Vec<Post>) -> Result<(), NotPost> {
    let Some(object) = value.as_object() else {
        return Err(NotPost::Reject(RejectReason::NotAnObject));
    };
    if object.get("id_str").is_none() && object.get("id").is_none() {
        return match object.keys().next() {
            Some(_) if object.len() == 1 => Err(NotPost::Skip("twitter-v1 stream notice")),
            _ => Err(NotPost::Reject(RejectReason::UnrecognisedRecord)),
        };
    }
    let mut post = Post::new("twitter");
    post.account_id = text(value, &["user", "id_str"]).or_else(|| text(value, &["user", "id"]));
    post.post_id = text(value, &["id_str"]).or_else(|| text(value, &["id"]));
    post.time = parse_platform(
        &text(value, &["created_at"]).unwrap_or_default(),
        CREATED_AT,
    );
    post.client = text(value, &["source"]).and_then(|s| client_name(&s));
    post.reshare_of = text(value, &["retweeted_status", "id_str"]);
    if post.reshare_of.is_none() {
        post.text = text(value, &["extended_tweet", "full_text"])
            .or_else(|| text(value, &["full_text"]))
            .or_else(|| text(value, &["text"]));
        post.reply_to = text(value, &["in_reply_to_status_id_str"]);
        post.object_id = text(value, &["quoted_status_id_str"]).map(|id| format!("quote:{id}"));
        let entities: &[&str] = if at(value, &["extended_tweet", "entities"]).is_some() {
            &["extended_tweet", "entities"]
        } else {
            &["entities"]
        };
        let under = |key: &'static str| [entities, &[key]].concat();
        post.urls = texts_of(value, &under("urls"), &["expanded_url", "url"]);
        post.hashtags = texts_of(value, &under("hashtags"), &["text"]);
        post.mentions = texts_of(value, &under("user_mentions"), &["id_str", "screen_name"]);
        post.media = texts_of(value, &["extended_entities", "media"], &["id_str"]);
    }
    let user = value.get("user");
    post.profile = user.map(|u| AccountProfile {
        created_at: text(u, &["created_at"]),
        handle: text(u, &["screen_name"]),
        display_name: text(u, &["name"]),
        followers: count(u, &["followers_count"]),
        following: count(u, &["friends_count"]),
        posts_count: count(u, &["statuses_count"]),
        verified: u.get("verified").and_then(Value::as_bool),
    });
    out.push(post);
    Ok(())
}
