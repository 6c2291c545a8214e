//! A [`Record`] copied out of the reader's buffer, so that it can outlive the row and move
//! to another thread.

use crate::record::{Items, Record};
use lockstep_model::TimeMs;
use std::borrow::Cow;
use std::sync::Arc;

/// An owned copy of a [`Record`] (without the carried account profile).
///
/// List fields are stored as their items, so [`OwnedRecord::as_record`] yields the same items,
/// in the same order, as the record it was copied from.
#[derive(Debug, Clone)]
pub struct OwnedRecord {
    source: Arc<str>,
    line: u64,
    account_id: String,
    post_id: Option<String>,
    time: TimeMs,
    text: Option<String>,
    urls: Vec<String>,
    hashtags: Vec<String>,
    mentions: Vec<String>,
    media: Vec<String>,
    reshare_of: Option<String>,
    reply_to: Option<String>,
    platform: Option<String>,
    object_id: Option<String>,
}

impl OwnedRecord {
    /// Copies `rec`; `source` is the shared display name of its input (equal to `rec.source`).
    pub fn new(rec: &Record, source: Arc<str>) -> Self {
        debug_assert_eq!(&*source, rec.source);
        let owned = |s: &Option<Cow<str>>| s.as_deref().map(str::to_owned);
        let items = |i: &Items| i.iter().map(Cow::into_owned).collect();
        Self {
            source,
            line: rec.line,
            account_id: rec.account_id.to_string(),
            post_id: owned(&rec.post_id),
            time: rec.time,
            text: owned(&rec.text),
            urls: items(&rec.urls),
            hashtags: items(&rec.hashtags),
            mentions: items(&rec.mentions),
            media: items(&rec.media),
            reshare_of: owned(&rec.reshare_of),
            reply_to: owned(&rec.reply_to),
            platform: owned(&rec.platform),
            object_id: owned(&rec.object_id),
        }
    }

    /// The record, borrowed from this copy.
    pub fn as_record(&self) -> Record<'_> {
        Record {
            source: &self.source,
            line: self.line,
            account_id: Cow::Borrowed(&self.account_id),
            post_id: borrowed(&self.post_id),
            time: self.time,
            text: borrowed(&self.text),
            urls: items(&self.urls),
            hashtags: items(&self.hashtags),
            mentions: items(&self.mentions),
            media: items(&self.media),
            reshare_of: borrowed(&self.reshare_of),
            reply_to: borrowed(&self.reply_to),
            platform: borrowed(&self.platform),
            object_id: borrowed(&self.object_id),
            profile: None,
        }
    }
}

fn borrowed(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

fn items(v: &[String]) -> Items<'_> {
    if v.is_empty() {
        Items::Empty
    } else {
        Items::Owned(v)
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
            media: Items::Empty,
            reshare_of: None,
            reply_to: Some(Cow::Borrowed("p0")),
            platform: None,
            object_id: None,
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
    }
}
