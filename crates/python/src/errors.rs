//! Rust errors as Python exceptions, carrying the CLI's messages.

use lockstep_ingest::IngestError;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::PyErr;

pyo3::create_exception!(
    _lockstep,
    LockstepError,
    PyValueError,
    "Input or options lockstep cannot use; the message names the file, line and column."
);

/// The exception for an error of the pipeline: `OSError` when a file cannot be opened or read,
/// `ValueError` for a command line that does not parse, [`LockstepError`] (a `ValueError`)
/// for everything else. The message is the CLI's, with its causes.
pub(crate) fn to_py_err(error: anyhow::Error) -> PyErr {
    if let Some(e) = error.downcast_ref::<clap::Error>() {
        return PyValueError::new_err(e.render().to_string().trim_end().to_string());
    }
    let message = format!("{error:#}");
    let io = error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<IngestError>(),
            Some(IngestError::Open { .. } | IngestError::Read { .. })
        ) || cause.is::<std::io::Error>()
    });
    if io {
        PyOSError::new_err(message)
    } else {
        LockstepError::new_err(message)
    }
}
