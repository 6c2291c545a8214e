//! `lockstep._lockstep`, the native module under the `lockstep` Python package.
//!
//! The package's Python layer turns keyword options into the command line `lockstep detect`
//! takes, so that both parse, default and check options in one place
//! ([`lockstep::cli::detect_request`]). Tables arrive through the Arrow C stream interface
//! (`__arrow_c_stream__`) as record batches that share the caller's buffers, and leave the same
//! way. Detection runs on a thread of its own while the calling thread waits without the GIL
//! and checks for Ctrl-C.

mod cluster;
mod errors;
mod posts_table;
mod run;
mod streams;
mod traced;

use errors::to_py_err;
use lockstep_ingest::{ArrowTable, ColumnMap, Format, IngestOptions, Input};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::path::PathBuf;
use std::sync::Arc;

/// Detects with the options of `lockstep detect ARGS...` and writes the CLI's files (with
/// Parquet twins of the tables) and reports into the `--out` directory `args` names.
///
/// `tables` pairs the names standing for inputs in `args` with objects that export an Arrow
/// C stream. `progress`, when given, is called as `progress(event, stage, value)` with event
/// `"start"`, `"rows"` or `"finish"`. Returns the timing line the CLI prints and the note on
/// skipped graph exports, if any.
#[pyfunction]
#[pyo3(signature = (args, tables, progress=None))]
fn detect(
    py: Python<'_>,
    args: Vec<String>,
    tables: Vec<(String, Bound<'_, PyAny>)>,
    progress: Option<Py<PyAny>>,
) -> PyResult<(String, Option<String>)> {
    let mut request = request_with_tables(&args, tables, None)?;
    request.config.tables = lockstep::TableFormat::CsvAndParquet;
    run::detect_and_write(py, request.config, request.out, progress, request.reports)
}

/// The `lockstep detect ARGS...` request, with the inputs named in `tables` taken from those
/// Arrow tables; with `traces`, tables traced on a cluster's executors leave their prepared
/// columns there.
fn request_with_tables(
    args: &[String],
    tables: Vec<(String, Bound<'_, PyAny>)>,
    mut traces: Option<&mut traced::ExecutorTraces>,
) -> PyResult<lockstep::cli::DetectRequest> {
    let mut request = lockstep::cli::detect_request(args).map_err(to_py_err)?;
    let config = &mut request.config;
    for (name, table) in tables {
        let mut batches = streams::import(&table)?;
        if let Some(traces) = traces.as_deref_mut() {
            batches = traces.split(&name, batches)?;
        }
        let arrow = Input::Arrow(ArrowTable {
            name: name.clone(),
            batches: Arc::new(batches),
        });
        for input in config.inputs.iter_mut() {
            if *input == Input::Path(PathBuf::from(&name)) {
                *input = arrow.clone();
            }
        }
    }
    Ok(request)
}

/// Runs any `lockstep` command line (without the program name), as the binary does.
#[pyfunction]
fn run_cli(py: Python<'_>, args: Vec<String>) -> PyResult<()> {
    let cli = lockstep::cli::parse(&args).map_err(|e| to_py_err(e.into()))?;
    run::interruptible(py, move || lockstep::cli::run(cli))
}

/// The help text of a `lockstep` subcommand, as `lockstep COMMAND --help` prints it.
#[pyfunction]
fn help(command: &str) -> String {
    lockstep::cli::long_help(command)
}

/// Scores the run directory `dir` against the ground truth file `truth`, as
/// `lockstep eval --json` does; returns the JSON text.
#[pyfunction]
fn evaluate(py: Python<'_>, truth: PathBuf, dir: PathBuf) -> PyResult<String> {
    run::interruptible(py, move || {
        let evaluation = lockstep_eval::evaluate(&truth, &dir)?;
        Ok(serde_json::to_string(&evaluation)?)
    })
}

/// Writes report.html into the run directory `dir`.
#[pyfunction]
fn write_report(py: Python<'_>, dir: PathBuf) -> PyResult<()> {
    run::interruptible(py, move || {
        let options = lockstep_report::ReportOptions {
            graphs: lockstep_report::GraphExports::Never,
            ..lockstep_report::ReportOptions::default()
        };
        lockstep_report::write_reports(&dir, &options)?;
        Ok(())
    })
}

/// Reads posts files with lockstep's readers (any format `detect` takes, `format` forcing
/// one, `columns` as `FIELD=COLUMN` mappings) into a stream of batches with the canonical
/// columns, returned as an Arrow C stream capsule.
#[pyfunction]
#[pyo3(signature = (paths, format=None, columns=Vec::new()))]
fn read<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    format: Option<String>,
    columns: Vec<String>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let mut options = IngestOptions::default();
    if let Some(f) = format {
        options.format = Some(
            f.parse::<Format>()
                .map_err(pyo3::exceptions::PyValueError::new_err)?,
        );
    }
    options.columns =
        ColumnMap::parse(&columns).map_err(pyo3::exceptions::PyValueError::new_err)?;
    let inputs: Vec<Input> = paths.iter().map(|p| Input::from_arg(p)).collect();
    let batch = run::interruptible(py, move || posts_table::read(&inputs, &options))?;
    streams::export(py, batch)
}

/// The native module.
#[pymodule]
fn _lockstep(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add_function(wrap_pyfunction!(run_cli, m)?)?;
    m.add_function(wrap_pyfunction!(help, m)?)?;
    m.add_function(wrap_pyfunction!(write_report, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(cluster::sweep_partition, m)?)?;
    m.add_function(wrap_pyfunction!(cluster::pair_slices_partition, m)?)?;
    m.add_function(wrap_pyfunction!(cluster::merge_parts, m)?)?;
    m.add_function(wrap_pyfunction!(cluster::episodes_partition, m)?)?;
    m.add_function(wrap_pyfunction!(cluster::band_keys_partition, m)?)?;
    m.add_function(wrap_pyfunction!(cluster::bucket_pairs_partition, m)?)?;
    m.add_function(wrap_pyfunction!(cluster::detect_inputs, m)?)?;
    m.add_function(wrap_pyfunction!(traced::trace_partition, m)?)?;
    m.add_class::<cluster::Weigher>()?;
    m.add_class::<cluster::ClusterDriver>()?;
    m.add("LockstepError", m.py().get_type::<errors::LockstepError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
