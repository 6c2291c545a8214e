//! Errors that stop reading: the message names the input, and the line where there is one.

use thiserror::Error;

/// A failure that makes an input unusable as a whole.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The input could not be opened.
    #[error("{source_name}: cannot open: {message}")]
    Open {
        /// Input name.
        source_name: String,
        /// The operating system's reason.
        message: String,
    },
    /// Reading or decompressing failed part-way.
    #[error("{source_name}:{line}: read error: {message}")]
    Read {
        /// Input name.
        source_name: String,
        /// Line reached when the error occurred.
        line: u64,
        /// What went wrong.
        message: String,
    },
    /// The input is structurally broken (bad header, malformed CSV).
    #[error("{source_name}:{line}:{column}: {message}")]
    Malformed {
        /// Input name.
        source_name: String,
        /// 1-based line.
        line: u64,
        /// 1-based column (field number for CSV).
        column: u64,
        /// What is wrong.
        message: String,
    },
    /// The input is in a form this build cannot read.
    #[error("{source_name}: {message}")]
    Unsupported {
        /// Input name.
        source_name: String,
        /// What is unsupported and what to do.
        message: String,
    },
    /// Too many rows were rejected for the result to mean anything.
    #[error("{source_name}: {rejected} of {read} rows rejected ({summary}); check the format and the column mapping (--column)")]
    MostlyRejected {
        /// Input name.
        source_name: String,
        /// Rows rejected.
        rejected: u64,
        /// Rows read.
        read: u64,
        /// The most common reasons with the first line of each.
        summary: String,
    },
    /// An output file (the rejects file) could not be written.
    #[error("{path}: cannot write: {message}")]
    Write {
        /// The file.
        path: String,
        /// The operating system's reason.
        message: String,
    },
}
