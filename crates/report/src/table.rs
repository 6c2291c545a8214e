//! CSV result files read by header name, so that added or reordered columns never matter.

use crate::error::ReportError;
use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// A CSV result file whose columns are looked up by name.
pub(crate) struct NamedCsv {
    path: PathBuf,
    reader: csv::Reader<BufReader<File>>,
    positions: HashMap<String, usize>,
}

/// One data row of a [`NamedCsv`], with its 1-based line number.
pub(crate) struct NamedRow<'a> {
    file: &'a NamedCsv,
    record: &'a csv::StringRecord,
    line: u64,
}

impl NamedCsv {
    /// Opens `path` and reads its header.
    pub(crate) fn open(path: &Path) -> Result<Self, ReportError> {
        let file = File::open(path).map_err(|e| ReportError::read(path, e))?;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(BufReader::new(file));
        let header = reader
            .headers()
            .map_err(|e| ReportError::read(path, format!("header: {e}")))?;
        let positions = header
            .iter()
            .enumerate()
            .map(|(i, name)| (name.trim_start_matches('\u{feff}').trim().to_string(), i))
            .collect();
        Ok(Self {
            path: path.to_path_buf(),
            reader,
            positions,
        })
    }

    /// Fails unless the header has every one of `names`.
    pub(crate) fn require(&self, names: &[&str]) -> Result<(), ReportError> {
        match names.iter().find(|n| !self.positions.contains_key(**n)) {
            Some(missing) => Err(ReportError::read(
                &self.path,
                format!("line 1: the header has no `{missing}` column"),
            )),
            None => Ok(()),
        }
    }

    /// Calls `visit` with every data row, in file order.
    pub(crate) fn for_each(
        &mut self,
        mut visit: impl FnMut(&NamedRow) -> Result<(), ReportError>,
    ) -> Result<(), ReportError> {
        let mut record = csv::StringRecord::new();
        loop {
            let more = self
                .reader
                .read_record(&mut record)
                .map_err(|e| ReportError::read(&self.path, e))?;
            if !more {
                return Ok(());
            }
            let line = record.position().map_or(0, csv::Position::line);
            visit(&NamedRow {
                file: self,
                record: &record,
                line,
            })?;
        }
    }
}

impl NamedRow<'_> {
    /// The trimmed value of column `name`; empty when the column or the field is missing.
    pub(crate) fn text(&self, name: &str) -> &str {
        self.file
            .positions
            .get(name)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    /// The value of column `name` parsed as `T`; `None` when it is empty.
    pub(crate) fn parsed<T: std::str::FromStr>(
        &self,
        name: &str,
    ) -> Result<Option<T>, ReportError> {
        let text = self.text(name);
        if text.is_empty() {
            return Ok(None);
        }
        text.parse().map(Some).map_err(|_| {
            ReportError::read(
                &self.file.path,
                format!(
                    "line {}: column `{name}`: cannot read `{text}` as a number",
                    self.line
                ),
            )
        })
    }
}
