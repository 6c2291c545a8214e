//! Writing a detection run to disk, exactly as FORMATS.md describes: `accounts.csv`,
//! `networks.json`, `edges.csv`, `evidence.csv`, `narratives.csv` and `run.json`, and on request
//! the four tables as Parquet beside their CSV.

mod detection;
mod error;
mod files;
mod ids;
mod summary;
mod table;
mod time;

pub use detection::{Detection, Evidence, NetworkProfile, Verdict};
pub use error::OutputError;
pub use files::{
    write_accounts, write_edges, write_evidence, write_json, write_narratives, write_networks,
};
pub use ids::{IdCollision, IdCollisions, IdLabels};
pub use summary::{
    duration_words, member_reasons, signal_facts, summarise_network, NetworkSummary, SignalFacts,
};
pub use table::{column_type, TableFormat};
pub use time::format_time;
