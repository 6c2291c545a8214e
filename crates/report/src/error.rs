//! Errors of the report, always naming the file at fault.

use std::path::{Path, PathBuf};
use thiserror::Error;

/// A result file could not be read or a report file could not be written.
#[derive(Debug, Error)]
pub enum ReportError {
    /// A result file is missing, unreadable or not in the format FORMATS.md describes.
    #[error("{}: {message}", path.display())]
    Read {
        /// The result file.
        path: PathBuf,
        /// What is wrong, with the line where known.
        message: String,
    },
    /// A report file could not be written.
    #[error("{}: cannot write: {message}", path.display())]
    Write {
        /// The report file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl ReportError {
    pub(crate) fn read(path: &Path, message: impl std::fmt::Display) -> Self {
        ReportError::Read {
            path: path.to_path_buf(),
            message: message.to_string(),
        }
    }

    pub(crate) fn write(path: &Path, message: impl std::fmt::Display) -> Self {
        ReportError::Write {
            path: path.to_path_buf(),
            message: message.to_string(),
        }
    }
}
