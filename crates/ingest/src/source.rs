//! Opening inputs: files or standard input, with compression and format detected from content.

use crate::error::IngestError;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

const BUFFER: usize = 1 << 20;

/// A posts input: a path, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    Path(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
}

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
        }
    }
}

/// A tabular or line-based input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row (no quoting).
    Tsv,
    /// One JSON object per line.
    JsonLines,
}

impl Format {
    /// Lowercase name as used by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::JsonLines => "jsonl",
        }
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "tsv" => Ok(Format::Tsv),
            "jsonl" | "ndjson" | "json" => Ok(Format::JsonLines),
            other => Err(format!(
                "unknown format '{other}' (formats: csv, tsv, jsonl)"
            )),
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
/// from the file name or the first bytes.
pub fn open(input: &Input, format: Option<Format>) -> Result<Opened, IngestError> {
    let name = input.display_name();
    let raw: Box<dyn Read> = match input {
        Input::Path(p) => Box::new(File::open(p).map_err(|e| IngestError::Open {
            source_name: name.clone(),
            message: e.to_string(),
        })?),
        Input::Stdin => Box::new(io::stdin()),
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
    if head.starts_with(b"PAR1") {
        return Err(IngestError::Unsupported {
            source_name: name,
            message:
                "Parquet input is not supported by this build; convert it to CSV or JSON Lines"
                    .into(),
        });
    }
    let format = match format {
        Some(f) => f,
        None => format_from_name(input).unwrap_or_else(|| sniff_format(&head)),
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

fn format_from_name(input: &Input) -> Option<Format> {
    let Input::Path(p) = input else { return None };
    let name = p.file_name()?.to_str()?.to_ascii_lowercase();
    let stem = ["gz", "gzip", "zst", "zstd"]
        .iter()
        .find_map(|ext| name.strip_suffix(&format!(".{ext}")))
        .unwrap_or(&name);
    match stem.rsplit_once('.')?.1 {
        "csv" => Some(Format::Csv),
        "tsv" | "tab" => Some(Format::Tsv),
        "jsonl" | "ndjson" | "json" => Some(Format::JsonLines),
        _ => None,
    }
}

/// JSON Lines when the first non-blank byte opens an object; TSV when the first line has more
/// tabs than commas; CSV otherwise.
fn sniff_format(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        return Format::JsonLines;
    }
    let line = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let tabs = line.iter().filter(|&&b| b == b'\t').count();
    let commas = line.iter().filter(|&&b| b == b',').count();
    if tabs > commas {
        Format::Tsv
    } else {
        Format::Csv
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff_format(b"  {\"a\":1}\n"), Format::JsonLines);
        assert_eq!(sniff_format(b"\xEF\xBB\xBF{\"a\":1}"), Format::JsonLines);
        assert_eq!(sniff_format(b"a\tb\tc\n1,2\t3\t4"), Format::Tsv);
        assert_eq!(sniff_format(b"a,b,c\n"), Format::Csv);
        assert_eq!(sniff_format(b""), Format::Csv);
    }

    #[test]
    fn names() {
        let f = |s: &str| format_from_name(&Input::Path(PathBuf::from(s)));
        assert_eq!(f("x/posts.csv.gz"), Some(Format::Csv));
        assert_eq!(f("posts.NDJSON.zst"), Some(Format::JsonLines));
        assert_eq!(f("posts.tsv"), Some(Format::Tsv));
        assert_eq!(f("posts.gz"), None);
        assert_eq!(f("posts"), None);
        assert_eq!(Input::from_arg(Path::new("-")), Input::Stdin);
    }
}
