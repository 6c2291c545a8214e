use crate::StrColumn;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Maps strings to dense `u32` ids in first-seen order and back.
///
/// Strings are stored once, in a [`StrColumn`]; the id is the string's position in it. The
/// lookup index holds each id with its string's hash and where the string lies in the column,
/// so that confirming a hit reads the string's bytes and nothing else: interning tens of
/// millions of ids is bound by memory latency.
#[derive(Default, Debug, Clone)]
pub struct Interner {
    strings: StrColumn,
    index: HashTable<Entry>,
}

/// One string of the lookup index.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The high half of the string's hash, from which the table's hash is rebuilt on growth.
    hash: u32,
    id: u32,
    /// Where the string lies in the column: its start and length, packed by [`Span`].
    span: Span,
}

/// A string's start (40 bits) and length (24 bits) in one word; a string that does not fit
/// is marked [`Span::FAR`] and found through the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span(u64);

impl Span {
    const LEN_BITS: u32 = 24;
    const FAR: Span = Span(u64::MAX);

    fn new(start: usize, len: usize) -> Self {
        match (u64::try_from(start), u64::try_from(len)) {
            (Ok(start), Ok(len)) if start < 1 << 40 && len < (1 << Self::LEN_BITS) - 1 => {
                Span(start << Self::LEN_BITS | len)
            }
            _ => Self::FAR,
        }
    }

    /// The start and length, unless the string is far.
    fn get(self) -> Option<(usize, usize)> {
        (self != Self::FAR).then_some({
            (
                (self.0 >> Self::LEN_BITS) as usize,
                (self.0 & ((1 << Self::LEN_BITS) - 1)) as usize,
            )
        })
    }
}

/// The table's hash of an entry: the stored high half of the string's hash, spread over 64
/// bits (the table places entries by the low bits and tags them with the top ones).
fn table_hash(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `s`, adding it if it is new.
    ///
    /// # Panics
    /// Panics if more than `u32::MAX` distinct strings are interned.
    pub fn intern(&mut self, s: &str) -> u32 {
        let hash = Self::hash_of(s);
        if let Some(id) = self.find(hash, s) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).expect("more than u32::MAX distinct strings");
        let span = Span::new(self.strings.end(), s.len());
        self.strings.push(s);
        self.index
            .insert_unique(table_hash(hash), Entry { hash, id, span }, |e| {
                table_hash(e.hash)
            });
        id
    }

    /// The id of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<u32> {
        self.find(Self::hash_of(s), s)
    }

    /// The high half of the hash of `s`.
    fn hash_of(s: &str) -> u32 {
        (FxBuildHasher.hash_one(s) >> 32) as u32
    }

    /// The id of `s`, whose hash is `hash`, if it was interned.
    fn find(&self, hash: u32, s: &str) -> Option<u32> {
        self.index
            .find(table_hash(hash), |e| {
                e.hash == hash
                    && match e.span.get() {
                        Some((start, len)) => {
                            len == s.len()
                                && self.strings.bytes_at(start, len) == Some(s.as_bytes())
                        }
                        None => self.strings.get(e.id as usize) == s,
                    }
            })
            .map(|e| e.id)
    }

    /// The string behind `id`.
    ///
    /// # Panics
    /// Panics if `id` was not returned by this interner.
    pub fn resolve(&self, id: u32) -> &str {
        self.strings.get(id as usize)
    }

    /// The strings in id order, dropping the lookup index.
    pub fn into_strings(self) -> StrColumn {
        self.strings
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// True when nothing was interned.
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dense_and_stable() {
        let mut i = Interner::new();
        assert_eq!(i.intern("a"), 0);
        assert_eq!(i.intern("bb"), 1);
        assert_eq!(i.intern("a"), 0);
        assert_eq!(i.intern(""), 2);
        assert_eq!(i.resolve(1), "bb");
        assert_eq!(i.resolve(2), "");
        assert_eq!(i.resolve(0), "a");
        assert_eq!(i.get("zz"), None);
        assert_eq!(i.len(), 3);
        let strings = i.into_strings();
        assert_eq!((strings.get(0), strings.get(2)), ("a", ""));
    }
}
