//! Writing a detection run to disk, exactly as FORMATS.md describes: `accounts.csv`,
//! `networks.json`, `edges.csv`, `evidence.csv`, `narratives.csv` and `run.json`.

mod detection;
mod error;
mod files;
mod time;

pub use detection::{Detection, Evidence, NetworkProfile, Verdict};
pub use error::OutputError;
pub use files::{
    write_accounts, write_edges, write_evidence, write_json, write_narratives, write_networks,
};
pub use time::format_time;
