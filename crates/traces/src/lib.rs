//! Traces: what each post does that another account could do too.
//!
//! Every ingested record becomes a post plus actions on objects, one table per signal: the post
//! it reshares or replies to, its canonical URLs and their domains, hashtags, mentions, media
//! items, and its normalised text. See [`url_canon`] and [`text`] for the normalisation rules and
//! [`shingles`] for what near-duplicate texts are compared on.

mod builder;
mod prepare;
pub mod shingles;
pub mod text;
pub mod tokens;
pub mod url_canon;

pub use builder::{TraceBuilder, TraceStats};
pub use prepare::{prepare, PreparedPost};
pub use text::{HashtagPolicy, TextRules, TokenPolicy};
