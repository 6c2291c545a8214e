//! A [`Record`] copied out of the reader's buffer, so that it can outlive the row and move
//! to another thread.

use crate::record::{Items, Record};
use lockstep_model::TimeMs;
use std::borrow::Cow;
use std::sync::Arc;

/// An owned copy of a [`Record`] (without the carried account profile).
///
/// Every string of the record is copied into one buffer, so a copy costs one or two
/// allocations whatever the number of fields and items. List fields are stored as their
/// items, so [`OwnedRecord::as_record`] yields the same items, in the same order, as the
/// record it was copied from.
#[derive(Debug, Clone)]
pub struct OwnedRecord {
    source: Arc<str>,
    line: u64,
    time: TimeMs,
    /// The record's strings, one after another.
    buf: String,
    /// Where each single-valued field lies in `buf`, in [`Field`] order.
    fields: [Option<Span>; FIELDS],
    /// The items of the four list fields (URLs, hashtags, mentions, media), one after another.
    items: Vec<Span>,
    /// Where each list's items end in `items`.
    list_ends: [u32; 4],
}

/// A `[start, end)` byte range in an [`OwnedRecord`]'s buffer.
pub type Span = (u32, u32);

/// The single-valued string fields of a record, as indices into [`OwnedRecord::fields`].
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

impl OwnedRecord {
    /// Copies `rec`; `source` is the name of its input, shared between records.
    pub fn new(rec: &Record, source: Arc<str>) -> Self {
        debug_assert_eq!(&*source, rec.source);
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
        let capacity = singles
            .iter()
            .filter_map(|(_, v)| v.map(|v| v.len()))
            .sum::<usize>()
            + lists.iter().map(|l| l.byte_len()).sum::<usize>();
        let mut owned = Self {
            source,
            line: rec.line,
            time: rec.time,
            buf: String::with_capacity(capacity),
            fields: [None; FIELDS],
            items: Vec::new(),
            list_ends: [0; 4],
        };
        for (field, value) in singles {
            owned.fields[field as usize] = value.map(|v| owned.push(v));
        }
        for (i, list) in lists.into_iter().enumerate() {
            for item in list.iter() {
                let span = owned.push(&item);
                owned.items.push(span);
            }
            owned.list_ends[i] = owned.items.len() as u32;
        }
        owned
    }

    /// Appends `s` to the buffer and returns where it lies.
    fn push(&mut self, s: &str) -> Span {
        let start = self.buf.len() as u32;
        self.buf.push_str(s);
        (start, self.buf.len() as u32)
    }

    fn field(&self, field: Field) -> Option<Cow<'_, str>> {
        self.fields[field as usize]
            .map(|(start, end)| Cow::Borrowed(&self.buf[start as usize..end as usize]))
    }

    fn list(&self, i: usize) -> Items<'_> {
        let start = if i == 0 {
            0
        } else {
            self.list_ends[i - 1] as usize
        };
        let spans = &self.items[start..self.list_ends[i] as usize];
        if spans.is_empty() {
            Items::Empty
        } else {
            Items::Spans(&self.buf, spans)
        }
    }

    /// The record, borrowed from this copy.
    pub fn as_record(&self) -> Record<'_> {
        Record {
            source: &self.source,
            line: self.line,
            account_id: self.field(Field::Account).unwrap_or_default(),
            post_id: self.field(Field::Post),
            time: self.time,
            text: self.field(Field::Text),
            urls: self.list(0),
            hashtags: self.list(1),
            mentions: self.list(2),
            media: self.list(3),
            reshare_of: self.field(Field::Reshare),
            reply_to: self.field(Field::Reply),
            platform: self.field(Field::Platform),
            object_id: self.field(Field::Object),
            community: self.field(Field::Community),
            client: self.field(Field::Client),
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
        let owned = OwnedRecord::new(&rec, Arc::from("in.csv"));
        let copy = owned.as_record();
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
