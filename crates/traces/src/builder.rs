//! Turns ingested records into the columnar [`Dataset`]: one action per trace and signal.

use crate::text::{self, TextRules};
use crate::{tokens, url_canon};
use lockstep_ingest::Record;
use lockstep_model::{Dataset, Signal};
use rustc_hash::FxHashSet;
use serde::Serialize;
use std::borrow::Cow;

/// Counts of what the trace stage did, for run.json.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TraceStats {
    /// Posts added.
    pub posts: u64,
    /// URL items that are not http(s) links and were ignored.
    pub urls_not_links: u64,
    /// Texts too short to link accounts.
    pub texts_too_short: u64,
    /// Actions per signal after cleaning.
    pub actions: std::collections::BTreeMap<Signal, u64>,
}

/// Accumulates records into a [`Dataset`].
pub struct TraceBuilder {
    dataset: Dataset,
    rules: TextRules,
    stats: TraceStats,
}

impl TraceBuilder {
    /// A builder applying `rules` to texts.
    pub fn new(rules: TextRules) -> Self {
        Self {
            dataset: Dataset::new(),
            rules,
            stats: TraceStats::default(),
        }
    }

    /// Adds one record: a post and its actions on every signal.
    ///
    /// Ids of posts acted on (reshares, replies) are scoped by the record's platform when it has
    /// one, so that ids from different platforms cannot collide.
    pub fn add(&mut self, rec: &Record) {
        let ds = &mut self.dataset;
        let account = ds.accounts.intern(&rec.account_id);
        let post_id: Cow<str> = match &rec.post_id {
            Some(id) => Cow::Borrowed(id),
            None => Cow::Owned(format!("{}:{}", rec.source, rec.line)),
        };
        let post = ds.push_post(&post_id, account, rec.time);
        self.stats.posts += 1;
        let t = rec.time;
        let scope = |id: &str| match &rec.platform {
            Some(p) => format!("{p}:{id}"),
            None => id.to_string(),
        };
        if let Some(target) = &rec.reshare_of {
            ds.table_mut(Signal::Reshare)
                .push(&scope(target), t, account, post);
        }
        if let Some(target) = &rec.reply_to {
            ds.table_mut(Signal::Reply)
                .push(&scope(target), t, account, post);
        }
        if let Some(object) = &rec.object_id {
            ds.table_mut(Signal::Object).push(object, t, account, post);
        }
        let mut seen = FxHashSet::default();
        for raw in rec.urls.iter() {
            match url_canon::canonicalize(&raw) {
                Some(canon) => {
                    // One action per distinct URL and domain in a post.
                    if seen.insert(canon.url.clone()) {
                        ds.table_mut(Signal::Link)
                            .push(&canon.url, t, account, post);
                    }
                    if seen.insert(format!("domain:{}", canon.domain)) {
                        ds.table_mut(Signal::Domain)
                            .push(&canon.domain, t, account, post);
                    }
                }
                None => self.stats.urls_not_links += 1,
            }
        }
        push_items(
            ds,
            Signal::Hashtag,
            rec.hashtags.iter().filter_map(|h| tokens::hashtag(&h)),
            t,
            account,
            post,
        );
        push_items(
            ds,
            Signal::Mention,
            rec.mentions.iter().filter_map(|m| tokens::mention(&m)),
            t,
            account,
            post,
        );
        push_items(
            ds,
            Signal::Media,
            rec.media.iter().map(|m| m.into_owned()),
            t,
            account,
            post,
        );
        // A reshare's text is the original author's, not the resharer's.
        if let (Some(raw), None) = (&rec.text, &rec.reshare_of) {
            let norm = text::normalize(raw, &self.rules);
            if text::is_meaningful(&norm, &self.rules) {
                ds.table_mut(Signal::Text).push(&norm, t, account, post);
            } else {
                self.stats.texts_too_short += 1;
            }
        }
    }

    /// The dataset with the stage's counts. Texts are kept whatever their spread: boilerplate
    /// is removed per narrative of near-duplicates, after reading.
    pub fn finish(mut self) -> (Dataset, TraceStats) {
        for table in &self.dataset.tables {
            self.stats
                .actions
                .insert(table.signal, table.actions.len() as u64);
        }
        (self.dataset, self.stats)
    }
}

fn push_items(
    ds: &mut Dataset,
    signal: Signal,
    items: impl Iterator<Item = String>,
    time: i64,
    account: u32,
    post: u32,
) {
    let mut seen = FxHashSet::default();
    for item in items {
        if seen.insert(item.clone()) {
            ds.table_mut(signal).push(&item, time, account, post);
        }
    }
}
