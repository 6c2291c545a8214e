//! Streaming ingest of posts for lockstep.
//!
//! Inputs (CSV, TSV or JSON Lines, optionally gzip- or zstd-compressed, files or standard input)
//! are read row by row; each usable row is handed to a sink as a borrowed [`Record`] and then
//! dropped, so raw text that no signal needs never accumulates in memory. Every row is either
//! passed on or counted as rejected with a reason ([`Accounting`]); structurally broken input is
//! an [`IngestError`] naming the file, line and column.

mod accounting;
mod accounts;
mod error;
mod field;
mod json_lines;
mod record;
mod row;
mod source;
mod tabular;
mod timestamp;

pub use accounting::{Accounting, FileAccounting, RejectReason, RejectTally};
pub use accounts::{read_accounts, AccountProfile};
pub use error::IngestError;
pub use field::{ColumnMap, Field};
pub use record::{Items, Record};
pub use source::{Compression, Format, Input};
pub use timestamp::{parse_timestamp, TimestampError, TimestampForm};

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
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            format: None,
            columns: ColumnMap::default(),
            max_rejected_fraction: 0.5,
            min_rows_for_failure: 10,
        }
    }
}

/// Reads every input in order, calling `sink` with each usable row.
pub fn read_posts(
    inputs: &[Input],
    options: &IngestOptions,
    sink: &mut dyn FnMut(&Record),
) -> Result<Accounting, IngestError> {
    let mut accounting = Accounting::default();
    for input in inputs {
        let source = input.display_name();
        let opened = source::open(input, options.format)?;
        let mut file =
            FileAccounting::new(&source, opened.format.name(), opened.compression.name());
        match opened.format {
            Format::Csv | Format::Tsv => {
                let delimiter = if opened.format == Format::Csv {
                    b','
                } else {
                    b'\t'
                };
                tabular::read(
                    opened.reader,
                    delimiter,
                    &source,
                    &options.columns,
                    &mut file,
                    sink,
                )?
            }
            Format::JsonLines => {
                json_lines::read(opened.reader, &source, &options.columns, &mut file, sink)?
            }
        }
        check_rejections(&file, options)?;
        accounting.files.push(file);
    }
    Ok(accounting)
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
