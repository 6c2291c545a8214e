//! Turns ingested records into the columnar [`Dataset`]: one action per trace and signal.

use crate::prepare::{prepare, PreparedPost};
use crate::text::TextRules;
use lockstep_ingest::Record;
use lockstep_model::{scoped, Dataset, Signal, SignalSet};
use serde::Serialize;
use std::borrow::Cow;

/// Counts of what the trace stage did, for run.json.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TraceStats {
    /// Posts added.
    pub posts: u64,
    /// URL items that are not http(s) links and were ignored (counted when links or domains
    /// are recorded).
    pub urls_not_links: u64,
    /// Texts too short to link accounts (counted when texts are recorded).
    pub texts_too_short: u64,
    /// Actions per signal after cleaning.
    pub actions: std::collections::BTreeMap<Signal, u64>,
}

/// Accumulates records into a [`Dataset`].
pub struct TraceBuilder {
    dataset: Dataset,
    rules: TextRules,
    signals: SignalSet,
    stats: TraceStats,
}

impl TraceBuilder {
    /// A builder recording the actions of `signals` (the tables of the others stay empty),
    /// applying `rules` to texts.
    pub fn new(rules: TextRules, signals: SignalSet) -> Self {
        Self {
            dataset: Dataset::new(),
            rules,
            signals,
            stats: TraceStats::default(),
        }
    }

    /// Adds one record: a post and its actions on every recorded signal.
    ///
    /// The same as preparing the record with [`prepare`] and committing the result.
    pub fn add(&mut self, rec: &Record) {
        let post = prepare(rec, &self.rules, self.signals);
        self.commit(rec, post);
    }

    /// The rules applied to texts, for preparing records elsewhere.
    pub fn rules(&self) -> &TextRules {
        &self.rules
    }

    /// The signals recorded, for preparing records elsewhere.
    pub fn signals(&self) -> SignalSet {
        self.signals
    }

    /// Adds a prepared record. Posts get dense ids in the order they are committed.
    pub fn commit<'r>(&mut self, rec: &'r Record<'r>, post: PreparedPost) {
        let ds = &mut self.dataset;
        let platform = rec.platform.as_deref();
        let account = ds.accounts.intern(&rec.account_id);
        if let Some(platform) = platform {
            ds.set_account_platform(account, platform);
        }
        let idx = match &rec.post_id {
            Some(id) => ds.push_post(id, account, rec.time),
            None => {
                let id = scoped(platform, Cow::Owned(format!("{}:{}", rec.source, rec.line)));
                ds.push_post(&id, account, rec.time)
            }
        };
        if let Some(community) = &rec.community {
            ds.set_post_community(idx, community);
        }
        if let Some(client) = &rec.client {
            ds.set_post_client(idx, client);
        }
        self.stats.posts += 1;
        self.stats.urls_not_links += post.urls_not_links;
        self.stats.texts_too_short += u64::from(post.text_too_short);
        let t = rec.time;
        // Posts and objects acted on are scoped by the record's platform when it has one, so
        // that ids from different platforms cannot collide.
        let scope = |id: &'r Option<Cow<'r, str>>| -> Option<Cow<'r, str>> {
            Some(scoped(platform, Cow::Borrowed(id.as_deref()?)))
        };
        let singles = [
            (Signal::Reshare, scope(&rec.reshare_of)),
            (Signal::Reply, scope(&rec.reply_to)),
            (Signal::Object, scope(&rec.object_id)),
        ];
        let lists = [
            (Signal::Link, post.links),
            (Signal::Domain, post.domains),
            (Signal::Hashtag, post.hashtags),
            (Signal::Mention, post.mentions),
            (Signal::Media, post.media),
        ];
        for (signal, object) in singles {
            if let Some(object) = object.filter(|_| self.signals.contains(signal)) {
                ds.table_mut(signal).push(&object, t, account, idx);
            }
        }
        for (signal, objects) in lists {
            for object in objects {
                ds.table_mut(signal).push(&object, t, account, idx);
            }
        }
        if let Some(text) = post.text {
            ds.table_mut(Signal::Text).push(&text, t, account, idx);
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
