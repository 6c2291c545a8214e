//! The tabular result files: CSV, and with [`TableFormat::CsvAndParquet`] a Parquet twin of
//! each beside it (`accounts.parquet` next to `accounts.csv`), with typed columns.
//!
//! The Parquet columns take their type from their name ([`column_type`]): counts and ids of
//! networks are 64-bit integers, scores, shares, lags and p-values doubles, everything else
//! (ids, names, lists, RFC 3339 times) strings, `boilerplate` a boolean; an empty CSV field
//! is a null. Columns are Snappy-compressed. Rows are written
//! in row groups of [`ROW_GROUP`] rows, so memory holds one group at a time.

use crate::error::OutputError;
use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which files a tabular result is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableFormat {
    /// CSV only.
    #[default]
    Csv,
    /// CSV, and the same table as Parquet beside it (the report and the graph exports read the
    /// CSV).
    CsvAndParquet,
}

/// Rows per Parquet row group.
const ROW_GROUP: usize = 65_536;

/// One result table being written.
pub(crate) struct TableWriter {
    path: PathBuf,
    csv: csv::Writer<BufWriter<File>>,
    parquet: Option<ParquetTable>,
}

impl TableWriter {
    /// Creates the file at `path` (and its Parquet twin for [`TableFormat::CsvAndParquet`]).
    pub(crate) fn create(path: &Path, format: TableFormat) -> Result<Self, OutputError> {
        let file = File::create(path).map_err(|e| OutputError::new(path, e))?;
        Ok(Self {
            path: path.to_path_buf(),
            csv: csv::Writer::from_writer(BufWriter::new(file)),
            parquet: (format == TableFormat::CsvAndParquet).then(|| ParquetTable {
                path: path.with_extension("parquet"),
                columns: Vec::new(),
                writer: None,
                rows: 0,
            }),
        })
    }

    /// Writes the header (the first record) or a row.
    pub(crate) fn write_record<I, T>(&mut self, record: I) -> Result<(), OutputError>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let values: Vec<T> = record.into_iter().collect();
        self.csv
            .write_record(values.iter().map(AsRef::as_ref))
            .map_err(|e| OutputError::new(&self.path, e))?;
        if let Some(parquet) = &mut self.parquet {
            parquet.push(values.iter().map(AsRef::as_ref))?;
        }
        Ok(())
    }

    /// Flushes the CSV and closes the Parquet file.
    pub(crate) fn finish(mut self) -> Result<(), OutputError> {
        self.csv
            .flush()
            .map_err(|e| OutputError::new(&self.path, e))?;
        if let Some(parquet) = self.parquet.take() {
            parquet.finish()?;
        }
        Ok(())
    }
}

/// The Parquet twin of a table: the current row group's values, column by column.
struct ParquetTable {
    path: PathBuf,
    /// Per column: its name, type and the row group's values.
    columns: Vec<(String, DataType, Vec<Option<String>>)>,
    /// The open file and its schema, once the header is known.
    writer: Option<(ArrowWriter<File>, SchemaRef)>,
    rows: usize,
}

impl ParquetTable {
    fn err(&self, e: impl std::fmt::Display) -> OutputError {
        OutputError::new(&self.path, e)
    }

    fn push<'v>(&mut self, values: impl Iterator<Item = &'v str>) -> Result<(), OutputError> {
        if self.writer.is_none() {
            self.columns = values
                .map(|name| (name.to_string(), column_type(name), Vec::new()))
                .collect();
            let schema: SchemaRef = Arc::new(Schema::new(
                self.columns
                    .iter()
                    .map(|(name, ty, _)| Field::new(name, ty.clone(), true))
                    .collect::<Vec<_>>(),
            ));
            let file = File::create(&self.path).map_err(|e| self.err(e))?;
            let properties = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_max_row_group_row_count(Some(ROW_GROUP))
                .build();
            let writer = ArrowWriter::try_new(file, schema.clone(), Some(properties))
                .map_err(|e| self.err(e))?;
            self.writer = Some((writer, schema));
            return Ok(());
        }
        for ((_, _, column), value) in self.columns.iter_mut().zip(values) {
            column.push((!value.is_empty()).then(|| value.to_string()));
        }
        self.rows += 1;
        if self.rows == ROW_GROUP {
            self.flush_group()?;
        }
        Ok(())
    }

    /// Writes the buffered rows as one row group.
    fn flush_group(&mut self) -> Result<(), OutputError> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self
            .columns
            .iter_mut()
            .map(|(_, ty, values)| array_of(ty, std::mem::take(values)))
            .collect();
        self.rows = 0;
        let path = self.path.clone();
        let (writer, schema) = self.writer.as_mut().expect("a header was written");
        let batch =
            RecordBatch::try_new(schema.clone(), arrays).map_err(|e| OutputError::new(&path, e))?;
        writer
            .write(&batch)
            .map_err(|e| OutputError::new(&path, e))?;
        writer.flush().map_err(|e| OutputError::new(&path, e))
    }

    fn finish(mut self) -> Result<(), OutputError> {
        self.flush_group()?;
        if let Some((writer, _)) = self.writer.take() {
            writer.close().map_err(|e| self.err(e))?;
        }
        Ok(())
    }
}

/// The Parquet type of a result column, from its name.
pub fn column_type(name: &str) -> DataType {
    const INTEGERS: [&str; 5] = ["network_id", "degree", "n_posts", "n_objects", "n_accounts"];
    const DOUBLES: [&str; 11] = [
        "score",
        "inauthenticity",
        "weight",
        "median_lag_s",
        "min_lag_s",
        "expected",
        "p_value",
        "q_value",
        "lead_share",
        "lag_s",
        "similarity",
    ];
    if INTEGERS.contains(&name) || name.starts_with("n_") {
        DataType::Int64
    } else if name == "boilerplate" {
        DataType::Boolean
    } else if DOUBLES.contains(&name) {
        DataType::Float64
    } else {
        DataType::Utf8
    }
}

/// One column of a row group: its values parsed as `ty` (a value that does not parse is kept
/// as a null rather than guessed).
fn array_of(ty: &DataType, values: Vec<Option<String>>) -> ArrayRef {
    match ty {
        DataType::Int64 => {
            let mut b = Int64Builder::with_capacity(values.len());
            for v in values {
                b.append_option(v.and_then(|v| v.parse().ok()));
            }
            Arc::new(b.finish())
        }
        DataType::Boolean => {
            let mut b = BooleanBuilder::with_capacity(values.len());
            for v in values {
                b.append_option(v.and_then(|v| v.parse().ok()));
            }
            Arc::new(b.finish())
        }
        DataType::Float64 => {
            let mut b = Float64Builder::with_capacity(values.len());
            for v in values {
                b.append_option(v.and_then(|v| v.parse().ok()));
            }
            Arc::new(b.finish())
        }
        _ => {
            let mut b = StringBuilder::new();
            for v in values {
                b.append_option(v);
            }
            Arc::new(b.finish())
        }
    }
}
