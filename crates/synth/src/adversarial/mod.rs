//! Adversarial datasets: the same planted kinds in backgrounds built to break a chance model.
//!
//! [`generate_adversarial`] writes `posts.csv` (`post_id,account_id,timestamp,text,urls,
//! hashtags,reshare_of,reply_to,community`, timestamps in epoch seconds, sorted by time) and
//! `truth.csv` (`account_id,label,kind`). There is no accounts file: every verdict has to come
//! from behaviour. Each [`Background`] stresses one assumption:
//!
//! | background | what it stresses |
//! |---|---|
//! | `standard` | a mixed crowd with some rare links |
//! | `many-rare` | most links are never seen again: rare objects are everywhere |
//! | `few-rare` | links come from a few mass sites: the planted groups' objects are the only rare ones |
//! | `dense-tags` | every post carries several tags from a small pool |
//! | `sparse-tags` | tags are rare and spread thin |
//! | `small-dump` | 200 one-off accounts and one six-account push |
//! | `hyperactive` | 600 organic accounts posting 10 to 300 times a day, mostly reshares of one shared pool of hub posts, minute timestamps: pairs expect thousands of co-actions by chance, and the planted members reshare the pool as much as anyone |
//! | `operation` | no organic class: 600 accounts of five operation categories resharing their principals' pools, minute timestamps (the shape of a platform's takedown archive) |
//! | `forum` | communities (subreddits) whose regulars reply in the same threads |
//! | `forum-sites` | the same communities submitting links: to mass sites, to pages nobody links again, and to each community's own sites, which its regulars link over and over |
//! | `forum-general` | the `forum-sites` communities, whose accounts also reply all over one general community (`r/general`), as much as in their own: members post in many communities, as on Reddit |
//!
//! Planted in every background but `small-dump` and `operation`: a 4-account `cell` posting
//! 60 links nobody else posts within 20 s, a 25-account `fresh_tag_push` with a new tag for
//! each of 20 bursts, 8 `domain_promoters` linking articles of their own sites over days, and
//! a 15-account `self_ring` resharing one another's posts within minutes around the clock;
//! in the crowd backgrounds also a 20-account `reply_brigade` answering a public figure's
//! every post within minutes with templated attacks, and a 35-account `weak_mix` of crowd
//! accounts that share a public page, post near-copies of one message or reshare a popular
//! post together three times a day, each member joining three actions in ten: every signal
//! is weak on its own; and a 20-account `slow_ring` of crowd accounts resharing, four times
//! a day round the clock, a popular author's post or one that nobody else reshares, a median
//! of 25 minutes after it.
//! Hard negatives: a `fan_club` resharing an idol within minutes, a `viral_crowd` pool whose
//! members pile onto viral posts, `language_readers` sharing their local paper's links,
//! `giveaway` entrants (five contests of 40 crowd accounts, each posting the contest's text,
//! tag and link on one day), the public figure's `repliers` (300 crowd accounts answering
//! its posts in words of their own), a team's `live_audience` (40 crowd accounts live-posting
//! its six midweek matches with the team's tag, at the same hour each time), a circle of 12
//! `friends` resharing one another's posts at waking hours, an `art_circle` of 40 crowd
//! accounts round the world resharing, each one post in ten, the daily posts of 150 small
//! artists of the crowd whom nobody else reshares, 12 `far_friends` split between Europe and
//! America resharing one another's posts at their own waking hours, and in `forum` the
//! communities' `regulars`.

mod scenes;

use crate::rng::stream;
use crate::Error;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// The kind of organic background a dataset is built on.
///
/// The discriminants seed each background's random stream, so they stay fixed as backgrounds
/// are added: `Operation` keeps the number it had when it was called `hyperactive`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// A mixed crowd with some rare links.
    Standard = 0,
    /// Most links are never seen again.
    ManyRare = 1,
    /// Links come from a few mass sites.
    FewRare = 2,
    /// Several tags per post from a small pool.
    DenseTags = 3,
    /// Few tags, spread thin.
    SparseTags = 4,
    /// 200 one-off accounts and one six-account push.
    SmallDump = 5,
    /// 600 organic accounts resharing one shared pool many times a day.
    Hyperactive = 8,
    /// 600 accounts in five operation categories, no organic class.
    Operation = 6,
    /// Communities whose regulars reply in the same threads.
    Forum = 7,
    /// Communities that also submit links, each to its own sites most of all.
    ForumSites = 9,
    /// The same communities, whose accounts also post all over one general community.
    ForumGeneral = 10,
}

impl Background {
    /// Every background, in the order of the table above.
    pub const ALL: [Background; 11] = [
        Background::Standard,
        Background::ManyRare,
        Background::FewRare,
        Background::DenseTags,
        Background::SparseTags,
        Background::SmallDump,
        Background::Hyperactive,
        Background::Operation,
        Background::Forum,
        Background::ForumSites,
        Background::ForumGeneral,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Background::Standard => "standard",
            Background::ManyRare => "many-rare",
            Background::FewRare => "few-rare",
            Background::DenseTags => "dense-tags",
            Background::SparseTags => "sparse-tags",
            Background::SmallDump => "small-dump",
            Background::Hyperactive => "hyperactive",
            Background::Operation => "operation",
            Background::Forum => "forum",
            Background::ForumSites => "forum-sites",
            Background::ForumGeneral => "forum-general",
        }
    }
}

impl fmt::Display for Background {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Background {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Background::ALL
            .into_iter()
            .find(|b| b.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Background::ALL.iter().map(|b| b.name()).collect();
                format!("unknown background '{s}' (one of {})", names.join(", "))
            })
    }
}

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct AdversarialConfig {
    /// Seed of every random choice.
    pub seed: u64,
    /// The background.
    pub background: Background,
    /// Organic accounts (ignored by `small-dump`; `hyperactive` and `operation` scale their
    /// 600 accounts by it over 3,000).
    pub accounts: usize,
    /// Days covered (the full `operation` case, minute timestamps over 75 days, is `--days 75`).
    pub days: u32,
}

impl AdversarialConfig {
    /// 3,000 organic accounts over 21 days.
    pub fn new(seed: u64, background: Background) -> Self {
        Self {
            seed,
            background,
            accounts: 3_000,
            days: 21,
        }
    }
}

/// One generated post.
#[derive(Debug, Clone, Default)]
pub(crate) struct Post {
    pub(crate) account: u32,
    pub(crate) time: i64,
    pub(crate) text: String,
    pub(crate) urls: String,
    pub(crate) hashtags: String,
    pub(crate) reshare_of: Option<u64>,
    pub(crate) reply_to: Option<u64>,
    pub(crate) community: String,
    /// Set when the posts are numbered.
    pub(crate) id: u64,
}

/// Accounts and their labels, and the posts made.
#[derive(Debug, Default)]
pub(crate) struct Scene {
    /// Per account: (label, kind) as in `truth.csv`.
    pub(crate) labels: Vec<(String, String)>,
    pub(crate) posts: Vec<Post>,
}

impl Scene {
    /// Adds `n` accounts with one label; returns their ids.
    pub(crate) fn add_accounts(&mut self, n: usize, label: &str, kind: &str) -> Vec<u32> {
        let first = self.labels.len() as u32;
        self.labels
            .extend((0..n).map(|_| (label.to_string(), kind.to_string())));
        (first..first + n as u32).collect()
    }

    /// Adds a post and returns its id (ids are assigned in creation order).
    pub(crate) fn post(&mut self, post: Post) -> u64 {
        let id = self.posts.len() as u64 + 1;
        self.posts.push(Post { id, ..post });
        id
    }
}

/// What [`generate_adversarial`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdversarialSummary {
    /// Rows of `posts.csv`.
    pub posts: usize,
    /// Rows of `truth.csv`.
    pub accounts: usize,
    /// (label, kind, accounts) of each planted network and hard-negative group.
    pub groups: Vec<(String, String, usize)>,
}

/// Generates an adversarial dataset into `out_dir` (created if missing). The same
/// configuration always produces the same bytes.
pub fn generate_adversarial(
    config: &AdversarialConfig,
    out_dir: &Path,
) -> Result<AdversarialSummary, Error> {
    if config.days == 0 || config.accounts == 0 {
        return Err(Error::Config(
            "adversarial data needs at least one day and one account".into(),
        ));
    }
    std::fs::create_dir_all(out_dir).map_err(|source| Error::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut rng = stream(config.seed, &[0xAD5E, config.background as u64]);
    let mut scene = scenes::build(config, &mut rng);
    scene.posts.sort_by_key(|p| (p.time, p.id));
    write(&scene, out_dir)?;
    let mut groups: Vec<(String, String, usize)> = Vec::new();
    for (label, kind) in &scene.labels {
        if kind == "organic" {
            continue;
        }
        match groups.iter_mut().find(|g| &g.0 == label) {
            Some(g) => g.2 += 1,
            None => groups.push((label.clone(), kind.clone(), 1)),
        }
    }
    Ok(AdversarialSummary {
        posts: scene.posts.len(),
        accounts: scene.labels.len(),
        groups,
    })
}

fn write(scene: &Scene, out_dir: &Path) -> Result<(), Error> {
    let csv_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Csv {
            path: path.clone(),
            source,
        }
    };
    let posts_path = out_dir.join("posts.csv");
    let mut w = csv::Writer::from_path(&posts_path).map_err(csv_error(&posts_path))?;
    w.write_record([
        "post_id",
        "account_id",
        "timestamp",
        "text",
        "urls",
        "hashtags",
        "reshare_of",
        "reply_to",
        "community",
    ])
    .map_err(csv_error(&posts_path))?;
    let id = |x: Option<u64>| x.map_or(String::new(), |x| format!("p{x}"));
    for p in &scene.posts {
        w.write_record([
            format!("p{}", p.id).as_str(),
            &format!("u{}", p.account),
            &p.time.to_string(),
            &p.text,
            &p.urls,
            &p.hashtags,
            &id(p.reshare_of),
            &id(p.reply_to),
            &p.community,
        ])
        .map_err(csv_error(&posts_path))?;
    }
    w.flush().map_err(|source| Error::Io {
        path: posts_path.clone(),
        source,
    })?;
    let truth_path = out_dir.join("truth.csv");
    let mut w = csv::Writer::from_path(&truth_path).map_err(csv_error(&truth_path))?;
    w.write_record(["account_id", "label", "kind"])
        .map_err(csv_error(&truth_path))?;
    for (a, (label, kind)) in scene.labels.iter().enumerate() {
        w.write_record([format!("u{a}").as_str(), label, kind])
            .map_err(csv_error(&truth_path))?;
    }
    w.flush().map_err(|source| Error::Io {
        path: truth_path,
        source,
    })
}
