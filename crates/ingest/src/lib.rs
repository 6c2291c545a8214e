//! Streaming ingest of posts for lockstep.
//!
//! Inputs (CSV, TSV or JSON Lines with canonical or mapped columns, or a platform's own export
//! format, optionally gzip- or zstd-compressed, files or standard input, or Arrow record
//! batches already in memory) are read row by row;
//! each usable row is handed to a sink as a borrowed [`Record`] and then dropped, so raw text
//! that no signal needs never accumulates in memory. Every row is either passed on or counted as
//! rejected with a reason ([`Accounting`]), and optionally written to a rejects file;
//! structurally broken input is an [`IngestError`] naming the file, line and column.

mod accounting;
mod accounts;
mod columnar;
mod csv_rows;
mod error;
mod field;
mod format;
mod formats;
mod ipc_check;
mod json_lines;
mod lines;
mod owned;
mod record;
mod rejects;
mod row;
mod rows;
mod sniff;
mod source;
mod tabular;
mod timestamp;

pub use accounting::{Accounting, AccountsFileUse, FileAccounting, RejectReason, RejectTally};
pub use accounts::{read_accounts, AccountProfile};
pub use error::IngestError;
pub use field::{ColumnMap, Field};
pub use format::Format;
pub use lines::MAX_LINE_BYTES;
pub use owned::OwnedRecords;
pub use record::{Items, ItemsIter, Record};
pub use source::{ArrowTable, Compression, Input};
pub use timestamp::{parse_timestamp, TimestampError, TimestampForm};

use rejects::Rejects;
use rows::{Rows, SeenPosts};
use std::path::PathBuf;

/// How to read the inputs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Format of every input; detected per input when `None`.
    pub format: Option<Format>,
    /// Column mapping applied to every input.
    pub columns: ColumnMap,
    /// An input fails when more than this fraction of its rows is rejected (and at least
    /// [`IngestOptions::min_rows_for_failure`] rows were read), or when none of its rows is usable.
    pub max_rejected_fraction: f64,
    /// Below this many rows, a high rejection rate alone does not fail the input.
    pub min_rows_for_failure: u64,
    /// Where to write every rejected row with its source, line and reason.
    pub rejects: Option<PathBuf>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            format: None,
            columns: ColumnMap::default(),
            max_rejected_fraction: 0.5,
            min_rows_for_failure: 10,
            rejects: None,
        }
    }
}

/// Reads every input in order, calling `sink` with each usable row.
///
/// A post id met twice (in any inputs) is used the first time and rejected after that.
pub fn read_posts(
    inputs: &[Input],
    options: &IngestOptions,
    sink: &mut dyn FnMut(&Record),
) -> Result<Accounting, IngestError> {
    let mut accounting = Accounting::default();
    let mut rejects = options
        .rejects
        .as_deref()
        .map(Rejects::create)
        .transpose()?;
    let mut seen = SeenPosts::default();
    for input in inputs {
        let source = input.display_name();
        let mut file;
        if let Input::Arrow(table) = input {
            file = FileAccounting::new(&source, Format::ArrowIpc.name(), "none");
            let mut rows = Rows::new(&source, &mut file, rejects.as_mut(), Some(&mut seen), sink);
            columnar::read_table(table, &options.columns, &mut rows)?;
        } else {
            let opened = source::open(input, options.format)?;
            file = FileAccounting::new(&source, opened.format.name(), opened.compression.name());
            let mut rows = Rows::new(&source, &mut file, rejects.as_mut(), Some(&mut seen), sink);
            formats::read(opened.format, opened.reader, &options.columns, &mut rows)?;
        }
        check_rejections(&file, options)?;
        accounting.files.push(file);
    }
    if let Some(rejects) = rejects {
        rejects.finish()?;
    }
    Ok(accounting)
}

/// Reads one part of an in-memory input on its own, calling `sink` with each row that makes a
/// record, numbered from 1 within the part.
///
/// A part is a run of consecutive rows of a larger input (a partition of a cluster's table).
/// Rows make records here exactly as in [`read_posts`], except that nothing is counted and no
/// post id is checked against others: reading the whole input again, in order, does that,
/// and rejects a duplicate that a part passed on.
pub fn read_table_part(
    table: &ArrowTable,
    columns: &ColumnMap,
    sink: &mut dyn FnMut(&Record),
) -> Result<(), IngestError> {
    let mut file = FileAccounting::new(&table.name, Format::ArrowIpc.name(), "none");
    let mut rows = Rows::new(&table.name, &mut file, None, None, sink);
    columnar::read_table(table, columns, &mut rows)
}

fn check_rejections(file: &FileAccounting, options: &IngestOptions) -> Result<(), IngestError> {
    let rejected = file.rows_rejected();
    let mostly = file.rows_read >= options.min_rows_for_failure
        && rejected as f64 > options.max_rejected_fraction * file.rows_read as f64;
    let nothing = file.rows_read > 0 && file.rows_used == 0;
    if !(mostly || nothing) {
        return Ok(());
    }
    let mut reasons: Vec<_> = file.rejected.iter().collect();
    reasons.sort_by_key(|(_, t)| std::cmp::Reverse(t.count));
    let summary = reasons
        .iter()
        .take(3)
        .map(|(r, t)| format!("{} x{}, first at line {}", r, t.count, t.first_line))
        .collect::<Vec<_>>()
        .join("; ");
    Err(IngestError::MostlyRejected {
        source_name: file.source.clone(),
        rejected,
        read: file.rows_read,
        summary,
    })
}
