use crate::StrColumn;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Maps strings to dense `u32` ids in first-seen order and back.
///
/// Strings are stored once, in a [`StrColumn`]; the id is the string's position in it. The
/// lookup index holds each id with its string's hash.
#[derive(Default, Debug, Clone)]
pub struct Interner {
    strings: StrColumn,
    index: HashTable<(u64, u32)>,
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
        let hash = FxBuildHasher.hash_one(s);
        if let Some(id) = self.find(hash, s) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).expect("more than u32::MAX distinct strings");
        self.strings.push(s);
        self.index.insert_unique(hash, (hash, id), |&(h, _)| h);
        id
    }

    /// The id of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<u32> {
        self.find(FxBuildHasher.hash_one(s), s)
    }

    /// The id of `s`, whose hash is `hash`, if it was interned.
    fn find(&self, hash: u64, s: &str) -> Option<u32> {
        self.index
            .find(hash, |&(h, id)| {
                h == hash && self.strings.get(id as usize) == s
            })
            .map(|&(_, id)| id)
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
