//! The rejects file (`--rejects FILE`): every rejected row with where it was and why.

use crate::accounting::RejectReason;
use crate::error::IngestError;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// A CSV file `source,line,reason,row` receiving rejected rows as they are met.
///
/// `row` holds the row's bytes as read: the line of line-based inputs, the fields of a CSV row
/// re-joined with CSV quoting, or the JSON of one message of a document export. The first write
/// error is kept and reported by [`Rejects::finish`], so reading is never interrupted half-way.
pub struct Rejects {
    path: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
    error: Option<String>,
}

impl Rejects {
    /// Creates (or truncates) the file and writes its header.
    pub fn create(path: &Path) -> Result<Self, IngestError> {
        let fail = |message: String| IngestError::Write {
            path: path.display().to_string(),
            message,
        };
        let file = File::create(path).map_err(|e| fail(e.to_string()))?;
        let mut writer = csv::Writer::from_writer(BufWriter::new(file));
        writer
            .write_record(["source", "line", "reason", "row"])
            .map_err(|e| fail(e.to_string()))?;
        Ok(Self {
            path: path.to_path_buf(),
            writer,
            error: None,
        })
    }

    pub(crate) fn write(&mut self, source: &str, line: u64, reason: RejectReason, row: &[u8]) {
        if self.error.is_some() {
            return;
        }
        let line = line.to_string();
        let fields: [&[u8]; 4] = [
            source.as_bytes(),
            line.as_bytes(),
            reason.describe().as_bytes(),
            row.strip_suffix(b"\n").unwrap_or(row),
        ];
        if let Err(e) = self.writer.write_record(fields) {
            self.error = Some(e.to_string());
        }
    }

    /// Flushes the file; fails if any write failed.
    pub fn finish(mut self) -> Result<(), IngestError> {
        let flushed = self.writer.flush().map_err(|e| e.to_string());
        match self.error.take().map_or(flushed, Err) {
            Ok(()) => Ok(()),
            Err(message) => Err(IngestError::Write {
                path: self.path.display().to_string(),
                message,
            }),
        }
    }
}
