//! Reading CooRTweet input tables (`object_id, account_id, content_id, timestamp_share`).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use rustc_hash::FxHashSet;

use crate::Error;

/// One row of CooRTweet input: an account sharing an object through a piece of content.
///
/// Ids are reference-counted strings so that rows, pairs and edges can share them cheaply.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    /// The shared object (a retweeted tweet, a URL, a hashtag, ...).
    pub object_id: Arc<str>,
    /// The account that shared it.
    pub account_id: Arc<str>,
    /// The account's own content carrying the share (the retweet, the post, ...).
    pub content_id: Arc<str>,
    /// UNIX time of the share in seconds (CooRTweet's `timestamp_share`).
    pub timestamp: f64,
}

impl Share {
    /// A share built from borrowed ids.
    pub fn new(object_id: &str, account_id: &str, content_id: &str, timestamp: f64) -> Self {
        Self {
            object_id: object_id.into(),
            account_id: account_id.into(),
            content_id: content_id.into(),
            timestamp,
        }
    }
}

/// The columns CooRTweet requires, in the order [`Share`] stores them.
const COLUMNS: [&str; 4] = ["object_id", "account_id", "content_id", "timestamp_share"];

/// Reads a CSV file with CooRTweet's columns `object_id`, `account_id`, `content_id` and
/// `timestamp_share` (other columns are ignored, the order is free).
///
/// Gzip-compressed files are recognised by their magic bytes, whatever their name. Rows are
/// returned in file order, which matters: CooRTweet's output order follows it. Every row must
/// parse: ids must be non-empty and `timestamp_share` a finite number (e.g. `1623881091.0`);
/// otherwise the error names the file and line.
pub fn read_shares(path: &Path) -> Result<Vec<Share>, Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = BufReader::new(File::open(path).map_err(io_error)?);
    let gzipped = reader
        .fill_buf()
        .map_err(io_error)?
        .starts_with(&[0x1f, 0x8b]);
    if gzipped {
        parse_shares(MultiGzDecoder::new(reader), path)
    } else {
        parse_shares(reader, path)
    }
}

/// Parses CSV text with CooRTweet's columns from `reader`, naming `source` in errors.
///
/// This is [`read_shares`] without the file handling.
pub fn parse_shares<R: Read>(reader: R, source: &Path) -> Result<Vec<Share>, Error> {
    let mut csv = csv::ReaderBuilder::new().from_reader(reader);
    let header = csv.headers().map_err(|e| csv_error(e, source))?.clone();
    let mut index = [0usize; 4];
    for (slot, column) in index.iter_mut().zip(COLUMNS) {
        *slot = header
            .iter()
            .position(|name| name == column)
            .ok_or_else(|| Error::MissingColumn {
                path: source.to_path_buf(),
                column,
            })?;
    }

    let mut pool = IdPool::default();
    let mut shares = Vec::new();
    let mut record = csv::StringRecord::new();
    while csv
        .read_record(&mut record)
        .map_err(|e| csv_error(e, source))?
    {
        let line = record.position().map_or(0, csv::Position::line);
        let parse_error = |message: String| Error::Parse {
            path: source.to_path_buf(),
            line,
            message,
        };
        let mut ids = [""; 3];
        for ((id, &i), column) in ids.iter_mut().zip(&index).zip(COLUMNS) {
            *id = record.get(i).unwrap_or_default();
            if id.is_empty() {
                return Err(parse_error(format!("empty `{column}`")));
            }
        }
        let raw_time = record.get(index[3]).unwrap_or_default();
        let timestamp = raw_time
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|t| t.is_finite())
            .ok_or_else(|| {
                parse_error(format!(
                    "`timestamp_share` is not a finite number: {raw_time:?}"
                ))
            })?;
        shares.push(Share {
            object_id: pool.get(ids[0]),
            account_id: pool.get(ids[1]),
            content_id: pool.get(ids[2]),
            timestamp,
        });
    }
    Ok(shares)
}

/// Converts a CSV reader failure into an [`Error`] naming the file and, when known, the line.
fn csv_error(error: csv::Error, source: &Path) -> Error {
    let line = error.position().map_or(0, csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8: {err}"),
        _ => error.to_string(),
    };
    match error.into_kind() {
        csv::ErrorKind::Io(io) => Error::Io {
            path: source.to_path_buf(),
            source: io,
        },
        _ => Error::Parse {
            path: source.to_path_buf(),
            line,
            message,
        },
    }
}

/// Hands out one shared allocation per distinct id string.
#[derive(Default)]
struct IdPool {
    ids: FxHashSet<Arc<str>>,
}

impl IdPool {
    fn get(&mut self, id: &str) -> Arc<str> {
        if let Some(shared) = self.ids.get(id) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = id.into();
        self.ids.insert(Arc::clone(&shared));
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Share>, Error> {
        parse_shares(text.as_bytes(), Path::new("input.csv"))
    }

    #[test]
    fn reads_columns_by_name_in_any_order() {
        let shares = parse(
            "timestamp_share,extra,content_id,account_id,object_id\n\
             10.0,x,c1,a1,o1\n\
             12,y,c2,a2,o1\n",
        )
        .unwrap();
        assert_eq!(
            shares,
            vec![
                Share::new("o1", "a1", "c1", 10.0),
                Share::new("o1", "a2", "c2", 12.0)
            ]
        );
    }

    #[test]
    fn identical_ids_share_one_allocation() {
        let shares =
            parse("object_id,account_id,content_id,timestamp_share\no,a,c,1\no,a,d,2\n").unwrap();
        assert!(Arc::ptr_eq(&shares[0].object_id, &shares[1].object_id));
    }

    #[test]
    fn missing_column_is_named() {
        let err = parse("object_id,account_id,timestamp_share\no,a,1\n").unwrap_err();
        assert!(matches!(
            err,
            Error::MissingColumn {
                column: "content_id",
                ..
            }
        ));
        assert!(err.to_string().contains("input.csv"));
    }

    #[test]
    fn bad_timestamp_names_file_and_line() {
        let err = parse("object_id,account_id,content_id,timestamp_share\no,a,c,1\no,a,d,soon\n")
            .unwrap_err();
        assert!(matches!(err, Error::Parse { line: 3, .. }), "{err}");
        assert!(err.to_string().starts_with("input.csv:3:"), "{err}");
    }

    #[test]
    fn non_finite_timestamp_is_an_error() {
        for bad in ["NaN", "inf", ""] {
            let text = format!("object_id,account_id,content_id,timestamp_share\no,a,c,{bad}\n");
            assert!(matches!(parse(&text), Err(Error::Parse { line: 2, .. })));
        }
    }

    #[test]
    fn empty_id_is_an_error() {
        let err = parse("object_id,account_id,content_id,timestamp_share\no,,c,1\n").unwrap_err();
        assert!(err.to_string().contains("empty `account_id`"), "{err}");
    }

    #[test]
    fn ragged_row_is_an_error_with_its_line() {
        let err =
            parse("object_id,account_id,content_id,timestamp_share\no,a,c,1\no,a\n").unwrap_err();
        assert!(matches!(err, Error::Parse { line: 3, .. }), "{err}");
    }

    #[test]
    fn reads_gzip_files() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shares.csv.gz");
        let mut gz = flate2::write::GzEncoder::new(
            File::create(&path).unwrap(),
            flate2::Compression::default(),
        );
        gz.write_all(b"object_id,account_id,content_id,timestamp_share\no,a,c,5\n")
            .unwrap();
        gz.finish().unwrap();
        assert_eq!(
            read_shares(&path).unwrap(),
            vec![Share::new("o", "a", "c", 5.0)]
        );
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let err = read_shares(Path::new("/nonexistent/shares.csv")).unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
    }
}
