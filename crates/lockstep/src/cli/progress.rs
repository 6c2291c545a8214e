//! Progress bars on a terminal, and the per-stage timing summary.

use indicatif::{ProgressBar, ProgressStyle};
use lockstep::{Progress, Stage};
use std::cell::RefCell;
use std::io::IsTerminal;
use std::time::Duration;

/// Shows a spinner per stage on stderr when it is a terminal; silent otherwise.
pub struct TerminalProgress {
    enabled: bool,
    bar: RefCell<Option<ProgressBar>>,
}

impl TerminalProgress {
    /// Bars only when not `quiet` and stderr is a terminal.
    pub fn new(quiet: bool) -> Self {
        Self {
            enabled: !quiet && std::io::stderr().is_terminal(),
            bar: RefCell::new(None),
        }
    }
}

fn describe(stage: Stage) -> &'static str {
    match stage {
        Stage::Ingest => "reading posts",
        Stage::Narratives => "grouping near-duplicate texts",
        Stage::CoAction => "finding co-actions",
        Stage::Statistics => "weighing edges against chance",
        Stage::Networks => "building networks",
        Stage::Windows => "trying other windows",
        Stage::Output => "writing results",
    }
}

impl Progress for TerminalProgress {
    fn stage_started(&self, stage: Stage) {
        if !self.enabled {
            return;
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(describe(stage));
        bar.enable_steady_tick(Duration::from_millis(120));
        *self.bar.borrow_mut() = Some(bar);
    }

    fn rows_read(&self, rows: u64) {
        if let Some(bar) = self.bar.borrow().as_ref() {
            bar.set_message(format!("reading posts: {rows} rows"));
        }
    }

    fn stage_finished(&self, _stage: Stage, _elapsed: Duration) {
        if let Some(bar) = self.bar.borrow_mut().take() {
            bar.finish_and_clear();
        }
    }
}

/// One line with the time of every stage: `ingest 1.20s · coaction 0.40s · ...`.
pub fn timing_line(timings: &[(Stage, Duration)]) -> String {
    let parts: Vec<String> = timings
        .iter()
        .map(|(s, d)| format!("{} {:.2}s", s.name(), d.as_secs_f64()))
        .collect();
    let total: f64 = timings.iter().map(|(_, d)| d.as_secs_f64()).sum();
    format!("time: {} | total {total:.2}s", parts.join(", "))
}
