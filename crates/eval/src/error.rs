//! Errors of the evaluation, naming the file and line at fault.

use std::path::{Path, PathBuf};

/// Why an evaluation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
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
            csv::ErrorKind::Io(source) => Error::Io {
                path: path.to_path_buf(),
                source,
            },
            _ => Error::invalid(path, line, message),
        }
    }
}
