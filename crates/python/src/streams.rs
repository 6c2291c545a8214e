//! The Arrow C stream interface: tables in from any object with `__arrow_c_stream__`, and out
//! as a capsule that pyarrow, polars or pandas import.

use arrow_array::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{RecordBatch, RecordBatchIterator, RecordBatchReader};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// The capsule name the interface requires.
const STREAM: &std::ffi::CStr = c"arrow_array_stream";

/// The record batches of `table`, which shares its buffers with them (no copy of the data).
pub(crate) fn import(table: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    if !table.hasattr("__arrow_c_stream__")? {
        return Err(PyTypeError::new_err(format!(
            "expected a table exporting the Arrow C stream interface (__arrow_c_stream__), got {}",
            table.get_type().name()?
        )));
    }
    let capsule = table.call_method0("__arrow_c_stream__")?;
    let capsule = capsule.cast::<PyCapsule>()?;
    let pointer = capsule.pointer_checked(Some(STREAM))?;
    // SAFETY: the capsule is named as the interface requires, so it holds an
    // `ArrowArrayStream`; `from_raw` moves the stream out and marks the original released,
    // which the capsule's destructor then leaves alone.
    let stream = unsafe { FFI_ArrowArrayStream::from_raw(pointer.as_ptr().cast()) };
    let reader = ArrowArrayStreamReader::try_new(stream)
        .map_err(|e| PyValueError::new_err(format!("unreadable Arrow stream: {e}")))?;
    reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PyValueError::new_err(format!("unreadable Arrow stream: {e}")))
}

/// `batch` as an Arrow C stream capsule.
pub(crate) fn export(py: Python<'_>, batch: RecordBatch) -> PyResult<Bound<'_, PyCapsule>> {
    let schema = batch.schema();
    export_reader(
        py,
        Box::new(RecordBatchIterator::new(std::iter::once(Ok(batch)), schema)),
    )
}

/// The batches of `reader` as an Arrow C stream capsule; each is made when the importer asks
/// for it.
pub(crate) fn export_reader(
    py: Python<'_>,
    reader: Box<dyn RecordBatchReader + Send>,
) -> PyResult<Bound<'_, PyCapsule>> {
    PyCapsule::new_with_value(py, FFI_ArrowArrayStream::new(reader), STREAM)
}
