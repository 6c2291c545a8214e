/// An append-only column of strings stored in one byte arena, indexed by position.
#[derive(Default, Debug, Clone)]
pub struct StrColumn {
    arena: String,
    ends: Vec<usize>,
}

impl StrColumn {
    /// Appends `s` and returns its position.
    pub fn push(&mut self, s: &str) -> usize {
        self.arena.push_str(s);
        self.ends.push(self.arena.len());
        self.ends.len() - 1
    }

    /// The string at position `i`.
    ///
    /// # Panics
    /// Panics if `i >= self.len()`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.arena[start..self.ends[i]]
    }

    /// The bytes of the column from `start` to `start + len`, if it holds that many (for a
    /// lookup that already knows where a string lies).
    pub(crate) fn bytes_at(&self, start: usize, len: usize) -> Option<&[u8]> {
        self.arena.as_bytes().get(start..start.checked_add(len)?)
    }

    /// Where the next string pushed will start.
    pub(crate) fn end(&self) -> usize {
        self.arena.len()
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::StrColumn;

    #[test]
    fn keeps_duplicates_and_empty_strings_in_order() {
        let mut c = StrColumn::default();
        assert_eq!(c.push("x"), 0);
        assert_eq!(c.push(""), 1);
        assert_eq!(c.push("x"), 2);
        assert_eq!((c.get(0), c.get(1), c.get(2)), ("x", "", "x"));
        assert_eq!(c.len(), 3);
    }
}
