//! [`Record`]s copied out of the reader's buffer, so that they can outlive their rows and move
//! to another thread.

use crate::record::{Items, Record};
use lockstep_model::TimeMs;
use std::borrow::Cow;
use std::sync::Arc;

/// Owned copies of a run of [`Record`]s (without their carried account profiles).
///
/// Every string of every record is copied into one buffer, and every list item into one span
/// list, so a chunk of tens of thousands of records costs a handful of allocations, and none
/// once it is [cleared](OwnedRecords::clear) and reused. List fields are stored as their items,
/// so [`OwnedRecords::get`] yields the same items, in the same order, as the record copied.
#[derive(Debug, Clone, Default)]
pub struct OwnedRecords {
    /// The records' strings, one after another.
    buf: String,
    /// The items of every record's list fields, one after another.
    items: Vec<Span>,
    /// The inputs the records came from, each once per run of records from it.
    sources: Vec<Arc<str>>,
    records: Vec<Slots>,
}

/// A `[start, end)` byte range in an [`OwnedRecords`]' buffer.
pub type Span = (u32, u32);

/// Where one record's parts lie in its [`OwnedRecords`].
#[derive(Debug, Clone)]
struct Slots {
    /// Index into [`OwnedRecords::sources`].
    source: u32,
    line: u64,
    time: TimeMs,
    /// Where each single-valued field lies in the buffer, in [`Field`] order.
    fields: [Option<Span>; FIELDS],
    /// Where the record's items start in [`OwnedRecords::items`], and where each of its four
    /// lists (URLs, hashtags, mentions, media) ends there.
    items_start: u32,
    list_ends: [u32; 4],
}

/// The single-valued string fields of a record, as indices into [`Slots::fields`].
#[derive(Clone, Copy)]
enum Field {
    Account,
    Post,
    Text,
    Reshare,
    Reply,
    Platform,
    Object,
    Community,
    Client,
}

const FIELDS: usize = 9;

impl OwnedRecords {
    /// Copies `rec` after the records already held; `source` is the name of its input.
    ///
    /// # Panics
    /// Panics if the buffer would pass 4 GiB: callers hand chunks on well before that
    /// ([`OwnedRecords::bytes`]).
    pub fn push(&mut self, rec: &Record, source: &Arc<str>) {
        debug_assert_eq!(&**source, rec.source);
        if self
            .sources
            .last()
            .is_none_or(|last| !Arc::ptr_eq(last, source))
        {
            self.sources.push(Arc::clone(source));
        }
        let singles = [
            (Field::Account, Some(&rec.account_id)),
            (Field::Post, rec.post_id.as_ref()),
            (Field::Text, rec.text.as_ref()),
            (Field::Reshare, rec.reshare_of.as_ref()),
            (Field::Reply, rec.reply_to.as_ref()),
            (Field::Platform, rec.platform.as_ref()),
            (Field::Object, rec.object_id.as_ref()),
            (Field::Community, rec.community.as_ref()),
            (Field::Client, rec.client.as_ref()),
        ];
        let lists = [&rec.urls, &rec.hashtags, &rec.mentions, &rec.media];
        let mut slots = Slots {
            source: (self.sources.len() - 1) as u32,
            line: rec.line,
            time: rec.time,
            fields: [None; FIELDS],
            items_start: self.items.len() as u32,
            list_ends: [0; 4],
        };
        for (field, value) in singles {
            slots.fields[field as usize] = value.map(|v| self.copy(v));
        }
        for (i, list) in lists.into_iter().enumerate() {
            for item in list.iter() {
                let span = self.copy(&item);
                self.items.push(span);
            }
            slots.list_ends[i] = self.items.len() as u32;
        }
        self.records.push(slots);
    }

    /// Appends `s` to the buffer and returns where it lies.
    fn copy(&mut self, s: &str) -> Span {
        let start = self.buf.len();
        self.buf.push_str(s);
        let span = |at: usize| u32::try_from(at).expect("a chunk of records over 4 GiB");
        (span(start), span(self.buf.len()))
    }

    /// Number of records held.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when no record is held.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Bytes of strings held.
    pub fn bytes(&self) -> usize {
        self.buf.len()
    }

    /// Drops every record, keeping the memory for the next ones.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.items.clear();
        self.sources.clear();
        self.records.clear();
    }

    /// The `i`-th record, borrowed from this copy.
    ///
    /// # Panics
    /// Panics if `i >= self.len()`.
    pub fn get(&self, i: usize) -> Record<'_> {
        let slots = &self.records[i];
        let field = |field: Field| {
            slots.fields[field as usize]
                .map(|(start, end)| Cow::Borrowed(&self.buf[start as usize..end as usize]))
        };
        let list = |i: usize| {
            let start = if i == 0 {
                slots.items_start
            } else {
                slots.list_ends[i - 1]
            };
            let spans = &self.items[start as usize..slots.list_ends[i] as usize];
            if spans.is_empty() {
                Items::Empty
            } else {
                Items::Spans(&self.buf, spans)
            }
        };
        Record {
            source: &self.sources[slots.source as usize],
            line: slots.line,
            account_id: field(Field::Account).unwrap_or_default(),
            post_id: field(Field::Post),
            time: slots.time,
            text: field(Field::Text),
            urls: list(0),
            hashtags: list(1),
            mentions: list(2),
            media: list(3),
            reshare_of: field(Field::Reshare),
            reply_to: field(Field::Reply),
            platform: field(Field::Platform),
            object_id: field(Field::Object),
            community: field(Field::Community),
            client: field(Field::Client),
            profile: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_yields_the_same_items() {
        let values = vec![
            serde_json::json!("a b"),
            serde_json::json!(7),
            serde_json::json!(null),
        ];
        let media = vec!["m1".to_string(), "m 2".to_string()];
        let rec = Record {
            source: "in.csv",
            line: 3,
            account_id: Cow::Borrowed("acc"),
            post_id: Some(Cow::Borrowed("p1")),
            time: 42,
            text: Some(Cow::Borrowed("hello")),
            urls: Items::Spaced(" http://x.org  http://y.org "),
            hashtags: Items::List(&values),
            mentions: Items::Empty,
            media: Items::Owned(&media),
            reshare_of: None,
            reply_to: Some(Cow::Borrowed("p0")),
            platform: Some(Cow::Borrowed("bsky")),
            object_id: None,
            community: Some(Cow::Borrowed("r/news")),
            client: Some(Cow::Borrowed("Twitter Web App")),
            profile: None,
        };
        let source: Arc<str> = Arc::from("in.csv");
        let mut owned = OwnedRecords::default();
        let before = Record {
            line: 2,
            account_id: Cow::Borrowed("first"),
            urls: Items::Spaced("http://z.org"),
            ..rec.clone()
        };
        owned.push(&before, &source);
        owned.push(&rec, &source);
        assert_eq!(owned.len(), 2);
        assert_eq!(owned.get(0).account_id, "first");
        assert_eq!(
            owned.get(0).urls.iter().collect::<Vec<_>>(),
            [Cow::Borrowed("http://z.org")]
        );
        let copy = owned.get(1);
        let list = |i: &Items| i.iter().map(Cow::into_owned).collect::<Vec<_>>();
        assert_eq!(list(&copy.urls), list(&rec.urls));
        assert_eq!(list(&copy.hashtags), ["a", "b", "7"]);
        assert_eq!(list(&copy.mentions), Vec::<String>::new());
        assert_eq!(copy.source, "in.csv");
        assert_eq!(copy.line, 3);
        assert_eq!(copy.reply_to.as_deref(), Some("p0"));
        assert_eq!(copy.text.as_deref(), Some("hello"));
        assert_eq!(list(&copy.media), ["m1", "m 2"]);
        assert_eq!(copy.account_id, "acc");
        assert_eq!(copy.post_id.as_deref(), Some("p1"));
        assert_eq!(copy.platform.as_deref(), Some("bsky"));
        assert_eq!(copy.community.as_deref(), Some("r/news"));
        assert_eq!(copy.client.as_deref(), Some("Twitter Web App"));
        assert_eq!((copy.reshare_of, copy.object_id), (None, None));
        assert_eq!(copy.time, 42);
    }
}
