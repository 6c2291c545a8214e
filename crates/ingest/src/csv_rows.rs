//! Delimited files, record by record: header checks, ragged rows and invalid UTF-8 handled once
//! for the generic and the native CSV readers.

use crate::accounting::RejectReason;
use crate::error::IngestError;
use crate::rows::Rows;
use std::borrow::Cow;
use std::io::BufRead;

/// Where the column names come from.
pub(crate) enum Header {
    /// The first row; it must be non-empty, UTF-8 and free of repeated names.
    FirstRow,
    /// Fixed names for a headerless layout; a first row equal to them is taken as a header.
    Fixed(&'static [&'static str]),
}

/// One data row: its fields (UTF-8), its line and its bytes for the rejects file.
pub(crate) struct CsvRecord<'a> {
    /// The fields, in column order.
    pub(crate) fields: Vec<&'a str>,
    /// 1-based line of the row's start.
    pub(crate) line: u64,
    raw: &'a csv::ByteRecord,
    delimiter: u8,
}

impl<'a> CsvRecord<'a> {
    /// The row re-encoded as one CSV line (fields exact).
    pub(crate) fn raw(&self) -> Cow<'a, [u8]> {
        Cow::Owned(encode(self.raw, self.delimiter))
    }
}

/// Reads `reader` as delimited records; `setup` turns the column names into what `each` needs
/// (or a message that makes the input unusable), `each` handles every well-formed row.
pub(crate) fn for_each_record<T>(
    reader: Box<dyn BufRead>,
    delimiter: u8,
    header: Header,
    rows: &mut Rows,
    setup: impl FnOnce(&[&str]) -> Result<T, String>,
    mut each: impl FnMut(&mut Rows, &T, &CsvRecord),
) -> Result<(), IngestError> {
    let source = rows.source;
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(delimiter != b'\t')
        .flexible(true)
        .has_headers(false)
        // Only `\n` ends a record: with CRLF terminators the reader's line numbers drift on
        // `\r\n` files. A `\r` left at the end of a row's last field is trimmed with the field.
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(InputTail::new(reader));
    let malformed = |line: u64, column: u64, message: String| IngestError::Malformed {
        source_name: source.to_string(),
        line,
        column,
        message,
    };
    let mut record = csv::ByteRecord::new();
    let mut first = next(&mut csv, &mut record, source)?;
    let (names, skip_first): (Vec<String>, bool) = match header {
        Header::FirstRow => {
            if !first {
                return Err(malformed(1, 1, "empty input: no header row".into()));
            }
            if let Some(c) = record.iter().position(|name| name.contains(&b'\n')) {
                return Err(malformed(
                    1,
                    c as u64 + 1,
                    "a quoted column name is never closed: it runs over the lines after it".into(),
                ));
            }
            (
                header_names(&record).map_err(|(c, m)| malformed(1, c, m))?,
                true,
            )
        }
        Header::Fixed(fixed) => {
            let is_header = first
                && header_names(&record).is_ok_and(|names| {
                    names.len() == fixed.len()
                        && names
                            .iter()
                            .zip(fixed)
                            .all(|(n, f)| n.eq_ignore_ascii_case(f))
                });
            (fixed.iter().map(|s| s.to_string()).collect(), is_header)
        }
    };
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let state = setup(&refs).map_err(|m| malformed(1, 1, m))?;
    if skip_first {
        first = next(&mut csv, &mut record, source)?;
    }
    // Where the last row's last field started, when that field spans lines (so it was quoted).
    let mut multiline_tail: Option<(u64, u64)> = None;
    while first {
        let line = record.position().map_or(0, |p| p.line());
        multiline_tail = record
            .iter()
            .next_back()
            .filter(|field| field.contains(&b'\n'))
            .map(|_| (line, record.len() as u64));
        let row = CsvRecord {
            fields: Vec::new(),
            line,
            raw: &record,
            delimiter,
        };
        if record.len() != names.len() {
            rows.reject(RejectReason::WrongFieldCount, line, &row.raw());
        } else {
            match record.iter().map(std::str::from_utf8).collect() {
                Ok(fields) => each(rows, &state, &CsvRecord { fields, ..row }),
                Err(_) => rows.reject(RejectReason::InvalidUtf8, line, &row.raw()),
            }
        }
        first = next(&mut csv, &mut record, source)?;
    }
    // A quoted field left open runs to the end of the input: the reader hands it over as one
    // field holding every line after it. A field closed at the end ends the input with an odd
    // run of `"` (the closing quote after any doubled ones); an open one with an even run.
    if let Some((line, column)) = multiline_tail {
        if csv.get_ref().closing_quotes() % 2 == 0 {
            return Err(malformed(
                line,
                column,
                "a quoted field opened in this row is never closed: it runs to the end of the \
                 input, taking every row after it"
                    .into(),
            ));
        }
    }
    Ok(())
}

/// A reader that keeps the last bytes it gave out.
struct InputTail<R> {
    inner: R,
    tail: Vec<u8>,
}

/// Bytes of the input's end kept by [`InputTail`].
const TAIL_BYTES: usize = 1024;

impl<R> InputTail<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            tail: Vec::with_capacity(2 * TAIL_BYTES),
        }
    }

    /// The run of `"` that ends the input so far, white space after it aside.
    fn closing_quotes(&self) -> usize {
        let end = self
            .tail
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        self.tail[..end]
            .iter()
            .rev()
            .take_while(|&&b| b == b'"')
            .count()
    }
}

impl<R: std::io::Read> std::io::Read for InputTail<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.tail
            .extend_from_slice(&buf[n.saturating_sub(TAIL_BYTES)..n]);
        if self.tail.len() > TAIL_BYTES {
            self.tail.drain(..self.tail.len() - TAIL_BYTES);
        }
        Ok(n)
    }
}

/// [`for_each_record`] on a comma-separated file with a header row.
pub(crate) fn for_each_named_record<T>(
    reader: Box<dyn BufRead>,
    rows: &mut Rows,
    setup: impl FnOnce(&[&str]) -> Result<T, String>,
    each: impl FnMut(&mut Rows, &T, &CsvRecord),
) -> Result<(), IngestError> {
    for_each_record(reader, b',', Header::FirstRow, rows, setup, each)
}

fn next<R: std::io::Read>(
    csv: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    source: &str,
) -> Result<bool, IngestError> {
    let reached = csv.position().line();
    csv.read_byte_record(record).map_err(|e| {
        // A read error (a truncated compressed stream) has no position of its own: the line
        // the reader had reached.
        let line = e.position().map_or(reached, |p| p.line());
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
    })
}

/// The header's names (trimmed, byte-order mark removed), or the column and reason it is unusable.
fn header_names(record: &csv::ByteRecord) -> Result<Vec<String>, (u64, String)> {
    let mut names: Vec<String> = Vec::with_capacity(record.len());
    for (i, raw) in record.iter().enumerate() {
        let column = i as u64 + 1;
        let name = std::str::from_utf8(raw)
            .map_err(|_| (column, "header is not valid UTF-8".to_string()))?;
        let name = name.trim_start_matches('\u{feff}').trim();
        if let Some(j) = names
            .iter()
            .position(|n| !name.is_empty() && n.eq_ignore_ascii_case(name))
        {
            return Err((
                column,
                format!(
                    "column '{name}' appears twice in the header (columns {} and {column})",
                    j + 1
                ),
            ));
        }
        names.push(name.to_string());
    }
    if names.iter().all(|n| n.is_empty()) {
        return Err((1, "empty input: no header row".into()));
    }
    Ok(names)
}

fn encode(record: &csv::ByteRecord, delimiter: u8) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_byte_record(record);
    writer.into_inner().unwrap_or_default()
}

/// Column positions by case-insensitive name, for readers of named-column exports.
pub(crate) struct Columns(Vec<String>);

impl Columns {
    /// The columns of a header.
    pub(crate) fn new(names: &[&str]) -> Self {
        Self(names.iter().map(|n| n.to_ascii_lowercase()).collect())
    }

    /// The position of `name`, if present.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        self.0.iter().position(|n| n == name)
    }

    /// The positions of `names`, or a message listing those that are missing.
    pub(crate) fn require<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N], String> {
        let found = names.map(|n| self.find(n));
        let missing: Vec<&str> = names
            .iter()
            .zip(&found)
            .filter(|(_, f)| f.is_none())
            .map(|(n, _)| *n)
            .collect();
        if missing.is_empty() {
            Ok(found.map(|f| f.unwrap_or_default()))
        } else {
            Err(format!("missing column(s): {}", missing.join(", ")))
        }
    }
}
