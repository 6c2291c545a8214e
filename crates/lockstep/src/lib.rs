//! lockstep finds networks of social-media accounts acting in concert.
//!
//! The pipeline runs ingest -> traces -> co-action -> networks -> outputs:
//!
//! ```no_run
//! use lockstep::{detect, write_outputs, DetectConfig, NoProgress};
//! use lockstep_ingest::Input;
//!
//! let config = DetectConfig::new(vec![Input::Path("posts.csv".into())]);
//! let outcome = detect(&config, &NoProgress)?;
//! write_outputs(&outcome, &config, std::path::Path::new("out"))?;
//! # Ok::<(), anyhow::Error>(())
//! ```

// The command-line interface lives in the library (so that other front ends, such as the
// Python package, parse the same options) and names the library by its crate name.
extern crate self as lockstep;

mod characterise;
pub mod cli;
pub mod cluster;
mod config;
mod duration;
mod ingest_stage;
mod memory;
mod notes;
mod object_timing;
mod pipeline;
mod progress;
mod run_report;
mod windows;

pub use characterise::TimeDetail;
pub use config::{DetectConfig, EdgeRule};
pub use duration::{format_duration, parse_duration};
pub use lockstep_output::TableFormat;
pub use notes::{input_notes, InputNotes};
pub use pipeline::{
    detect, write_outputs, BucketPairs, DetectOutcome, StatisticsReport, WrittenOutputs,
};
pub use progress::{NoProgress, Progress, Stage};
pub use windows::{AutoWindows, WindowSweep};
