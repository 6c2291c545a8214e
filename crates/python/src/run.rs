//! Running the pipeline on a thread of its own, so that the caller waits without the GIL,
//! sees progress and can interrupt with Ctrl-C.

use crate::errors::to_py_err;
use lockstep::{DetectConfig, Progress, Stage};
use lockstep_report::ReportOptions;
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// How often the waiting thread checks for Ctrl-C.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// Runs `work` on a new thread and waits for it with the GIL released. On Ctrl-C (or any
/// pending signal whose handler raises) the call returns that exception at once; the work is
/// told to stop through the returned flag's owner, [`PyProgress`], when it has one.
pub(crate) fn interruptible<T: Send + 'static>(
    py: Python<'_>,
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> PyResult<T> {
    interruptible_with(py, Arc::new(AtomicBool::new(false)), work)
}

fn interruptible_with<T: Send + 'static>(
    py: Python<'_>,
    cancel: Arc<AtomicBool>,
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> PyResult<T> {
    let (tx, rx) = mpsc::channel();
    let rx = Mutex::new(rx);
    std::thread::spawn(move || {
        // The receiver is gone only when the caller was interrupted; the result is dropped.
        let _ = tx.send(work());
    });
    loop {
        match py.detach(|| rx.lock().expect("one waiter").recv_timeout(SIGNAL_CHECK)) {
            Ok(result) => return result.map_err(to_py_err),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Err(signal) = py.check_signals() {
                    cancel.store(true, Ordering::Relaxed);
                    return Err(signal);
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(pyo3::exceptions::PyRuntimeError::new_err(
                    "the detection thread ended without a result",
                ))
            }
        }
    }
}

/// Detects, writes the CLI's files and `reports` into `out` and returns the timing line and
/// the reports' note.
pub(crate) fn detect_and_write(
    py: Python<'_>,
    config: DetectConfig,
    out: PathBuf,
    callback: Option<Py<PyAny>>,
    reports: ReportOptions,
) -> PyResult<(String, Option<String>)> {
    let cancel = Arc::new(AtomicBool::new(false));
    let progress = PyProgress {
        callback,
        cancel: cancel.clone(),
    };
    interruptible_with(py, cancel, move || {
        let outcome = lockstep::detect(&config, &progress)?;
        write_all(outcome, &config, &out, &reports, &progress)
    })
}

/// Writes the CLI's files and `reports` of `outcome` into `out`; returns the timing line and
/// the reports' note.
pub(crate) fn write_all(
    mut outcome: lockstep::DetectOutcome,
    config: &DetectConfig,
    out: &std::path::Path,
    reports: &ReportOptions,
    progress: &dyn Progress,
) -> anyhow::Result<(String, Option<String>)> {
    progress.stage_started(Stage::Output);
    let elapsed = lockstep::write_outputs(&outcome, config, out)?.elapsed;
    let written = lockstep_report::write_reports(out, reports)?;
    progress.stage_finished(Stage::Output, elapsed);
    outcome.timings.push((Stage::Output, elapsed));
    Ok((lockstep::cli::timing_line(&outcome.timings), written.note))
}

/// Progress events handed to a Python callable; the run stops at the next stage's end once
/// `cancel` is set.
pub(crate) struct PyProgress {
    callback: Option<Py<PyAny>>,
    cancel: Arc<AtomicBool>,
}

impl PyProgress {
    /// Progress events for `callback`, if any.
    pub(crate) fn new(callback: Option<Py<PyAny>>) -> Self {
        Self {
            callback,
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    fn send(&self, event: &str, stage: Stage, value: f64) {
        if let Some(callback) = &self.callback {
            Python::attach(|py| {
                // A failing progress display must not fail the run.
                let _ = callback.call1(py, (event, stage.name(), value));
            });
        }
    }
}

impl Progress for PyProgress {
    fn stage_started(&self, stage: Stage) {
        self.send("start", stage, 0.0);
    }

    fn rows_read(&self, rows: u64) {
        self.send("rows", Stage::Ingest, rows as f64);
    }

    fn stage_finished(&self, stage: Stage, elapsed: Duration) {
        self.send("finish", stage, elapsed.as_secs_f64());
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}
