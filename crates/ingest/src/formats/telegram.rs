//! Telegram Desktop exports (`result.json`): one chat `{name, type, id, messages[]}`, or a
//! full-account export with the chats under `chats.list[]`.
//!
//! Message fields per the export's format: id, type (`message` | `service`), date_unixtime
//! (epoch seconds as a string; `date` is the exporting machine's local time without a zone and
//! is only a fallback, read as UTC), from_id (`user…` / `channel…`), text (a string or an array
//! of strings and `{type, text, href}`), text_entities[{type: link | text_link | hashtag |
//! mention | mention_name, text, href, user_id}], reply_to_message_id, forwarded_from,
//! forwarded_from_id. Post ids are `chat:message` since message ids are per chat. A forward's
//! original message is not identified in the export, so its reshare target is derived from the
//! forwarded source and the text ([`text_reshare_target`]). Service messages are skipped.
//!
//! The document is streamed (one message in memory at a time); its `line` is where the message
//! ends.

use super::json_doc::{for_each_record, RecordArrays};
use super::json_path::{list, text};
use super::offer_posts;
use super::post::{NotPost, Post};
use super::scan::text_reshare_target;
use crate::accounting::RejectReason;
use crate::error::IngestError;
use crate::rows::Rows;
use crate::timestamp::parse_timestamp;
use serde_json::Value;
use std::borrow::Cow;
use std::io::BufRead;

const MESSAGES: RecordArrays = RecordArrays {
    records: "messages",
    containers: &["chats", "list"],
    scope: Some("id"),
};

/// Reads an export, one message at a time.
pub(super) fn read(reader: Box<dyn BufRead>, rows: &mut Rows) -> Result<(), IngestError> {
    let source = rows.source;
    let mut posts = Vec::new();
    let found = for_each_record(reader, source, &MESSAGES, |message, line, chat| {
        let posts_of = |m: &Value, out: &mut Vec<Post>| message_post(m, chat, out);
        offer_posts(rows, &message, line, posts_of, &mut posts, || {
            Cow::Owned(serde_json::to_vec(&message).unwrap_or_default())
        });
    })?;
    if found == 0 {
        return Err(IngestError::Malformed {
            source_name: source.to_string(),
            line: 1,
            column: 1,
            message: "no 'messages' array: not a Telegram Desktop export".into(),
        });
    }
    Ok(())
}

fn message_post(m: &Value, chat: Option<&str>, out: &mut Vec<Post>) -> Result<(), NotPost> {
    if !m.is_object() {
        return Err(NotPost::Reject(RejectReason::NotAnObject));
    }
    match text(m, &["type"]).as_deref() {
        Some("message") => {}
        Some(_) => return Err(NotPost::Skip("telegram service message")),
        None => return Err(NotPost::Reject(RejectReason::UnrecognisedRecord)),
    }
    let in_chat = |id: String| match chat {
        Some(chat) => format!("{chat}:{id}"),
        None => id,
    };
    let mut post = Post::new("telegram");
    post.account_id = text(m, &["from_id"]);
    post.post_id = text(m, &["id"]).map(in_chat);
    post.time = match text(m, &["date_unixtime"]) {
        Some(epoch) => parse_timestamp(&epoch),
        None => parse_timestamp(&text(m, &["date"]).unwrap_or_default()),
    };
    post.reply_to = text(m, &["reply_to_message_id"]).map(in_chat);
    post.community = chat.map(str::to_string);
    let body = message_text(m);
    let forwarded = text(m, &["forwarded_from_id"]).or_else(|| text(m, &["forwarded_from"]));
    match forwarded {
        Some(origin) => post.reshare_of = Some(text_reshare_target(&origin, &body)),
        None => {
            entities(m, &mut post);
            post.text = Some(body);
        }
    }
    out.push(post);
    Ok(())
}

/// The message's text: a string, or the concatenation of an array's strings and parts.
fn message_text(m: &Value) -> String {
    match m.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts
            .iter()
            .filter_map(|p| match p {
                Value::String(s) => Some(s.as_str()),
                other => other.get("text").and_then(Value::as_str),
            })
            .collect(),
        _ => String::new(),
    }
}

/// Links, hashtags and mentions from `text_entities` (or the parts of an array `text`).
fn entities(m: &Value, post: &mut Post) {
    let parts = match m.get("text_entities") {
        Some(Value::Array(e)) => e.as_slice(),
        _ => list(m, &["text"]),
    };
    for part in parts {
        let content = text(part, &["text"]);
        match text(part, &["type"]).as_deref() {
            Some("link") => post.urls.extend(content),
            Some("text_link") => post.urls.extend(text(part, &["href"])),
            Some("hashtag") => post
                .hashtags
                .extend(content.map(|t| t.trim_start_matches('#').to_string())),
            Some("mention") => post
                .mentions
                .extend(content.map(|t| t.trim_start_matches('@').to_string())),
            Some("mention_name") => post.mentions.extend(text(part, &["user_id"])),
            _ => {}
        }
    }
}
