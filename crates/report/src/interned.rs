//! Strings stored once and referred to by position.

use std::collections::HashMap;

/// Strings stored once and referred to by position.
#[derive(Default)]
pub(crate) struct Interned {
    /// The strings, by position.
    pub(crate) list: Vec<String>,
    position: HashMap<String, usize>,
}

impl Interned {
    /// Position of `s`, and whether it was new.
    pub(crate) fn insert(&mut self, s: &str) -> (usize, bool) {
        if let Some(&i) = self.position.get(s) {
            return (i, false);
        }
        self.list.push(s.to_string());
        self.position.insert(s.to_string(), self.list.len() - 1);
        (self.list.len() - 1, true)
    }

    /// Position of `s`.
    pub(crate) fn position_of(&mut self, s: &str) -> usize {
        self.insert(s).0
    }

    /// Position of `s`, if it is stored.
    pub(crate) fn find(&self, s: &str) -> Option<usize> {
        self.position.get(s).copied()
    }
}
