//! Where every row ends up: passed to the sink, or counted (and written out) as rejected.

use crate::accounting::{FileAccounting, RejectReason};
use crate::record::Record;
use crate::rejects::Rejects;
use crate::row::{self, RowFields};
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::hash::{Hash, Hasher};

/// Post ids seen so far in a run, as 64-bit hashes (8 bytes per post).
#[derive(Default)]
pub(crate) struct SeenPosts(FxHashSet<u64>);

impl SeenPosts {
    /// True the first time `id` is offered.
    fn first(&mut self, id: &str) -> bool {
        let mut h = std::hash::DefaultHasher::new();
        id.hash(&mut h);
        self.0.insert(h.finish())
    }
}

/// The destination of one input's rows.
pub(crate) struct Rows<'r> {
    /// Display name of the input.
    pub(crate) source: &'r str,
    /// The input's counts.
    pub(crate) file: &'r mut FileAccounting,
    rejects: Option<&'r mut Rejects>,
    seen: &'r mut SeenPosts,
    sink: &'r mut dyn FnMut(&Record),
}

impl<'r> Rows<'r> {
    pub(crate) fn new(
        source: &'r str,
        file: &'r mut FileAccounting,
        rejects: Option<&'r mut Rejects>,
        seen: &'r mut SeenPosts,
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
            let duplicate = match (&record.post_id, &record.object_id) {
                (Some(id), None) => !self.seen.first(id),
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
                self.file.rows_read += 1;
                self.file.used(record.time, form);
                (self.sink)(&record);
            }
            Err(reason) => self.reject(reason, line, &raw()),
        }
    }
}
