//! Parquet and Arrow IPC (file or stream) posts: the canonical columns, CooRTweet's names or a
//! `--column` mapping, as for CSV. List columns are fine for the list fields (urls, hashtags,
//! mentions, media); a string column there is read as whitespace-separated items. Typed
//! timestamps and dates are read in any unit; strings and numbers in every form CSV accepts.
//!
//! Each row is numbered from 1 in file order and that number stands for the line in accounting,
//! rejects and errors. The file is held in memory while it is read: a column file has to be
//! read from its footer, and it may arrive compressed or on standard input.

use crate::error::IngestError;
use crate::field::{ColumnMap, Field, Resolved};
use crate::record::Items;
use crate::row::{non_blank, RowFields};
use crate::rows::Rows;
use crate::source::ArrowTable;
use crate::timestamp::{parse_timestamp, TimestampError, TimestampForm};
use arrow_array::cast::AsArray;
use arrow_array::types::TimestampMillisecondType;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, TimeUnit};
use lockstep_model::TimeMs;
use std::borrow::Cow;
use std::io::{BufRead, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Which column container a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    /// Apache Parquet.
    Parquet,
    /// Arrow IPC: the file format (`ARROW1` magic) or the stream format.
    ArrowIpc,
}

/// Rows per record batch read.
const BATCH_ROWS: usize = 8192;

/// The list fields, in the order [`ColumnarRow::lists`] holds them.
const LIST_FIELDS: [Field; 4] = [Field::Urls, Field::Hashtags, Field::Mentions, Field::Media];

/// Reads every row of a Parquet or Arrow IPC file.
pub(crate) fn read(
    container: Container,
    mut reader: Box<dyn BufRead>,
    map: &ColumnMap,
    rows: &mut Rows,
) -> Result<(), IngestError> {
    let source = rows.source.to_string();
    let malformed = |message: String| whole_input_error(&source, message);
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::Read {
            source_name: source.clone(),
            line: 0,
            message: e.to_string(),
        })?;
    // The decoders are third-party code fed hostile bytes; a corrupt file must be an error,
    // so a panic inside them becomes one.
    let guarded = |what: &str| {
        malformed(
            format!(
                "corrupt {}: its decoder failed",
                match container {
                    Container::Parquet => "Parquet file",
                    Container::ArrowIpc => "Arrow IPC file",
                }
            ) + what,
        )
    };
    let opened = catch_unwind(AssertUnwindSafe(|| open_batches(container, bytes)))
        .map_err(|_| guarded(" while reading its metadata"))?;
    let batches = opened.map_err(&malformed)?;
    read_batches(batches, map, rows, &guarded)
}

/// Reads every row of record batches held in memory (an [`ArrowTable`]).
pub(crate) fn read_table(
    table: &ArrowTable,
    map: &ColumnMap,
    rows: &mut Rows,
) -> Result<(), IngestError> {
    // Slices of at most BATCH_ROWS rows (views, not copies), so that the columns cast to text
    // are one slice's at a time however large the caller's batches are.
    let batches = table.batches.iter().flat_map(|batch| {
        let rows = batch.num_rows();
        (0..rows)
            .step_by(BATCH_ROWS)
            .map(move |start| Ok(batch.slice(start, BATCH_ROWS.min(rows - start))))
    });
    let source = rows.source.to_string();
    let unreachable =
        |_: &str| whole_input_error(&source, "the table's batches could not be read".into());
    read_batches(Box::new(batches), map, rows, &unreachable)
}

/// An error about the input as a whole (reported at its first line and column).
fn whole_input_error(source: &str, message: String) -> IngestError {
    IngestError::Malformed {
        source_name: source.to_string(),
        line: 1,
        column: 1,
        message,
    }
}

/// Reads every row of `batches`; `guarded` makes the error for a panic inside the decoder that
/// produces them (its argument says where).
fn read_batches<'b>(
    mut batches: Box<dyn Iterator<Item = Result<RecordBatch, ArrowError>> + 'b>,
    map: &ColumnMap,
    rows: &mut Rows,
    guarded: &dyn Fn(&str) -> IngestError,
) -> Result<(), IngestError> {
    let source = rows.source.to_string();
    let malformed = |message: String| whole_input_error(&source, message);
    let mut columns: Option<Resolved> = None;
    let mut line = 0u64;
    loop {
        let next = catch_unwind(AssertUnwindSafe(|| batches.next()))
            .map_err(|_| guarded(&format!(" after row {line}")))?;
        let Some(batch) = next else {
            break;
        };
        let batch = batch.map_err(|e| IngestError::Malformed {
            source_name: source.clone(),
            line: line + 1,
            column: 1,
            message: format!("unreadable record batch: {e}"),
        })?;
        let resolved = match &columns {
            Some(c) => c,
            None => columns.insert(resolve(&batch, map).map_err(&malformed)?),
        };
        let batch = ColumnarBatch::new(&batch, resolved).map_err(&malformed)?;
        let has_lists: Vec<bool> = batch.lists.iter().map(Option::is_some).collect();
        for row in 0..batch.len {
            line += 1;
            let fields = batch.row(row);
            let view = ColumnarRow {
                scalars: &fields.scalars,
                lists: &fields.lists,
                has_lists: &has_lists,
                time: fields.time.clone(),
            };
            rows.offer(&view, line, || Cow::Owned(fields.raw().into_bytes()));
        }
    }
    if columns.is_none() {
        return Err(malformed("no rows: the input holds no record batch".into()));
    }
    Ok(())
}

/// The record batches of a column file held in `bytes`.
fn open_batches(
    container: Container,
    bytes: Vec<u8>,
) -> Result<Box<dyn Iterator<Item = Result<RecordBatch, ArrowError>>>, String> {
    Ok(match container {
        Container::Parquet => {
            let builder = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
                bytes::Bytes::from(bytes),
            )
            .map_err(|e| format!("not a readable Parquet file: {e}"))?;
            Box::new(
                builder
                    .with_batch_size(BATCH_ROWS)
                    .build()
                    .map_err(|e| format!("not a readable Parquet file: {e}"))?,
            )
        }
        Container::ArrowIpc => {
            crate::ipc_check::check(&bytes)
                .map_err(|e| format!("not a readable Arrow IPC file: {e}"))?;
            if bytes.starts_with(b"ARROW1") {
                Box::new(
                    arrow_ipc::reader::FileReader::try_new(std::io::Cursor::new(bytes), None)
                        .map_err(|e| format!("not a readable Arrow IPC file: {e}"))?,
                )
            } else {
                Box::new(
                    arrow_ipc::reader::StreamReader::try_new(std::io::Cursor::new(bytes), None)
                        .map_err(|e| format!("not a readable Arrow IPC stream: {e}"))?,
                )
            }
        }
    })
}

/// The canonical fields' columns from the batch's schema; the required ones must be there.
fn resolve(batch: &RecordBatch, map: &ColumnMap) -> Result<Resolved, String> {
    let schema = batch.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    map.resolve_posts(&names)
}

/// One batch's canonical columns, turned into strings, timestamps and lists once.
struct ColumnarBatch {
    len: usize,
    /// Per field of [`Field::ALL`], its column as strings, when mapped and not a list field.
    scalars: Vec<Option<ArrayRef>>,
    /// The timestamp column, as milliseconds when it is typed (a timestamp or a date).
    typed_time: Option<ArrayRef>,
    /// Whether that column holds dates (`Date32`, `Date64`) rather than timestamps.
    typed_dates: bool,
    /// Per list field, its column: a list of strings, or strings of whitespace-separated items.
    lists: Vec<Option<ArrayRef>>,
}

impl ColumnarBatch {
    fn new(batch: &RecordBatch, columns: &Resolved) -> Result<Self, String> {
        let column = |field: Field| columns.column(field).map(|i| batch.column(i).clone());
        let as_strings = |field: Field, array: &ArrayRef| {
            arrow_cast::cast::cast(array, &DataType::Utf8).map_err(|e| {
                format!(
                    "column for '{field}' has type {} where text was expected: {e}",
                    array.data_type()
                )
            })
        };
        let mut scalars = vec![None; Field::ALL.len()];
        let mut typed_time = None;
        let mut typed_dates = false;
        for field in Field::ALL {
            let Some(array) = column(field) else {
                continue;
            };
            if LIST_FIELDS.contains(&field) {
                continue;
            }
            if field == Field::Timestamp
                && matches!(
                    array.data_type(),
                    DataType::Timestamp(..) | DataType::Date32 | DataType::Date64
                )
            {
                let ms = DataType::Timestamp(TimeUnit::Millisecond, None);
                typed_dates = matches!(array.data_type(), DataType::Date32 | DataType::Date64);
                typed_time =
                    Some(arrow_cast::cast::cast(&array, &ms).map_err(|e| {
                        format!("column for 'timestamp' ({}): {e}", array.data_type())
                    })?);
                continue;
            }
            scalars[field.index()] = Some(as_strings(field, &array)?);
        }
        let mut lists = Vec::with_capacity(LIST_FIELDS.len());
        for field in LIST_FIELDS {
            lists.push(match column(field) {
                None => None,
                Some(array) => match array.data_type() {
                    DataType::List(_) | DataType::LargeList(_) => Some(array),
                    _ => Some(as_strings(field, &array)?),
                },
            });
        }
        Ok(Self {
            len: batch.num_rows(),
            scalars,
            typed_time,
            typed_dates,
            lists,
        })
    }

    /// The owned values of one row.
    fn row(&self, row: usize) -> RowValues {
        let string_at = |array: &ArrayRef, row: usize| -> Option<String> {
            let strings = array.as_string_opt::<i32>()?;
            (!strings.is_null(row)).then(|| strings.value(row).to_string())
        };
        let scalars: Vec<Option<String>> = self
            .scalars
            .iter()
            .map(|c| c.as_ref().and_then(|a| string_at(a, row)))
            .collect();
        let lists = self
            .lists
            .iter()
            .map(|c| match c {
                None => Vec::new(),
                Some(array) => list_items(array, row),
            })
            .collect();
        let time = match &self.typed_time {
            Some(ms) => {
                let ms = ms.as_primitive::<TimestampMillisecondType>();
                if ms.is_null(row) {
                    Err(TimestampError::Missing)
                } else {
                    let time = ms.value(row) as TimeMs;
                    // A date is midnight UTC; a Date64 may carry a time of day all the same.
                    let form = if self.typed_dates && time.rem_euclid(86_400_000) == 0 {
                        TimestampForm::DateOnly
                    } else {
                        TimestampForm::Zoned
                    };
                    Ok((time, form))
                }
            }
            None => parse_timestamp(
                scalars[Field::Timestamp.index()]
                    .as_deref()
                    .unwrap_or_default(),
            ),
        };
        RowValues {
            scalars,
            lists,
            time,
        }
    }
}

/// The items of a list field in one row: a list column's non-null strings, or a string
/// column's text as a list literal or split at whitespace ([`Items::of_text`]).
fn list_items(array: &ArrayRef, row: usize) -> Vec<String> {
    if array.is_null(row) {
        return Vec::new();
    }
    let values = match array.data_type() {
        DataType::List(_) => array.as_list::<i32>().value(row),
        DataType::LargeList(_) => array.as_list::<i64>().value(row),
        _ => {
            return array
                .as_string_opt::<i32>()
                .map(|s| {
                    Items::of_text(s.value(row))
                        .iter()
                        .map(Cow::into_owned)
                        .collect()
                })
                .unwrap_or_default()
        }
    };
    let Ok(strings) = arrow_cast::cast::cast(&values, &DataType::Utf8) else {
        return Vec::new();
    };
    let strings = strings.as_string::<i32>();
    (0..strings.len())
        .filter(|&i| !strings.is_null(i))
        .map(|i| strings.value(i).to_string())
        .filter(|s| !s.trim().is_empty())
        .collect()
}

/// One row's values, owned.
struct RowValues {
    scalars: Vec<Option<String>>,
    lists: Vec<Vec<String>>,
    time: Result<(TimeMs, TimestampForm), TimestampError>,
}

impl RowValues {
    /// The row as a JSON object of its canonical fields, for the rejects file.
    fn raw(&self) -> String {
        let mut out = serde_json::Map::new();
        for field in Field::ALL {
            if let Some(v) = &self.scalars[field.index()] {
                out.insert(field.name().into(), v.clone().into());
            }
        }
        for (field, items) in LIST_FIELDS.iter().zip(&self.lists) {
            if !items.is_empty() {
                out.insert(field.name().into(), items.clone().into());
            }
        }
        serde_json::Value::Object(out).to_string()
    }
}

/// A row as the row builder reads it.
struct ColumnarRow<'a> {
    scalars: &'a [Option<String>],
    lists: &'a [Vec<String>],
    /// Per list field of [`LIST_FIELDS`], whether the batch has a column for it.
    has_lists: &'a [bool],
    time: Result<(TimeMs, TimestampForm), TimestampError>,
}

impl<'a> RowFields<'a> for ColumnarRow<'a> {
    fn scalar(&self, field: Field) -> Option<Cow<'a, str>> {
        let value = self.scalars.get(field.index())?.as_deref()?;
        non_blank(value).map(Cow::Borrowed)
    }

    fn items(&self, field: Field) -> Items<'a> {
        match LIST_FIELDS.iter().position(|&f| f == field) {
            Some(i) if !self.lists[i].is_empty() => Items::Owned(&self.lists[i]),
            _ => Items::Empty,
        }
    }

    fn time(&self) -> Result<(TimeMs, TimestampForm), TimestampError> {
        self.time.clone()
    }

    fn has_column(&self, field: Field) -> bool {
        match LIST_FIELDS.iter().position(|&f| f == field) {
            Some(i) => self.has_lists[i],
            None => true,
        }
    }
}
