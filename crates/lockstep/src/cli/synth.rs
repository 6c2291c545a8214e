//! `lockstep synth`: generate realistic posts with planted networks and hard negatives.

use anyhow::Result;
use clap::Args;
use lockstep_synth::{generate, generate_adversarial, AdversarialConfig, Background, SynthConfig};
use std::path::PathBuf;

/// Generate a realistic synthetic dataset with planted coordinated networks.
///
/// Writes DIR/posts.csv (canonical posts form), DIR/accounts.csv and DIR/truth.csv
/// (account_id, label, kind). Organic accounts follow heavy-tailed activity with daily rhythms
/// in their own time zones, reshare cascades, viral bursts and common greetings. Planted
/// networks (kind cib:...): reshare rings, link farms, copy-paste text with small edits, hashtag
/// pushes, slow rings, weak mixed-signal networks and tiny cells. Hard negatives (kind hard:...):
/// fan clubs, syndicated outlets and viral-burst crowds.
///
/// With --background, writes an adversarial dataset instead (posts.csv and truth.csv, no
/// accounts file): a 4-account cell posting links nobody else posts, a push with a fresh tag
/// per burst, promoters of their own sites and a ring resharing its own posts around the
/// clock (in the crowd backgrounds also a brigade answering a public figure with templated
/// attacks, a group whose every signal is weak and a slow ring resharing round the clock
/// posts half of which nobody else reshares), among fan clubs, viral crowds, giveaway entrants, the
/// figure's other repliers, a team's live audience, friends resharing one another (also
/// split between two continents), a circle round the world resharing small artists and one
/// paper's readers, in a background built to break a chance model: standard,
/// many-rare, few-rare, dense-tags, sparse-tags, small-dump, hyperactive (accounts resharing
/// one pool many times a day), operation (operation categories, no organic class, no planted
/// kinds), forum (communities whose regulars reply in the same threads), forum-sites (the same
/// communities also linking sites of their own) or forum-general (those communities' accounts
/// also posting all over one general community). Their default size is
/// 3,000 organic accounts over 21 days.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  lockstep synth --out data                      # about 1M posts
  lockstep synth --out big --accounts 200000 --days 30 --seed 7
  lockstep synth --out hard --background few-rare --seed 3
  lockstep detect data/posts.csv --accounts data/accounts.csv --out results
  lockstep eval --truth data/truth.csv results")]
pub struct SynthArgs {
    /// Output directory (created if missing).
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
    /// Random seed: the same seed and sizes give identical files.
    #[arg(long, default_value_t = SynthConfig::default().seed)]
    seed: u64,
    /// Number of accounts, organic and planted together [default: 20000]; with --background,
    /// the organic accounts alone [default: 3000], to which the background's planted networks
    /// and hard negatives are added.
    #[arg(long, value_name = "N")]
    accounts: Option<usize>,
    /// Days of activity [default: 14; with --background, 21].
    #[arg(long, value_name = "N")]
    days: Option<u32>,
    /// Write an adversarial dataset on this background (see above).
    #[arg(long, value_name = "NAME")]
    background: Option<Background>,
}

/// Runs `lockstep synth`.
pub fn run(args: SynthArgs) -> Result<()> {
    if let Some(background) = args.background {
        let mut config = AdversarialConfig::new(args.seed, background);
        if let Some(accounts) = args.accounts {
            config.accounts = accounts;
        }
        if let Some(days) = args.days {
            config.days = days;
        }
        let summary = generate_adversarial(&config, &args.out)?;
        println!(
            "{} posts, {} accounts ({background} background)",
            summary.posts, summary.accounts
        );
        for (label, kind, size) in &summary.groups {
            println!("  {label:<20} {kind:<24} {size:>5}");
        }
        println!("written to {}", args.out.display());
        return Ok(());
    }
    let defaults = SynthConfig::default();
    let config = SynthConfig {
        seed: args.seed,
        accounts: args.accounts.unwrap_or(defaults.accounts),
        days: args.days.unwrap_or(defaults.days),
        ..defaults
    };
    let summary = generate(&config, &args.out)?;
    println!("{summary}");
    println!("written to {}", args.out.display());
    Ok(())
}
