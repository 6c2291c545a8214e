//! Opening inputs: files or standard input, with compression and format detected from content.

use crate::error::IngestError;
use crate::format::Format;
use crate::sniff;
use arrow_array::RecordBatch;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const BUFFER: usize = 1 << 20;

/// A posts input: a path, standard input, or record batches already in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    Path(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
    /// An Arrow table held by the caller (a DataFrame handed over by a host language), read
    /// like a Parquet file's batches.
    Arrow(ArrowTable),
}

/// Record batches in memory, shared rather than copied, with the name messages give them.
#[derive(Clone)]
pub struct ArrowTable {
    /// The name used in messages, accounting and rejects (`<DataFrame>`, say).
    pub name: String,
    /// The batches, in row order.
    pub batches: Arc<Vec<RecordBatch>>,
}

impl std::fmt::Debug for ArrowTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rows: usize = self.batches.iter().map(RecordBatch::num_rows).sum();
        write!(f, "ArrowTable({}, {rows} rows)", self.name)
    }
}

/// Two tables are the same input when they share the same batches.
impl PartialEq for ArrowTable {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && Arc::ptr_eq(&self.batches, &other.batches)
    }
}

impl Eq for ArrowTable {}

impl Input {
    /// `-` means standard input; anything else is a path.
    pub fn from_arg(arg: &Path) -> Self {
        if arg == Path::new("-") {
            Input::Stdin
        } else {
            Input::Path(arg.to_path_buf())
        }
    }

    /// The name used in messages.
    pub fn display_name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
            Input::Arrow(t) => t.name.clone(),
        }
    }
}

/// Compression detected from the first bytes of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Plain bytes.
    None,
    /// gzip (one or more members).
    Gzip,
    /// Zstandard.
    Zstd,
}

impl Compression {
    /// Lowercase name for the run summary.
    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// An opened input: decompressed bytes plus what was detected.
pub struct Opened {
    /// The decompressed content.
    pub reader: Box<dyn BufRead>,
    /// Compression found.
    pub compression: Compression,
    /// Format requested or detected.
    pub format: Format,
}

/// Opens `input`, detects compression by magic bytes and, unless `format` is given, the format
/// from the content or the file name. An [`Input::Arrow`] table has no bytes to open: it is an
/// error here ([`crate::read_posts`] reads it directly).
pub fn open(input: &Input, format: Option<Format>) -> Result<Opened, IngestError> {
    let name = input.display_name();
    let raw: Box<dyn Read> = match input {
        Input::Path(p) => Box::new(File::open(p).map_err(|e| IngestError::Open {
            source_name: name.clone(),
            message: e.to_string(),
        })?),
        Input::Stdin => Box::new(io::stdin()),
        Input::Arrow(_) => {
            return Err(IngestError::Open {
                source_name: name,
                message: "an in-memory table is read as record batches, not opened as bytes".into(),
            })
        }
    };
    let mut raw = BufReader::with_capacity(BUFFER, raw);
    let magic = peek(&mut raw, &name)?;
    let compression = if magic.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    };
    let mut reader: Box<dyn BufRead> = match compression {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUFFER,
            flate2::bufread::MultiGzDecoder::new(raw),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            BUFFER,
            zstd::Decoder::with_buffer(raw).map_err(|e| IngestError::Read {
                source_name: name.clone(),
                line: 0,
                message: e.to_string(),
            })?,
        )),
    };
    let head = peek(&mut reader, &name)?;
    if head.is_empty() {
        return Err(IngestError::Malformed {
            source_name: name,
            line: 1,
            column: 1,
            message: "empty input: no header row or records".into(),
        });
    }
    let format = match format {
        Some(f) => f,
        // Column files by their magic bytes: Parquet, Arrow IPC file, Arrow IPC stream.
        None if head.starts_with(b"PAR1") => Format::Parquet,
        None if head.starts_with(b"ARROW1") || head.starts_with(&[0xFF; 4]) => Format::ArrowIpc,
        None => sniff::detect(
            &head,
            match input {
                Input::Path(p) => Some(p.as_path()),
                Input::Stdin | Input::Arrow(_) => None,
            },
        ),
    };
    Ok(Opened {
        reader,
        compression,
        format,
    })
}

fn peek(reader: &mut dyn BufRead, name: &str) -> Result<Vec<u8>, IngestError> {
    reader
        .fill_buf()
        .map(|b| b[..b.len().min(4096)].to_vec())
        .map_err(|e| IngestError::Read {
            source_name: name.to_string(),
            line: 1,
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_is_stdin() {
        assert_eq!(Input::from_arg(Path::new("-")), Input::Stdin);
    }
}
