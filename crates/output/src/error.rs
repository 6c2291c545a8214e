use std::path::PathBuf;
use thiserror::Error;

/// A result file could not be written.
#[derive(Debug, Error)]
#[error("{}: cannot write: {message}", path.display())]
pub struct OutputError {
    /// The file being written.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

impl OutputError {
    pub(crate) fn new(path: &std::path::Path, e: impl std::fmt::Display) -> Self {
        Self {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }
}
