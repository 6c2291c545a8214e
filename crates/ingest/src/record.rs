//! One input row, reduced to the canonical fields and borrowed from the reader's buffer.

use crate::accounts::AccountProfile;
use crate::field::Field;
use crate::formats::{hashtags_in, is_list_literal, list_literal, mentions_in, urls_in};
use lockstep_model::TimeMs;
use std::borrow::Cow;

/// The items of a list field: whitespace-separated text (CSV) or a JSON array.
#[derive(Debug, Clone, Default)]
pub enum Items<'a> {
    /// The field is absent or empty.
    #[default]
    Empty,
    /// Whitespace-separated items.
    Spaced(&'a str),
    /// A list literal in one text field: `["a", "b"]` (JSON) or `['a', 'b']` (Python, as
    /// pandas writes a list in a CSV cell); see [`Items::of_text`].
    Literal(&'a str),
    /// A JSON array; string and number elements are items.
    List(&'a [serde_json::Value]),
    /// The links, `#tags` or `@mentions` (by the field) written in a post's text, for an
    /// input without a column for them.
    InText(&'a str, Field),
    /// Items a native reader extracted, one per string.
    Owned(&'a [String]),
    /// Items copied into one buffer, as byte ranges of it.
    Spans(&'a str, &'a [(u32, u32)]),
}

impl<'a> Items<'a> {
    /// The items of a list field given as text: a list literal (the text, trimmed, is one
    /// bracketed list: `["a", "b"]`, `['a', 'b']`, `[a, b]`), or else words separated by
    /// whitespace.
    pub fn of_text(text: &'a str) -> Self {
        let t = text.trim();
        if is_list_literal(t) {
            Items::Literal(t)
        } else {
            Items::Spaced(text)
        }
    }

    /// The items, in order.
    pub fn iter(&self) -> ItemsIter<'a> {
        match *self {
            Items::Empty => ItemsIter::Spans("", [].iter()),
            Items::Spaced(s) => ItemsIter::Spaced(s.split_whitespace()),
            Items::Literal(s) => ItemsIter::Literal(list_literal(s).into_iter()),
            Items::InText(text, field) => ItemsIter::Literal(
                match field {
                    Field::Urls => urls_in(text),
                    Field::Hashtags => hashtags_in(text),
                    Field::Mentions => mentions_in(text),
                    _ => Vec::new(),
                }
                .into_iter(),
            ),
            Items::Owned(items) => ItemsIter::Owned(items.iter()),
            Items::Spans(buf, spans) => ItemsIter::Spans(buf, spans.iter()),
            Items::List(values) => ItemsIter::List(Box::new(values.iter().flat_map(|v| match v {
                serde_json::Value::String(s) => {
                    Box::new(s.split_whitespace().map(Cow::Borrowed)) as Box<dyn Iterator<Item = _>>
                }
                serde_json::Value::Number(n) => {
                    Box::new(std::iter::once(Cow::Owned(n.to_string())))
                }
                _ => Box::new(std::iter::empty()),
            }))),
        }
    }
}

/// The items of an [`Items`], in order. Iterating the forms CSV rows and copied records use
/// allocates nothing.
pub enum ItemsIter<'a> {
    /// Whitespace-separated items.
    Spaced(std::str::SplitWhitespace<'a>),
    /// One item per string.
    Owned(std::slice::Iter<'a, String>),
    /// Byte ranges of a buffer.
    Spans(&'a str, std::slice::Iter<'a, (u32, u32)>),
    /// The items of a list literal, or found in a text, parsed.
    Literal(std::vec::IntoIter<String>),
    /// The elements of a JSON array.
    List(Box<dyn Iterator<Item = Cow<'a, str>> + 'a>),
}

impl<'a> Iterator for ItemsIter<'a> {
    type Item = Cow<'a, str>;

    fn next(&mut self) -> Option<Cow<'a, str>> {
        match self {
            ItemsIter::Spaced(words) => words.next().map(Cow::Borrowed),
            ItemsIter::Owned(items) => items.next().map(|s| Cow::Borrowed(s.as_str())),
            ItemsIter::Spans(buf, spans) => {
                let buf: &'a str = buf;
                spans
                    .next()
                    .map(|&(start, end)| Cow::Borrowed(&buf[start as usize..end as usize]))
            }
            ItemsIter::List(items) => items.next(),
            ItemsIter::Literal(items) => items.next().map(Cow::Owned),
        }
    }
}

/// One usable input row.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    /// Display name of the input the row came from.
    pub source: &'a str,
    /// 1-based line number of the row's start in that input.
    pub line: u64,
    /// The acting account; `platform:id` when the row names its platform.
    pub account_id: Cow<'a, str>,
    /// The post's id, when the input has one; `platform:id` when the row names its platform.
    pub post_id: Option<Cow<'a, str>>,
    /// When, in milliseconds since the epoch.
    pub time: TimeMs,
    /// Post text.
    pub text: Option<Cow<'a, str>>,
    /// URLs in the post.
    pub urls: Items<'a>,
    /// Hashtags.
    pub hashtags: Items<'a>,
    /// Mentioned accounts.
    pub mentions: Items<'a>,
    /// Media ids or hashes.
    pub media: Items<'a>,
    /// Id of the reshared post.
    pub reshare_of: Option<Cow<'a, str>>,
    /// Id of the post replied to.
    pub reply_to: Option<Cow<'a, str>>,
    /// Platform name.
    pub platform: Option<Cow<'a, str>>,
    /// Where the post was made (subreddit, channel, group or page, instance).
    pub community: Option<Cow<'a, str>>,
    /// The app or tool the post was made with.
    pub client: Option<Cow<'a, str>>,
    /// Generic form: the object acted on.
    pub object_id: Option<Cow<'a, str>>,
    /// The account's profile, when the export carries one on every post (twitter-io).
    pub profile: Option<&'a AccountProfile>,
}
