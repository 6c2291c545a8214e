//! The expensive, order-independent half of adding a record: everything a post contributes,
//! computed from the record alone, so that many records can be prepared in parallel.

use crate::text::{self, TextRules};
use crate::{tokens, url_canon};
use lockstep_ingest::{Items, Record};
use lockstep_model::{Signal, SignalSet};
use rustc_hash::FxHashSet;

/// What one record adds to the dataset, with every object already canonical and deduplicated
/// within the post. Committing it (see [`crate::TraceBuilder::commit`]) only interns and pushes.
#[derive(Debug, Clone, Default)]
///
/// Its fields are public so that a post prepared in another process (a cluster's executor)
/// can be carried back and committed here.
pub struct PreparedPost {
    /// Canonical links.
    pub links: Vec<String>,
    /// The links' domains.
    pub domains: Vec<String>,
    /// Folded hashtags.
    pub hashtags: Vec<String>,
    /// Folded mentions.
    pub mentions: Vec<String>,
    /// Media items.
    pub media: Vec<String>,
    /// The normalised text, when it is long enough to link accounts.
    pub text: Option<String>,
    /// URL items that are not http(s) links.
    pub urls_not_links: u64,
    /// Whether the post had a text too short to link accounts.
    pub text_too_short: bool,
}

/// Prepares what `rec` derives for the recorded `signals`: canonical URLs and their domains,
/// folded hashtags and mentions, media items and the normalised text (by `rules`). Its ids are
/// taken from the record when it is committed.
pub fn prepare(rec: &Record, rules: &TextRules, signals: SignalSet) -> PreparedPost {
    let mut post = PreparedPost::default();
    let (mut links, mut domains) = (Vec::new(), Vec::new());
    let urls = if signals.contains(Signal::Link) || signals.contains(Signal::Domain) {
        rec.urls.iter()
    } else {
        Items::Empty.iter()
    };
    for raw in urls {
        match url_canon::canonicalize(&raw) {
            Some(canon) => {
                links.push(canon.url);
                if !canon.domain.is_empty() {
                    domains.push(canon.domain);
                }
            }
            None => post.urls_not_links += 1,
        }
    }
    // One action per distinct object in a post.
    if signals.contains(Signal::Link) {
        post.links = distinct(links);
    }
    if signals.contains(Signal::Domain) {
        post.domains = distinct(domains);
    }
    if signals.contains(Signal::Hashtag) {
        post.hashtags = distinct(rec.hashtags.iter().filter_map(|h| tokens::hashtag(&h)));
    }
    if signals.contains(Signal::Mention) {
        post.mentions = distinct(rec.mentions.iter().filter_map(|m| tokens::mention(&m)));
    }
    if signals.contains(Signal::Media) {
        post.media = distinct(rec.media.iter().map(|m| m.into_owned()));
    }
    // A reshare's text is the original author's, not the resharer's.
    let text = rec.text.as_ref().filter(|_| signals.contains(Signal::Text));
    if let (Some(raw), None) = (text, &rec.reshare_of) {
        let norm = text::normalize(raw, rules);
        if text::is_meaningful(&norm, rules) {
            post.text = Some(norm);
        } else {
            post.text_too_short = true;
        }
    }
    post
}

/// The items, each once, in order of first appearance. Posts carry a handful of items, which
/// are compared directly; longer lists (a hostile input) go through a hash set.
fn distinct(items: impl IntoIterator<Item = String>) -> Vec<String> {
    const SCAN_LIMIT: usize = 32;
    let items: Vec<String> = items.into_iter().collect();
    if items.len() <= SCAN_LIMIT {
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        for item in items {
            if !out.contains(&item) {
                out.push(item);
            }
        }
        out
    } else {
        let mut seen = FxHashSet::default();
        items
            .into_iter()
            .filter(|item| seen.insert(item.clone()))
            .collect()
    }
}
