//! The error type of the crate.

use std::path::PathBuf;

/// Everything that can go wrong in the CooRTweet-compatible mode.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be opened, read, created or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// The input's header lacks a required column.
    #[error("{}: missing column `{column}` in the header", .path.display())]
    MissingColumn {
        /// The input file.
        path: PathBuf,
        /// The name of the missing column.
        column: &'static str,
    },
    /// A row of the input could not be parsed.
    #[error("{}:{line}: {message}", .path.display())]
    Parse {
        /// The input file.
        path: PathBuf,
        /// 1-based line number of the offending row.
        line: u64,
        /// What is wrong with the row.
        message: String,
    },
    /// A parameter is outside its valid range.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
}
