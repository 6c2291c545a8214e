//! Reporting progress of long stages to whoever embeds the pipeline.

use std::time::Duration;

/// A stage of the detection pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading inputs and extracting traces.
    Ingest,
    /// Grouping near-duplicate texts into narratives.
    Narratives,
    /// Sweeping every signal for co-actions and fusing them into edges.
    CoAction,
    /// Weighing every candidate edge against chance and selecting edges.
    Statistics,
    /// Clustering and ranking networks.
    Networks,
    /// Choosing windows from the data, or rerunning at other windows for the sensitivity sweep.
    Windows,
    /// Writing result files.
    Output,
}

impl Stage {
    /// Lowercase name, as in run.json's timings.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Narratives => "narratives",
            Stage::CoAction => "coaction",
            Stage::Statistics => "statistics",
            Stage::Networks => "networks",
            Stage::Windows => "windows",
            Stage::Output => "output",
        }
    }
}

/// Receives progress events. All methods have empty defaults.
pub trait Progress {
    /// A stage begins.
    fn stage_started(&self, _stage: Stage) {}
    /// Rows read so far during ingest.
    fn rows_read(&self, _rows: u64) {}
    /// A stage ended after `elapsed`.
    fn stage_finished(&self, _stage: Stage, _elapsed: Duration) {}
    /// Whether the caller wants the run stopped: checked when a stage ends, after which
    /// [`crate::detect`] returns an error that says it was interrupted.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Ignores progress.
pub struct NoProgress;

impl Progress for NoProgress {}
