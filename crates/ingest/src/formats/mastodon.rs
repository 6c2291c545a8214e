//! Mastodon API statuses (`GET /api/v1/timelines/...`, `/accounts/:id/statuses`): a JSON array
//! of statuses, or one status per line.
//!
//! Status fields per the Mastodon API entity: id, uri, url, created_at, account{url, acct, id,
//! username, display_name, created_at, followers_count, following_count, statuses_count},
//! content (HTML), reblog (the reblogged status or null), in_reply_to_id, mentions[{acct}],
//! tags[{name}], card{url}, media_attachments[{id}], application{name} (the client).
//! Statuses and accounts are identified by their URIs (ids are local to one server);
//! `in_reply_to_id` is server-local, so replies link only within one server's data. Links are
//! the card's URL and the content's `<a href>` targets other than mentions and hashtags.

use super::json_doc::{for_each_record, RecordArrays};
use super::json_path::{count, list, text, texts_of};
use super::post::{NotPost, Post};
use super::scan::client_name;
use super::{json_lines, offer_posts};
use crate::accounting::RejectReason;
use crate::accounts::AccountProfile;
use crate::error::IngestError;
use crate::rows::Rows;
use crate::timestamp::parse_timestamp;
use serde_json::Value;
use std::borrow::Cow;
use std::io::BufRead;

/// Reads a statuses array (streamed) or statuses one per line.
pub(super) fn read(mut reader: Box<dyn BufRead>, rows: &mut Rows) -> Result<(), IngestError> {
    let head = reader.fill_buf().map_err(|e| IngestError::Read {
        source_name: rows.source.to_string(),
        line: 1,
        message: e.to_string(),
    })?;
    let array = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        == Some(&b'[');
    if !array {
        return json_lines(reader, rows, posts);
    }
    let source = rows.source;
    let statuses = RecordArrays {
        records: "statuses",
        containers: &[],
        scope: None,
    };
    let mut out = Vec::new();
    for_each_record(reader, source, &statuses, |status, line, _| {
        offer_posts(rows, &status, line, posts, &mut out, || {
            Cow::Owned(serde_json::to_vec(&status).unwrap_or_default())
        });
    })?;
    Ok(())
}

fn posts(status: &Value, out: &mut Vec<Post>) -> Result<(), NotPost> {
    if !status.is_object() {
        return Err(NotPost::Reject(RejectReason::NotAnObject));
    }
    if status.get("account").is_none() && status.get("id").is_none() {
        return Err(NotPost::Reject(RejectReason::UnrecognisedRecord));
    }
    let identity = |v: &Value| {
        text(v, &["uri"])
            .or_else(|| text(v, &["url"]))
            .or_else(|| text(v, &["id"]))
    };
    let mut post = Post::new("mastodon");
    let account = status.get("account").unwrap_or(&Value::Null);
    post.account_id = text(account, &["url"])
        .or_else(|| text(account, &["acct"]))
        .or_else(|| text(account, &["id"]));
    post.post_id = identity(status);
    post.community = instance_of(account);
    post.client = text(status, &["application", "name"]).and_then(|s| client_name(&s));
    post.time = parse_timestamp(&text(status, &["created_at"]).unwrap_or_default());
    match status.get("reblog") {
        Some(original @ Value::Object(_)) => post.reshare_of = identity(original),
        _ => {
            let content = text(status, &["content"]).unwrap_or_default();
            post.urls = text(status, &["card", "url"])
                .into_iter()
                .chain(links(&content))
                .collect();
            post.text = Some(strip_tags(&content));
            post.reply_to = text(status, &["in_reply_to_id"]);
            post.hashtags = texts_of(status, &["tags"], &["name"]);
            post.mentions = texts_of(status, &["mentions"], &["acct", "url"]);
            post.media = list(status, &["media_attachments"])
                .iter()
                .filter_map(|m| text(m, &["id"]))
                .collect();
        }
    }
    post.profile = Some(AccountProfile {
        created_at: text(account, &["created_at"]),
        handle: text(account, &["acct"]),
        display_name: text(account, &["display_name"]),
        followers: count(account, &["followers_count"]),
        following: count(account, &["following_count"]),
        posts_count: count(account, &["statuses_count"]),
        verified: None,
    });
    out.push(post);
    Ok(())
}

/// The `href` targets of `<a>` tags that are not mention or hashtag links.
fn links(html: &str) -> Vec<String> {
    html.split("<a ")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            if tag.contains("mention") || tag.contains("hashtag") {
                return None;
            }
            let start = tag.find("href=\"")? + "href=\"".len();
            let end = tag[start..].find('"')? + start;
            Some(tag[start..end].replace("&amp;", "&"))
        })
        .collect()
}

/// The text of HTML content: tags removed, paragraphs and line breaks as spaces.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                let name = name.trim_start_matches('/');
                if name.starts_with('p') || name.starts_with("br") {
                    out.push(' ');
                }
                tag = None;
            }
            (Some(name), _) => name.push(c),
            (None, _) => out.push(c),
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The instance an account belongs to: the host of its profile URL, or the domain of a full
/// `user@instance` handle.
fn instance_of(account: &Value) -> Option<String> {
    if let Some(url) = text(account, &["url"]) {
        let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if !host.is_empty() {
            return Some(host.to_ascii_lowercase());
        }
    }
    text(account, &["acct"])?
        .split_once('@')
        .map(|(_, domain)| domain.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_links_and_text() {
        let html = "<p>Read <a href=\"https://news.example/a?x=1&amp;y=2\" rel=\"nofollow\">this</a> \
            <a href=\"https://m.example/tags/cib\" class=\"mention hashtag\">#<span>cib</span></a> \
            <span class=\"h-card\"><a href=\"https://m.example/@bob\" class=\"u-url mention\">@bob</a></span></p>";
        assert_eq!(links(html), vec!["https://news.example/a?x=1&y=2"]);
        assert_eq!(
            strip_tags(html)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            "Read this #cib @bob"
        );
    }
}
