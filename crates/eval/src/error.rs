//! Errors of the evaluation, naming the file and line at fault.

use std::path::{Path, PathBuf};

/// Why an evaluation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened or read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error, part of this one's message (not a separate cause,
        /// which error chains would print a second time).
        error: std::io::Error,
    },
    /// A file's content is not as expected.
    #[error("{}:{line}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line number (1 is the header).
        line: u64,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    pub(crate) fn invalid(path: &Path, line: u64, message: impl Into<String>) -> Self {
        Error::Invalid {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// Converts a CSV error, keeping the line where it occurred.
    pub(crate) fn csv(path: &Path, err: csv::Error) -> Self {
        let line = err.position().map_or(0, csv::Position::line);
        let message = err.to_string();
        match err.into_kind() {
            csv::ErrorKind::Io(error) => Error::Io {
                path: path.to_path_buf(),
                error,
            },
            _ => Error::invalid(path, line, message),
        }
    }
}
