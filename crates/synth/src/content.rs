//! What a post says, stored compactly as seeds and ids, and its rendering into CSV fields.

use crate::accounts::Account;
use crate::links::{DomainTable, Link};
use crate::tags::TagTable;
use crate::text;
use crate::vocab::{Lang, Vocab, GREETINGS};

/// The text of a post, as a recipe.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Text {
    /// An ordinary sentence of `words` words.
    Sentence { seed: u64, words: u8 },
    /// An entry of [`GREETINGS`].
    Greeting(u16),
    /// A news headline.
    Headline(u64),
    /// A short slogan.
    Short(u64),
    /// A campaign message with a member's small edits.
    Copy { message: u64, edit: u64 },
}

/// Up to three hashtag ids.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TagList {
    ids: [u32; 3],
    len: u8,
}

impl TagList {
    /// Adds `id` unless it is already there or the list is full.
    pub(crate) fn push(&mut self, id: u32) {
        let n = usize::from(self.len);
        if n < self.ids.len() && !self.ids[..n].contains(&id) {
            self.ids[n] = id;
            self.len += 1;
        }
    }

    pub(crate) fn as_slice(&self) -> &[u32] {
        &self.ids[..usize::from(self.len)]
    }
}

/// Everything a post says.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Content {
    pub(crate) lang: Lang,
    pub(crate) text: Text,
    pub(crate) link: Option<Link>,
    pub(crate) tags: TagList,
    /// A mentioned account (index).
    pub(crate) mention: Option<u32>,
}

impl Content {
    /// Content with only a text.
    pub(crate) fn plain(lang: Lang, text: Text) -> Self {
        Content {
            lang,
            text,
            link: None,
            tags: TagList::default(),
            mention: None,
        }
    }
}

/// Renders content into the text, urls, hashtags and mentions fields.
pub(crate) struct Renderer<'a> {
    pub(crate) vocab: &'a Vocab,
    pub(crate) tags: &'a TagTable,
    pub(crate) domains: &'a DomainTable,
    pub(crate) accounts: &'a [Account],
    /// `YYYY/MM/DD` of each day of the window, for article paths.
    pub(crate) dates: Vec<String>,
}

impl Renderer<'_> {
    /// The handle of account `index`.
    pub(crate) fn handle(&self, index: u32) -> &str {
        self.accounts
            .get(index as usize)
            .map_or("", |a| a.handle.as_str())
    }

    /// The full post text: a mention first, then the text, the hashtags and the link `url`
    /// (as rendered by [`Renderer::urls`]).
    pub(crate) fn text(&self, c: &Content, url: &str, out: &mut String) {
        if let Some(m) = c.mention {
            out.push('@');
            out.push_str(self.handle(m));
            out.push(' ');
        }
        match c.text {
            Text::Sentence { seed, words } => text::sentence(self.vocab, c.lang, seed, words, out),
            Text::Greeting(i) => {
                out.push_str(GREETINGS.get(usize::from(i)).map_or("", |g| g.2));
            }
            Text::Headline(seed) => text::headline(self.vocab, c.lang, seed, out),
            Text::Short(seed) => text::short(self.vocab, c.lang, seed, out),
            Text::Copy { message, edit } => {
                text::copypasta(self.vocab, c.lang, message, edit, out);
            }
        }
        for &t in c.tags.as_slice() {
            out.push_str(" #");
            out.push_str(self.tags.name(t));
        }
        if !url.is_empty() {
            out.push(' ');
            out.push_str(url);
        }
    }

    /// The `urls` field.
    pub(crate) fn urls(&self, c: &Content, out: &mut String) {
        if let Some(link) = &c.link {
            self.domains.render(self.vocab, link, &self.dates, out);
        }
    }

    /// The `hashtags` field (names without `#`, space-separated).
    pub(crate) fn hashtags(&self, c: &Content, out: &mut String) {
        for (i, &t) in c.tags.as_slice().iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.tags.name(t));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_lists_hold_three_distinct_tags() {
        let mut t = TagList::default();
        for id in [4, 4, 5, 6, 7] {
            t.push(id);
        }
        assert_eq!(t.as_slice(), &[4, 5, 6]);
    }
}
