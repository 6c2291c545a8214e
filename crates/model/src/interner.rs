use crate::{filled_on_huge_pages, StrColumn};
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Maps strings to dense `u32` ids in first-seen order and back.
///
/// Strings are stored once, in a [`StrColumn`]; the id is the string's position in it. The
/// lookup index is an open-addressing table probed linearly, each slot holding an id with its
/// string's hash and where the string lies in the column: a lookup reads one cache line of
/// the table (a general hash table reads its control bytes and its entry in two) and, to
/// confirm a hit, the string's bytes and nothing else. Interning tens of millions of ids is
/// bound by memory latency, so the table also asks for huge pages ([`filled_on_huge_pages`]).
#[derive(Default, Debug, Clone)]
pub struct Interner {
    strings: StrColumn,
    /// A power of two of slots, at most three quarters of them used.
    slots: Vec<Entry>,
}

/// One slot of the lookup index.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The high half of the string's hash, from which its slot is found again on growth.
    hash: u32,
    /// The string's id; [`Entry::EMPTY`]'s marks a free slot.
    id: u32,
    /// Where the string lies in the column: its start and length, packed by [`Span`].
    span: Span,
}

impl Entry {
    /// A free slot: no string has the id `u32::MAX` (see [`Interner::intern`]).
    const EMPTY: Entry = Entry {
        hash: 0,
        id: u32::MAX,
        span: Span::FAR,
    };

    fn is_free(&self) -> bool {
        self.id == u32::MAX
    }
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

/// The first slot to probe for a string of hash `hash` in a table of `2^bits` slots: the top
/// bits of the hash spread over 64 bits (Fibonacci hashing).
fn home_slot(hash: u32, bits: u32) -> usize {
    (u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `s`, adding it if it is new.
    ///
    /// # Panics
    /// Panics if `u32::MAX` distinct strings or more are interned.
    pub fn intern(&mut self, s: &str) -> u32 {
        let hash = Self::hash_of(s);
        if (self.strings.len() + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let slot = match self.probe(hash, s) {
            Ok(id) => return id,
            Err(free) => free,
        };
        let id = u32::try_from(self.strings.len())
            .ok()
            .filter(|&id| id != u32::MAX)
            .expect("u32::MAX distinct strings or more");
        let span = Span::new(self.strings.end(), s.len());
        self.strings.push(s);
        self.slots[slot] = Entry { hash, id, span };
        id
    }

    /// The id of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(Self::hash_of(s), s).ok()
    }

    /// The high half of the hash of `s`.
    fn hash_of(s: &str) -> u32 {
        (FxBuildHasher.hash_one(s) >> 32) as u32
    }

    /// The id of `s`, whose hash is `hash`, or the free slot where it would go. The table must
    /// have a free slot.
    fn probe(&self, hash: u32, s: &str) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut i = home_slot(hash, self.slots.len().trailing_zeros());
        loop {
            let e = &self.slots[i];
            if e.is_free() {
                return Err(i);
            }
            if e.hash == hash && self.holds(e, s) {
                return Ok(e.id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether the string of `e` is `s`.
    fn holds(&self, e: &Entry, s: &str) -> bool {
        match e.span.get() {
            Some((start, len)) => {
                len == s.len() && self.strings.bytes_at(start, len) == Some(s.as_bytes())
            }
            None => self.strings.get(e.id as usize) == s,
        }
    }

    /// Doubles the table (or makes its first 64 slots).
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(64);
        let mut slots = filled_on_huge_pages(n, Entry::EMPTY);
        let (mask, bits) = (n - 1, n.trailing_zeros());
        for e in self.slots.iter().filter(|e| !e.is_free()) {
            let mut i = home_slot(e.hash, bits);
            while !slots[i].is_free() {
                i = (i + 1) & mask;
            }
            slots[i] = *e;
        }
        self.slots = slots;
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

    #[test]
    fn many_strings_keep_their_ids_through_growth() {
        let mut i = Interner::new();
        let name = |k: usize| format!("post-{k}");
        for k in 0..100_000 {
            assert_eq!(i.intern(&name(k)), k as u32);
        }
        for k in (0..100_000).rev() {
            assert_eq!(i.intern(&name(k)), k as u32);
            assert_eq!(i.get(&name(k)), Some(k as u32));
            assert_eq!(i.resolve(k as u32), name(k));
        }
        assert_eq!(i.get("post-100000"), None);
        assert_eq!(i.len(), 100_000);
        assert_eq!(Interner::new().get("post-0"), None);
    }

    #[test]
    fn strings_too_long_for_a_span_are_found_through_the_column() {
        let long = "x".repeat(1 << Span::LEN_BITS);
        let mut i = Interner::new();
        assert_eq!(i.intern("a"), 0);
        assert_eq!(i.intern(&long), 1);
        assert_eq!(i.intern(&long[1..]), 2);
        assert_eq!(i.get(&long), Some(1));
        assert_eq!(i.get(&long[1..]), Some(2));
        assert_eq!(i.resolve(1).len(), 1 << Span::LEN_BITS);
    }
}
