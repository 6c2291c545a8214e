//! Counting what happened to every input row.

use crate::timestamp::TimestampForm;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Why a row was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// The account id is empty or absent.
    MissingAccount,
    /// The timestamp is empty or absent.
    MissingTimestamp,
    /// The timestamp matches no accepted form.
    UnparseableTimestamp,
    /// The timestamp lies outside the supported range.
    TimestampOutOfRange,
    /// The row is not valid UTF-8.
    InvalidUtf8,
    /// The row has a different number of fields than the header.
    WrongFieldCount,
    /// The line is not valid JSON.
    InvalidJson,
    /// The JSON value on the line is not an object.
    NotAnObject,
    /// A JSON object of a platform export that has none of the shapes the format defines.
    UnrecognisedRecord,
    /// A post id already seen in this run (the same post exported twice); the first is kept.
    DuplicatePostId,
    /// A line longer than the reader's limit ([`crate::MAX_LINE_BYTES`]).
    LineTooLong,
}

impl RejectReason {
    /// A short human-readable explanation.
    pub fn describe(self) -> &'static str {
        match self {
            RejectReason::MissingAccount => "missing account_id",
            RejectReason::MissingTimestamp => "missing timestamp",
            RejectReason::UnparseableTimestamp => "unparseable timestamp",
            RejectReason::TimestampOutOfRange => "timestamp out of range",
            RejectReason::InvalidUtf8 => "invalid UTF-8",
            RejectReason::WrongFieldCount => "wrong number of fields",
            RejectReason::InvalidJson => "invalid JSON",
            RejectReason::NotAnObject => "JSON line is not an object",
            RejectReason::UnrecognisedRecord => "not a record of the format",
            RejectReason::DuplicatePostId => "duplicate post id",
            RejectReason::LineTooLong => "line too long",
        }
    }
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// How often one reason occurred, and where first.
#[derive(Debug, Clone, Serialize)]
pub struct RejectTally {
    /// Number of rows rejected for this reason.
    pub count: u64,
    /// Line of the first such row.
    pub first_line: u64,
}

/// What happened to the rows of one input.
#[derive(Debug, Clone, Serialize)]
pub struct FileAccounting {
    /// Display name (path or `-`).
    pub source: String,
    /// Detected or requested format.
    pub format: String,
    /// Detected compression.
    pub compression: String,
    /// Rows read (header and blank lines excluded).
    pub rows_read: u64,
    /// Rows passed on to the pipeline.
    pub rows_used: u64,
    /// Rows rejected, by reason.
    pub rejected: BTreeMap<RejectReason, RejectTally>,
    /// How the used rows' timestamps were written.
    pub timestamp_forms: BTreeMap<TimestampForm, u64>,
    /// The finest step of the used rows' times: 86400000 when every time is a whole UTC day
    /// (dates without a time), 3600000 when every time is a whole hour, 60000 a whole minute,
    /// 1000 a whole second, 1 otherwise; absent when no row was used.
    pub timestamp_resolution_ms: Option<i64>,
    /// Records that are not posts (identity events, deletions, service messages), by kind. They
    /// are not rows: `rows_read` is always `rows_used` plus the rejected rows.
    pub skipped: BTreeMap<&'static str, u64>,
    /// Used rows whose time is the Unix epoch itself (1970-01-01T00:00:00Z), which exports
    /// write where a time is missing; reported as a warning, not in run.json's files.
    #[serde(skip)]
    pub at_epoch: u64,
    /// The list fields (`urls`, `hashtags`, `mentions`) the input has no column for but does
    /// have texts, which were taken from the posts' text; set at the first used row.
    #[serde(skip)]
    pub found_in_text: Option<Vec<&'static str>>,
}

impl FileAccounting {
    pub(crate) fn new(source: &str, format: &str, compression: &str) -> Self {
        Self {
            source: source.to_string(),
            format: format.to_string(),
            compression: compression.to_string(),
            rows_read: 0,
            rows_used: 0,
            rejected: BTreeMap::new(),
            timestamp_forms: BTreeMap::new(),
            timestamp_resolution_ms: None,
            skipped: BTreeMap::new(),
            at_epoch: 0,
            found_in_text: None,
        }
    }

    /// Counts a used row and its time's form and resolution.
    pub(crate) fn used(&mut self, time: i64, form: TimestampForm) {
        self.rows_used += 1;
        *self.timestamp_forms.entry(form).or_insert(0) += 1;
        self.at_epoch += u64::from(time == 0);
        // Each step divides the one before it, so only steps no coarser than the resolution
        // so far are tried: once a row has shown seconds, each row costs one division.
        const STEPS: [i64; 5] = [86_400_000, 3_600_000, 60_000, 1_000, 1];
        let so_far = self.timestamp_resolution_ms.unwrap_or(STEPS[0]);
        let step = STEPS
            .into_iter()
            .filter(|&step| step <= so_far)
            .find(|&step| time % step == 0)
            .unwrap_or(1);
        self.timestamp_resolution_ms = Some(step);
    }

    /// Counts a record that is not a post.
    pub(crate) fn skip(&mut self, kind: &'static str) {
        *self.skipped.entry(kind).or_insert(0) += 1;
    }

    pub(crate) fn reject(&mut self, reason: RejectReason, line: u64) {
        self.rejected
            .entry(reason)
            .and_modify(|t| t.count += 1)
            .or_insert(RejectTally {
                count: 1,
                first_line: line,
            });
    }

    /// Total rows rejected.
    pub fn rows_rejected(&self) -> u64 {
        self.rejected.values().map(|t| t.count).sum()
    }
}

/// Accounting over all inputs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Accounting {
    /// One entry per input, in the order given.
    pub files: Vec<FileAccounting>,
    /// How the accounts file, when one was given, met the posts.
    pub accounts_file: Option<AccountsFileUse>,
}

/// How an accounts file met the posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AccountsFileUse {
    /// Profiles the file holds.
    pub profiles: u64,
    /// Accounts of the posts that one of them describes.
    pub described: u64,
    /// Whether the profiles were matched by their handles, the file's ids naming too few of
    /// the posts' accounts.
    pub by_handle: bool,
}

impl Accounting {
    /// Rows read over all inputs.
    pub fn rows_read(&self) -> u64 {
        self.files.iter().map(|f| f.rows_read).sum()
    }

    /// Rows used over all inputs.
    pub fn rows_used(&self) -> u64 {
        self.files.iter().map(|f| f.rows_used).sum()
    }

    /// Rows rejected over all inputs, by reason.
    pub fn rejected_by_reason(&self) -> BTreeMap<RejectReason, u64> {
        let mut out = BTreeMap::new();
        for f in &self.files {
            for (reason, tally) in &f.rejected {
                *out.entry(*reason).or_insert(0) += tally.count;
            }
        }
        out
    }

    /// The coarsest timestamp resolution of any input with used rows, in milliseconds.
    pub fn coarsest_resolution_ms(&self) -> Option<i64> {
        self.files
            .iter()
            .filter_map(|f| f.timestamp_resolution_ms)
            .max()
    }

    /// Used rows, over all inputs, whose time is the Unix epoch itself.
    pub fn rows_at_epoch(&self) -> u64 {
        self.files.iter().map(|f| f.at_epoch).sum()
    }

    /// Used rows per timestamp form over all inputs.
    pub fn timestamp_forms(&self) -> BTreeMap<TimestampForm, u64> {
        let mut out = BTreeMap::new();
        for f in &self.files {
            for (form, n) in &f.timestamp_forms {
                *out.entry(*form).or_insert(0) += n;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The resolution of `times`, each counted as a used row.
    fn resolution(times: &[i64]) -> Option<i64> {
        let mut file = FileAccounting::new("posts.csv", "csv", "none");
        for &t in times {
            file.used(t, TimestampForm::EpochMillis);
        }
        file.timestamp_resolution_ms
    }

    #[test]
    fn the_resolution_is_the_finest_step_of_any_row() {
        const DAY: i64 = 86_400_000;
        assert_eq!(resolution(&[]), None);
        assert_eq!(resolution(&[3 * DAY, -2 * DAY]), Some(DAY));
        assert_eq!(
            resolution(&[3 * DAY, 5 * 3_600_000, -3_600_000]),
            Some(3_600_000)
        );
        assert_eq!(resolution(&[DAY, -7 * 60_000]), Some(60_000));
        assert_eq!(resolution(&[DAY, 61_000]), Some(1_000));
        assert_eq!(resolution(&[DAY, -61_001]), Some(1));
    }
}
