//! Synthetic post dumps with planted coordinated networks and hard negatives.
//!
//! [`generate`] writes three files in the formats of the lockstep I/O contract:
//!
//! - `posts.csv`: `post_id,account_id,timestamp,text,urls,hashtags,mentions,reshare_of,reply_to,lang`,
//!   sorted by time. Post ids are Twitter-style snowflakes (the timestamp is recoverable from the
//!   id). Timestamps are RFC 3339 UTC with seconds. `urls`, `hashtags` (without `#`) and
//!   `mentions` (handles without `@`) are space-separated. A reshare has `reshare_of` set, the
//!   text `RT @author: <original text>` and empty entity columns; a reply has `reply_to` set and
//!   mentions the replied-to author.
//! - `accounts.csv`: `account_id,created_at,handle,display_name,followers,following,posts_count,
//!   description,verified,profile_image`.
//! - `truth.csv`: `account_id,label,kind`, one row per account: the network or group name and
//!   `cib:<type>` for planted networks, `hard:<type>` for hard negatives, `organic` otherwise.
//!
//! The organic background has heavy-tailed activity, daily rhythms in local time zones, texts in
//! English, Spanish, German, Russian, Arabic and Chinese, links in varied raw forms, hashtags
//! with daily trends, mentions, replies, reshare cascades with heavy-tailed sizes and delays,
//! viral bursts and identical greetings. Planted kinds: `reshare_ring`, `link_farm`,
//! `copypasta`, `hashtag_push`, `slow_ring`, `mixed_weak`, `tiny_cell`. Hard negatives:
//! `fan_club`, `syndicated`, `viral_burst`.
//!
//! Posts are generated one day at a time and streamed, so memory is bounded by a day of posts
//! plus the reactions still to come. The output is a function of the configuration.

mod accounts;
mod adversarial;
mod config;
mod content;
mod day;
mod delays;
mod hard;
mod links;
mod organic;
mod planted;
mod rhythm;
mod rng;
mod sampling;
mod tags;
mod text;
mod timeline;
mod vocab;
mod world;
mod writer;

use std::fmt;
use std::path::{Path, PathBuf};

pub use adversarial::{generate_adversarial, AdversarialConfig, AdversarialSummary, Background};
pub use config::SynthConfig;

use world::World;

/// Errors of [`generate`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration is out of range.
    #[error("invalid synth configuration: {0}")]
    Config(String),
    /// A file or directory could not be created or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A CSV record could not be written.
    #[error("{}: {source}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: csv::Error,
    },
}

/// A planted network or a hard-negative group of the generated data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSummary {
    /// Name in `truth.csv`, e.g. `ring_01`.
    pub label: String,
    /// Kind in `truth.csv`, e.g. `cib:reshare_ring`.
    pub kind: String,
    /// Number of member accounts.
    pub size: usize,
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthSummary {
    /// Rows of `posts.csv`.
    pub posts: u64,
    /// Posts that are reshares.
    pub reshares: u64,
    /// Posts that are replies.
    pub replies: u64,
    /// Rows of `accounts.csv` (and of `truth.csv`).
    pub accounts: usize,
    /// Accounts labelled `organic` (including idols and amplified authors).
    pub organic_accounts: usize,
    /// Planted networks (`cib:` kinds), in label order within each kind.
    pub networks: Vec<GroupSummary>,
    /// Hard-negative groups (`hard:` kinds).
    pub hard_negatives: Vec<GroupSummary>,
}

impl fmt::Display for SynthSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} posts ({} reshares, {} replies), {} accounts ({} organic)",
            self.posts, self.reshares, self.replies, self.accounts, self.organic_accounts
        )?;
        let planted: usize = self.networks.iter().map(|g| g.size).sum();
        writeln!(
            f,
            "{} planted networks, {planted} accounts:",
            self.networks.len()
        )?;
        for g in &self.networks {
            writeln!(f, "  {:<14} {:<20} {:>5}", g.label, g.kind, g.size)?;
        }
        let hard: usize = self.hard_negatives.iter().map(|g| g.size).sum();
        writeln!(
            f,
            "{} hard-negative groups, {hard} accounts:",
            self.hard_negatives.len()
        )?;
        for g in &self.hard_negatives {
            writeln!(f, "  {:<14} {:<20} {:>5}", g.label, g.kind, g.size)?;
        }
        Ok(())
    }
}

/// Generates a dataset into `out_dir` (created if missing): `posts.csv`, `accounts.csv` and
/// `truth.csv`. The same configuration always produces the same bytes.
pub fn generate(config: &SynthConfig, out_dir: &Path) -> Result<SynthSummary, Error> {
    config.validate()?;
    std::fs::create_dir_all(out_dir).map_err(|source| Error::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let world = World::build(config);
    writer::write_accounts(&out_dir.join("accounts.csv"), &world.accounts)?;
    writer::write_truth(&out_dir.join("truth.csv"), &world)?;
    let counts = timeline::write_posts(&world, &out_dir.join("posts.csv"))?;

    let summarize = |planted: bool| -> Vec<GroupSummary> {
        world
            .groups
            .iter()
            .filter(|g| g.kind.is_planted() == planted)
            .map(|g| GroupSummary {
                label: g.label.clone(),
                kind: g.kind.truth_kind().to_string(),
                size: g.members.len(),
            })
            .collect()
    };
    Ok(SynthSummary {
        posts: counts.posts,
        reshares: counts.reshares,
        replies: counts.replies,
        accounts: world.accounts.len(),
        organic_accounts: world.accounts.iter().filter(|a| a.group.is_none()).count(),
        networks: summarize(true),
        hard_negatives: summarize(false),
    })
}
