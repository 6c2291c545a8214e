//! Reddit submissions and comments as Pushshift dumps them (`RS_*`/`RC_*` ndjson), or as the
//! Reddit API returns them, one response per line: a `Listing` (`{"kind": "Listing", "data":
//! {"children": [{"kind": "t3", "data": {...}}, ...]}}`), or a thread's array of two listings
//! (the submission, its comments), comments nesting their `replies` listings. Placeholders
//! for comments not loaded (`more`) are skipped.
//!
//! Fields per the Pushshift/Reddit API objects: id, name (`t3_…` submissions, `t1_…`
//! comments), author, created_utc (epoch seconds, number or string), title, selftext, url,
//! is_self, crosspost_parent (submissions); body, parent_id, link_id (comments). Post ids are
//! fullnames (`t3_id`, `t1_id`) so that `parent_id` and `crosspost_parent` point at them.
//! Comments reply to `parent_id`; crossposts reshare `crosspost_parent`; links are the
//! submission's `url` (unless a self post or a relative link) and the links in the text. Deleted authors
//! (`[deleted]`) count as a missing account.

use super::json_path::text;
use super::post::{NotPost, Post};
use super::scan::urls_in;
use crate::accounting::RejectReason;
use crate::row::is_deleted_account;
use crate::timestamp::parse_timestamp;
use serde_json::Value;

/// The submission or comment of one line, or the submissions and comments of a listing.
pub(super) fn posts(value: &Value, out: &mut Vec<Post>) -> Result<(), NotPost> {
    let listings: Vec<&Value> = match value {
        Value::Array(items) if items.iter().all(is_listing) && !items.is_empty() => {
            items.iter().collect()
        }
        _ if is_listing(value) => vec![value],
        _ => return record(value, out),
    };
    let mut things = Vec::new();
    for listing in listings {
        collect_things(listing, &mut things);
    }
    if things.is_empty() {
        return Err(NotPost::Skip("reddit listing without posts"));
    }
    for thing in things {
        record(thing, out)?;
    }
    Ok(())
}

fn is_listing(value: &Value) -> bool {
    value.get("kind").and_then(Value::as_str) == Some("Listing")
}

/// The submissions (`t3`) and comments (`t1`) of a listing, each comment followed by its
/// replies.
fn collect_things<'a>(listing: &'a Value, things: &mut Vec<&'a Value>) {
    let children = listing
        .pointer("/data/children")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for child in children {
        let kind = child.get("kind").and_then(Value::as_str);
        let Some(data) = child
            .get("data")
            .filter(|_| matches!(kind, Some("t1" | "t3")))
        else {
            continue;
        };
        things.push(data);
        if let Some(replies) = data.get("replies").filter(|r| is_listing(r)) {
            collect_things(replies, things);
        }
    }
}

/// One submission or comment.
fn record(value: &Value, out: &mut Vec<Post>) -> Result<(), NotPost> {
    if !value.is_object() {
        return Err(NotPost::Reject(RejectReason::NotAnObject));
    }
    if value.get("id").is_none() && value.get("author").is_none() {
        return Err(NotPost::Reject(RejectReason::UnrecognisedRecord));
    }
    let comment = value.get("body").is_some() || value.get("parent_id").is_some();
    let mut post = Post::new("reddit");
    post.account_id = text(value, &["author"]).filter(|a| !is_deleted_account(a));
    post.post_id = text(value, &["name"]).or_else(|| {
        let prefix = if comment { "t1_" } else { "t3_" };
        text(value, &["id"]).map(|id| format!("{prefix}{id}"))
    });
    post.time = parse_timestamp(&text(value, &["created_utc"]).unwrap_or_default());
    post.community = text(value, &["subreddit"]);
    if comment {
        let body = text(value, &["body"]).unwrap_or_default();
        post.reply_to = text(value, &["parent_id"]);
        post.urls = urls_in(&body);
        post.text = Some(body);
    } else {
        let selftext = text(value, &["selftext"]).unwrap_or_default();
        let is_self = value.get("is_self").and_then(Value::as_bool) == Some(true);
        post.urls = text(value, &["url"])
            .filter(|url| !is_self && url.starts_with("http"))
            .into_iter()
            .chain(urls_in(&selftext))
            .collect();
        post.reshare_of = text(value, &["crosspost_parent"]);
        let title = text(value, &["title"]).unwrap_or_default();
        post.text = Some(format!("{title}\n{selftext}"));
    }
    out.push(post);
    Ok(())
}
