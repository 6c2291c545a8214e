//! Where every row ends up: passed to the sink, or counted (and written out) as rejected.

use crate::accounting::{FileAccounting, RejectReason};
use crate::field::Field;
use crate::record::Record;
use crate::rejects::Rejects;
use crate::row::{self, RowFields};
use lockstep_model::filled_on_huge_pages;
use std::borrow::Cow;
use std::hash::{Hash, Hasher};

/// Post ids seen so far in a run, as 64-bit hashes (8 bytes per post, the table at most three
/// quarters full).
///
/// An open-addressing table probed linearly: checking a post reads and writes one cache line,
/// where a general hash set reads its control bytes and writes its entry in two. With tens of
/// millions of posts each is a wait on main memory, and the table asks for huge pages
/// ([`filled_on_huge_pages`]) so that it is not also a walk of the page table.
#[derive(Default)]
pub(crate) struct SeenPosts {
    slots: Vec<u64>,
    len: usize,
}

impl SeenPosts {
    /// Marks an empty slot. An id hashing to it is taken as hashing to 1.
    const EMPTY: u64 = 0;

    /// True the first time `id` is offered.
    fn first(&mut self, id: &str) -> bool {
        let mut h = std::hash::DefaultHasher::new();
        id.hash(&mut h);
        let hash = h.finish().max(1);
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let added = Self::add(&mut self.slots, hash);
        self.len += usize::from(added);
        added
    }

    /// Adds `hash` to `slots` (a power of two of them, not all full); false if it was there.
    fn add(slots: &mut [u64], hash: u64) -> bool {
        let mask = slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match slots[i] {
                Self::EMPTY => {
                    slots[i] = hash;
                    return true;
                }
                h if h == hash => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Doubles the table.
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(1024);
        let mut slots = filled_on_huge_pages(n, Self::EMPTY);
        for &hash in self.slots.iter().filter(|&&h| h != Self::EMPTY) {
            Self::add(&mut slots, hash);
        }
        self.slots = slots;
    }
}

/// The destination of one input's rows.
pub(crate) struct Rows<'r> {
    /// Display name of the input.
    pub(crate) source: &'r str,
    /// The input's counts.
    pub(crate) file: &'r mut FileAccounting,
    rejects: Option<&'r mut Rejects>,
    /// The run's post ids; `None` when the rows are a part of an input read on its own, whose
    /// duplicates are found where the parts are put together.
    seen: Option<&'r mut SeenPosts>,
    sink: &'r mut dyn FnMut(&Record),
}

impl<'r> Rows<'r> {
    pub(crate) fn new(
        source: &'r str,
        file: &'r mut FileAccounting,
        rejects: Option<&'r mut Rejects>,
        seen: Option<&'r mut SeenPosts>,
        sink: &'r mut dyn FnMut(&Record),
    ) -> Self {
        Self {
            source,
            file,
            rejects,
            seen,
            sink,
        }
    }

    /// Counts a row that cannot be used and writes it to the rejects file.
    pub(crate) fn reject(&mut self, reason: RejectReason, line: u64, raw: &[u8]) {
        self.file.rows_read += 1;
        self.file.reject(reason, line);
        if let Some(rejects) = self.rejects.as_deref_mut() {
            rejects.write(self.source, line, reason, raw);
        }
    }

    /// Counts a record that is not a post (not a row).
    pub(crate) fn skip(&mut self, kind: &'static str) {
        self.file.skip(kind);
    }

    /// Builds the row's record and passes it on, or rejects it.
    ///
    /// A post id seen before (in any input of the run) is rejected as a duplicate, except in
    /// generic rows (`object_id`), where one post legitimately spans several rows.
    pub(crate) fn offer<'a, 'x>(
        &mut self,
        fields: &impl RowFields<'a>,
        line: u64,
        raw: impl FnOnce() -> Cow<'x, [u8]>,
    ) where
        'r: 'a,
    {
        let built = row::build(fields, self.source, line).and_then(|(record, form)| {
            let duplicate = match (&record.post_id, &record.object_id, self.seen.as_deref_mut()) {
                (Some(id), None, Some(seen)) => !seen.first(id),
                _ => false,
            };
            if duplicate {
                Err(RejectReason::DuplicatePostId)
            } else {
                Ok((record, form))
            }
        });
        match built {
            Ok((record, form)) => {
                if self.file.found_in_text.is_none() {
                    let texts = fields.has_column(Field::Text);
                    self.file.found_in_text = Some(
                        row::FOUND_IN_TEXT
                            .into_iter()
                            .filter(|&f| texts && !fields.has_column(f))
                            .map(Field::name)
                            .collect(),
                    );
                }
                self.file.rows_read += 1;
                self.file.used(record.time, form);
                (self.sink)(&record);
            }
            Err(reason) => self.reject(reason, line, &raw()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SeenPosts;

    #[test]
    fn each_id_is_first_once_across_growth() {
        let mut seen = SeenPosts::default();
        let ids: Vec<String> = (0..5_000).map(|i| format!("post-{i}")).collect();
        assert!(ids.iter().all(|id| seen.first(id)));
        assert_eq!(seen.len, 5_000);
        // 5,000 hashes at most three quarters full: 8,192 slots after three doublings.
        assert_eq!(seen.slots.len(), 8_192);
        assert!(ids.iter().all(|id| !seen.first(id)));
        assert!(seen.first("post-5000"));
        assert_eq!(seen.len, 5_001);
    }
}
