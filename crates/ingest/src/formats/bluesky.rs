//! Bluesky Jetstream events, one JSON object per line.
//!
//! Per the Jetstream event format: `{did, time_us, kind: commit|identity|account, commit:
//! {operation: create|update|delete, collection, rkey, record}}` (older dumps: `type: com|id|acc`
//! and `commit.type: c|u|d`). Created posts, reposts, likes and follows are posts; their time is
//! `time_us`, when the relay saw the event (a record's `createdAt` is set by the client and can
//! be back-dated). Record fields follow the app.bsky lexicons: `app.bsky.feed.post` {text,
//! facets[{features[{$type: ...#link uri | ...#tag tag | ...#mention did}]}], tags[],
//! reply.parent.uri, embed.external.uri, embed.record.uri}; `app.bsky.feed.repost` and
//! `app.bsky.feed.like` {subject.uri}; `app.bsky.graph.follow` {subject}.
//!
//! Reposts reshare `subject.uri`; likes and follows are generic objects (`like:URI`,
//! `follow:DID`); quotes are `quote:URI`. Identity and account events, updates, deletions and
//! other collections are skipped with a count.

use super::json_path::{at, list, text};
use super::post::{NotPost, Post};
use crate::accounting::RejectReason;
use crate::timestamp::{parse_timestamp, TimestampError, TimestampForm};
use serde_json::Value;

/// The post one event stands for, if any.
pub(super) fn posts(event: &Value, out: &mut Vec<Post>) -> Result<(), NotPost> {
    if !event.is_object() {
        return Err(NotPost::Reject(RejectReason::NotAnObject));
    }
    let kind = text(event, &["kind"]).or_else(|| text(event, &["type"]));
    match kind.as_deref() {
        Some("commit" | "com") => {}
        Some("identity" | "id") => return Err(NotPost::Skip("bluesky identity event")),
        Some("account" | "acc") => return Err(NotPost::Skip("bluesky account event")),
        _ => return Err(NotPost::Reject(RejectReason::UnrecognisedRecord)),
    }
    let operation =
        text(event, &["commit", "operation"]).or_else(|| text(event, &["commit", "type"]));
    match operation.as_deref() {
        Some("create" | "c") => {}
        Some("update" | "u") => return Err(NotPost::Skip("bluesky update")),
        Some("delete" | "d") => return Err(NotPost::Skip("bluesky delete")),
        _ => return Err(NotPost::Reject(RejectReason::UnrecognisedRecord)),
    }
    let collection = text(event, &["commit", "collection"]).unwrap_or_default();
    let record = at(event, &["commit", "record"]).unwrap_or(&Value::Null);
    let did = text(event, &["did"]);
    let mut post = Post::new("bluesky");
    post.post_id = match (&did, text(event, &["commit", "rkey"])) {
        (Some(did), Some(rkey)) => Some(format!("at://{did}/{collection}/{rkey}")),
        _ => None,
    };
    post.account_id = did;
    post.time = event_time(event, record);
    match collection.as_str() {
        "app.bsky.feed.post" => feed_post(record, &mut post),
        "app.bsky.feed.repost" => post.reshare_of = text(record, &["subject", "uri"]),
        "app.bsky.feed.like" => {
            post.object_id = text(record, &["subject", "uri"]).map(|uri| format!("like:{uri}"))
        }
        "app.bsky.graph.follow" => {
            post.object_id = text(record, &["subject"]).map(|did| format!("follow:{did}"))
        }
        _ => return Err(NotPost::Skip("bluesky other collection")),
    }
    out.push(post);
    Ok(())
}

/// `time_us` (microseconds), or the record's `createdAt` when the event has no time.
fn event_time(
    event: &Value,
    record: &Value,
) -> Result<(lockstep_model::TimeMs, TimestampForm), TimestampError> {
    match event.get("time_us") {
        Some(Value::Number(n)) => n
            .as_i64()
            .map(|us| (us.div_euclid(1000), TimestampForm::EpochMicros))
            .ok_or(TimestampError::OutOfRange),
        Some(_) => Err(TimestampError::Unparseable),
        None => parse_timestamp(&text(record, &["createdAt"]).unwrap_or_default()),
    }
}

fn feed_post(record: &Value, post: &mut Post) {
    post.text = text(record, &["text"]);
    post.reply_to = text(record, &["reply", "parent", "uri"]);
    for facet in list(record, &["facets"]) {
        for feature in list(facet, &["features"]) {
            let kind = text(feature, &["$type"]).unwrap_or_default();
            match kind.rsplit_once('#').map(|(_, k)| k) {
                Some("link") => post.urls.extend(text(feature, &["uri"])),
                Some("tag") => post.hashtags.extend(text(feature, &["tag"])),
                Some("mention") => post.mentions.extend(text(feature, &["did"])),
                _ => {}
            }
        }
    }
    post.hashtags.extend(
        list(record, &["tags"])
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string)),
    );
    post.urls
        .extend(text(record, &["embed", "external", "uri"]));
    let quoted = text(record, &["embed", "record", "uri"])
        .or_else(|| text(record, &["embed", "record", "record", "uri"]));
    post.object_id = quoted.map(|uri| format!("quote:{uri}"));
}
