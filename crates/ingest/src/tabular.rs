//! CSV and TSV readers.

use crate::accounting::{FileAccounting, RejectReason};
use crate::error::IngestError;
use crate::field::{ColumnMap, Field, Resolved};
use crate::record::{Items, Record};
use crate::row::{self, non_blank, RowFields};
use std::borrow::Cow;
use std::io::BufRead;

struct CsvRow<'a> {
    fields: Vec<&'a str>,
    columns: &'a Resolved,
}

impl<'a> RowFields<'a> for CsvRow<'a> {
    fn scalar(&self, field: Field) -> Option<Cow<'a, str>> {
        let i = self.columns.column(field)?;
        non_blank(self.fields.get(i)?).map(Cow::Borrowed)
    }

    fn items(&self, field: Field) -> Items<'a> {
        match self.scalar(field) {
            Some(Cow::Borrowed(s)) => Items::Spaced(s),
            _ => Items::Empty,
        }
    }
}

/// Reads a delimited file with a header row, calling `sink` for every usable row.
pub(crate) fn read(
    reader: Box<dyn BufRead>,
    delimiter: u8,
    source: &str,
    map: &ColumnMap,
    accounting: &mut FileAccounting,
    sink: &mut dyn FnMut(&Record),
) -> Result<(), IngestError> {
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(delimiter != b'\t')
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let malformed = |line: u64, column: u64, message: String| IngestError::Malformed {
        source_name: source.to_string(),
        line,
        column,
        message,
    };
    let header = csv
        .byte_headers()
        .map_err(|e| csv_error(source, e))?
        .clone();
    let mut names = Vec::with_capacity(header.len());
    for (i, raw) in header.iter().enumerate() {
        let name = std::str::from_utf8(raw)
            .map_err(|_| malformed(1, i as u64 + 1, "header is not valid UTF-8".into()))?;
        names.push(if i == 0 {
            name.trim_start_matches('\u{feff}')
        } else {
            name
        });
    }
    if names.iter().all(|n| n.trim().is_empty()) {
        return Err(malformed(1, 1, "empty input: no header row".into()));
    }
    let columns = map.resolve(&names).map_err(|m| malformed(1, 1, m))?;
    for required in [Field::AccountId, Field::Timestamp] {
        if columns.column(required).is_none() {
            return Err(malformed(
                1,
                1,
                format!(
                    "no '{required}' column (header: {}); map one with --column {required}=NAME",
                    names.join(", ")
                ),
            ));
        }
    }
    let mut record = csv::ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(source, e)),
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            accounting.rows_read += 1;
            accounting.reject(RejectReason::WrongFieldCount, line);
            continue;
        }
        let Ok(fields) = record
            .iter()
            .map(std::str::from_utf8)
            .collect::<Result<Vec<_>, _>>()
        else {
            accounting.rows_read += 1;
            accounting.reject(RejectReason::InvalidUtf8, line);
            continue;
        };
        let row = CsvRow {
            fields,
            columns: &columns,
        };
        if let Some(rec) = row::build(&row, source, line, accounting) {
            sink(&rec);
        }
    }
    Ok(())
}

fn csv_error(source: &str, e: csv::Error) -> IngestError {
    let line = e.position().map_or(0, |p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(io) => IngestError::Read {
            source_name: source.to_string(),
            line,
            message: io.to_string(),
        },
        other => IngestError::Malformed {
            source_name: source.to_string(),
            line,
            column: 1,
            message: format!("{other:?}"),
        },
    }
}
