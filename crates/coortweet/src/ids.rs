//! Dense ids for borrowed strings.

use rustc_hash::FxHashMap;

/// Maps strings to dense ids in first-seen order.
#[derive(Default)]
pub(crate) struct IdMap<'a> {
    ids: FxHashMap<&'a str, usize>,
}

impl<'a> IdMap<'a> {
    /// The id of `s`, assigning the next free one if `s` is new.
    pub(crate) fn id(&mut self, s: &'a str) -> usize {
        let next = self.ids.len();
        *self.ids.entry(s).or_insert(next)
    }

    /// Number of distinct strings seen.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }
}
