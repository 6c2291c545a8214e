//! The expensive, order-independent half of adding a record: everything a post contributes,
//! computed from the record alone, so that many records can be prepared in parallel.

use crate::text::{self, TextRules};
use crate::{tokens, url_canon};
use lockstep_ingest::Record;
use rustc_hash::FxHashSet;

/// What one record adds to the dataset, with every object already canonical and deduplicated
/// within the post. Committing it (see [`crate::TraceBuilder::commit`]) only interns and pushes.
#[derive(Debug, Clone, Default)]
pub struct PreparedPost {
    pub(crate) account_id: String,
    pub(crate) post_id: String,
    pub(crate) time: i64,
    pub(crate) reshare: Option<String>,
    pub(crate) reply: Option<String>,
    pub(crate) object: Option<String>,
    pub(crate) links: Vec<String>,
    pub(crate) domains: Vec<String>,
    pub(crate) hashtags: Vec<String>,
    pub(crate) mentions: Vec<String>,
    pub(crate) media: Vec<String>,
    pub(crate) text: Option<String>,
    pub(crate) urls_not_links: u64,
    pub(crate) text_too_short: bool,
}

/// Prepares `rec`, applying `rules` to its text.
///
/// Ids of posts acted on (reshares, replies) are scoped by the record's platform when it has
/// one, so that ids from different platforms cannot collide.
pub fn prepare(rec: &Record, rules: &TextRules) -> PreparedPost {
    let scope = |id: &str| match &rec.platform {
        Some(p) => format!("{p}:{id}"),
        None => id.to_string(),
    };
    let mut post = PreparedPost {
        account_id: rec.account_id.to_string(),
        post_id: match &rec.post_id {
            Some(id) => id.to_string(),
            None => format!("{}:{}", rec.source, rec.line),
        },
        time: rec.time,
        reshare: rec.reshare_of.as_deref().map(scope),
        reply: rec.reply_to.as_deref().map(scope),
        object: rec.object_id.as_deref().map(str::to_owned),
        ..PreparedPost::default()
    };
    let mut seen = FxHashSet::default();
    for raw in rec.urls.iter() {
        match url_canon::canonicalize(&raw) {
            Some(canon) => {
                // One action per distinct URL and domain in a post.
                if seen.insert(canon.url.clone()) {
                    post.links.push(canon.url);
                }
                if seen.insert(format!("domain:{}", canon.domain)) {
                    post.domains.push(canon.domain);
                }
            }
            None => post.urls_not_links += 1,
        }
    }
    post.hashtags = distinct(rec.hashtags.iter().filter_map(|h| tokens::hashtag(&h)));
    post.mentions = distinct(rec.mentions.iter().filter_map(|m| tokens::mention(&m)));
    post.media = distinct(rec.media.iter().map(|m| m.into_owned()));
    // A reshare's text is the original author's, not the resharer's.
    if let (Some(raw), None) = (&rec.text, &rec.reshare_of) {
        let norm = text::normalize(raw, rules);
        if text::is_meaningful(&norm, rules) {
            post.text = Some(norm);
        } else {
            post.text_too_short = true;
        }
    }
    post
}

/// The items in order, each kept the first time it occurs.
fn distinct(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = FxHashSet::default();
    items.filter(|item| seen.insert(item.clone())).collect()
}
