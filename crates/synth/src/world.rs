//! The cast of the dataset: every account, the planted networks and hard-negative groups, and
//! the tables (hashtags, sites, samplers) that the daily generation draws from.

use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Beta, Distribution};

use crate::accounts::{Account, AccountFactory, Behaviour, Profile};
use crate::config::SynthConfig;
use crate::delays::lognormal;
use crate::links::{DomainTable, Site};
use crate::rhythm::{operator_time_zone, Rhythm, DAY};
use crate::rng::stream;
use crate::sampling::AccountPool;
use crate::tags::TagTable;
use crate::vocab::{Lang, Vocab, CAMPAIGN_PREFIXES, CAMPAIGN_SUFFIXES, LANGS, RU_CAMPAIGN_TAGS};

/// Stream tag of the cast.
const CAST_STREAM: u64 = 1;

/// The kinds of planted networks and hard-negative groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    ReshareRing,
    LinkFarm,
    Copypasta,
    HashtagPush,
    SlowRing,
    MixedWeak,
    TinyCell,
    FanClub,
    Syndicated,
    ViralBurst,
}

impl Kind {
    pub(crate) const ALL: [Kind; 10] = [
        Kind::ReshareRing,
        Kind::LinkFarm,
        Kind::Copypasta,
        Kind::HashtagPush,
        Kind::SlowRing,
        Kind::MixedWeak,
        Kind::TinyCell,
        Kind::FanClub,
        Kind::Syndicated,
        Kind::ViralBurst,
    ];

    /// The `kind` column of `truth.csv`.
    pub(crate) fn truth_kind(self) -> &'static str {
        match self {
            Kind::ReshareRing => "cib:reshare_ring",
            Kind::LinkFarm => "cib:link_farm",
            Kind::Copypasta => "cib:copypasta",
            Kind::HashtagPush => "cib:hashtag_push",
            Kind::SlowRing => "cib:slow_ring",
            Kind::MixedWeak => "cib:mixed_weak",
            Kind::TinyCell => "cib:tiny_cell",
            Kind::FanClub => "hard:fan_club",
            Kind::Syndicated => "hard:syndicated",
            Kind::ViralBurst => "hard:viral_burst",
        }
    }

    fn label_stem(self) -> &'static str {
        match self {
            Kind::ReshareRing => "ring",
            Kind::LinkFarm => "linkfarm",
            Kind::Copypasta => "copypasta",
            Kind::HashtagPush => "hashtag",
            Kind::SlowRing => "slowring",
            Kind::MixedWeak => "mixed",
            Kind::TinyCell => "cell",
            Kind::FanClub => "fanclub",
            Kind::Syndicated => "syndicate",
            Kind::ViralBurst => "viral",
        }
    }

    /// Whether the kind is a planted (coordinated inauthentic) network.
    pub(crate) fn is_planted(self) -> bool {
        !matches!(self, Kind::FanClub | Kind::Syndicated | Kind::ViralBurst)
    }

    /// How many groups of this kind a dataset of `accounts` accounts holds: proportional to the
    /// size (the base count is for 20,000 accounts), never fewer than the minimum.
    fn count(self, accounts: usize) -> usize {
        let (base, min) = match self {
            Kind::ReshareRing => (4.0, 2),
            Kind::TinyCell => (6.0, 3),
            _ => (3.0, 2),
        };
        ((base * accounts as f64 / 20_000.0).round() as usize).max(min)
    }

    /// Size of one group.
    fn size<R: Rng>(self, rng: &mut R, accounts: usize) -> usize {
        let log_uniform = |rng: &mut R, lo: f64, hi: f64| -> usize {
            (lo.ln() + rng.random::<f64>() * (hi.ln() - lo.ln()))
                .exp()
                .round() as usize
        };
        match self {
            Kind::ReshareRing => log_uniform(rng, 8.0, 40.0),
            Kind::LinkFarm => log_uniform(rng, 6.0, 30.0),
            Kind::Copypasta => log_uniform(rng, 5.0, 25.0),
            Kind::HashtagPush => log_uniform(rng, 10.0, 50.0),
            Kind::SlowRing => log_uniform(rng, 8.0, 30.0),
            Kind::MixedWeak => log_uniform(rng, 6.0, 20.0),
            Kind::TinyCell => rng.random_range(3..=4),
            Kind::FanClub => {
                let hi = (accounts / 20).clamp(100, 400);
                rng.random_range(100..=hi)
            }
            Kind::Syndicated => rng.random_range(5..=15),
            // Pools grow with the dataset up to the default size; beyond it their number grows.
            Kind::ViralBurst => {
                let base = accounts.min(20_000) as f64;
                ((base * rng.random_range(0.04..0.05)).round() as usize).max(40)
            }
        }
    }

    /// Share of the group's joint actions a member takes part in.
    fn participation<R: Rng>(self, rng: &mut R) -> f32 {
        match self {
            Kind::ReshareRing => rng.random_range(0.6..0.95),
            Kind::SlowRing => rng.random_range(0.3..0.5),
            Kind::LinkFarm | Kind::Copypasta => rng.random_range(0.5..0.9),
            Kind::HashtagPush => rng.random_range(0.4..0.8),
            Kind::MixedWeak => rng.random_range(0.35..0.55),
            Kind::TinyCell => rng.random_range(0.9..1.0),
            Kind::FanClub => {
                let b = Beta::new(1.3, 3.5).map_or(0.25, |b| b.sample(rng));
                0.03 + 0.5 * b as f32
            }
            Kind::Syndicated => rng.random_range(0.92..0.99),
            Kind::ViralBurst => 0.0,
        }
    }
}

/// A planted network or a hard-negative group.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    /// Name in `truth.csv`, e.g. `ring_01`.
    pub(crate) label: String,
    pub(crate) kind: Kind,
    /// Member account indices.
    pub(crate) members: Vec<u32>,
    /// Per member: share of the group's joint actions it takes part in.
    pub(crate) participation: Vec<f32>,
    pub(crate) lang: Lang,
    /// Time zone the group works from (minutes east of UTC).
    pub(crate) tz_min: i32,
    /// Accounts the group revolves around without belonging to it: amplified authors of a ring,
    /// the idol of a fan club.
    pub(crate) authors: Vec<u32>,
    /// The group's own web sites.
    pub(crate) sites: Vec<u16>,
    /// The group's own hashtags.
    pub(crate) tags: Vec<u32>,
    /// Seed of the group's messages and articles.
    pub(crate) seed: u64,
    /// Interval between two headlines of a syndication feed, in seconds.
    pub(crate) period_s: i64,
    /// Whether the group's links carry per-member tracking parameters.
    pub(crate) tracked_links: bool,
}

/// Weighted samplers of accounts that reshare and reply organically.
pub(crate) struct Resharers {
    by_lang: [Option<AccountPool>; 6],
    all: Option<AccountPool>,
}

impl Resharers {
    fn new(accounts: &[Account]) -> Self {
        let weight = |a: &Account| f64::from(a.rate) * f64::from(a.reshare_frac + a.reply_frac);
        let active = || {
            accounts
                .iter()
                .enumerate()
                .filter(|(_, a)| a.behaviour == Behaviour::Organic)
        };
        Resharers {
            by_lang: LANGS.map(|lang| {
                AccountPool::new(
                    active()
                        .filter(|(_, a)| a.lang == lang)
                        .map(|(i, a)| (i as u32, weight(a))),
                )
            }),
            all: AccountPool::new(active().map(|(i, a)| (i as u32, weight(a)))),
        }
    }

    /// An organically active account, of `lang` most of the time.
    pub(crate) fn pick<R: Rng>(&self, rng: &mut R, lang: Lang) -> Option<u32> {
        let local = if rng.random_bool(0.85) {
            self.by_lang[lang.index()].as_ref()
        } else {
            None
        };
        local.or(self.all.as_ref()).map(|p| p.pick(rng))
    }
}

/// Everything fixed before the first post.
pub(crate) struct World {
    pub(crate) seed: u64,
    /// First instant of the window (UNIX seconds).
    pub(crate) start: i64,
    pub(crate) days: u32,
    /// Accounts relative to the default 20,000.
    pub(crate) scale: f64,
    pub(crate) accounts: Vec<Account>,
    pub(crate) groups: Vec<Group>,
    pub(crate) vocab: Vocab,
    pub(crate) tags: TagTable,
    pub(crate) domains: DomainTable,
    pub(crate) rhythm: Rhythm,
    /// Popular organic accounts whose posts go viral.
    pub(crate) celebs: Vec<u32>,
    /// Campaign hashtags, which ordinary users use only rarely.
    pub(crate) campaign_tags: Vec<u32>,
    pub(crate) resharers: Resharers,
}

impl World {
    /// Builds the cast of `config` (assumed valid).
    pub(crate) fn build(config: &SynthConfig) -> World {
        let vocab = Vocab::new();
        let start = config.start.timestamp();
        let mut cast = Cast {
            rng: stream(config.seed, &[CAST_STREAM]),
            factory: AccountFactory::new(&vocab, start),
            accounts: Vec::with_capacity(config.accounts),
            groups: Vec::new(),
            tags: TagTable::new(&vocab),
            domains: DomainTable::new(),
            campaign_tags: Vec::new(),
            start,
            total: config.accounts,
        };
        for kind in Kind::ALL {
            for ordinal in 1..=kind.count(config.accounts) {
                cast.add_group(kind, ordinal);
            }
        }
        while cast.accounts.len() < config.accounts {
            let lang = organic_lang(&mut cast.rng);
            let a = cast
                .factory
                .make(&mut cast.rng, lang, Profile::Organic, None);
            cast.accounts.push(a);
        }
        cast.choose_amplified_authors();
        let celebs = cast.celebrities();
        let Cast {
            accounts,
            groups,
            tags,
            domains,
            campaign_tags,
            ..
        } = cast;
        let resharers = Resharers::new(&accounts);
        World {
            seed: config.seed,
            start,
            days: config.days,
            scale: config.accounts as f64 / 20_000.0,
            accounts,
            groups,
            vocab,
            tags,
            domains,
            rhythm: Rhythm::new(),
            celebs,
            campaign_tags,
            resharers,
        }
    }
}

/// Organic languages and their weights.
fn organic_lang<R: Rng>(rng: &mut R) -> Lang {
    pick_lang(rng, &[0.48, 0.16, 0.09, 0.11, 0.09, 0.07])
}

/// Languages of operations.
fn operation_lang<R: Rng>(rng: &mut R) -> Lang {
    pick_lang(rng, &[0.4, 0.15, 0.08, 0.2, 0.1, 0.07])
}

fn pick_lang<R: Rng>(rng: &mut R, weights: &[f64; 6]) -> Lang {
    let mut x = rng.random::<f64>() * weights.iter().sum::<f64>();
    for (lang, w) in LANGS.iter().zip(weights) {
        if x < *w {
            return *lang;
        }
        x -= w;
    }
    Lang::En
}

const STAGE_NAMES: [&str; 10] = [
    "Nova Rae",
    "Kai Min",
    "Luna Vega",
    "Jae Park",
    "Mira Sol",
    "Theo Lane",
    "Aya Kim",
    "Rio Santos",
    "Zara Quinn",
    "Leo Hart",
];
const TOWNS: [&str; 15] = [
    "Springfield",
    "Greenville",
    "Franklin",
    "Clinton",
    "Madison",
    "Georgetown",
    "Salem",
    "Bristol",
    "Fairview",
    "Ashland",
    "Dover",
    "Milton",
    "Oxford",
    "Lexington",
    "Arlington",
];
const PAPERS: [&str; 10] = [
    "Daily",
    "Gazette",
    "Herald",
    "Tribune",
    "Courier",
    "Chronicle",
    "Ledger",
    "Observer",
    "Times",
    "Post",
];
const NETWORKS: [&str; 10] = [
    "Lakeside",
    "Riverside",
    "Hillcrest",
    "Bayview",
    "Northfield",
    "Oakridge",
    "Pinecrest",
    "Westbrook",
    "Maplewood",
    "Summit",
];
const SITE_WORDS: [&str; 12] = [
    "patriot", "freedom", "truth", "real", "insider", "eagle", "liberty", "voice", "people",
    "nation", "alert", "daily",
];
const SITE_ENDINGS: [&str; 6] = ["news", "report", "times", "wire", "post", "today"];

/// Builder state of the cast.
struct Cast<'a> {
    rng: ChaCha8Rng,
    factory: AccountFactory<'a>,
    accounts: Vec<Account>,
    groups: Vec<Group>,
    tags: TagTable,
    domains: DomainTable,
    campaign_tags: Vec<u32>,
    start: i64,
    total: usize,
}

impl Cast<'_> {
    fn add_group(&mut self, kind: Kind, ordinal: usize) {
        let gi = self.groups.len() as u16;
        let size = kind.size(&mut self.rng, self.total);
        let lang = match kind {
            Kind::Copypasta => {
                [Lang::En, Lang::Ru, Lang::Es, Lang::De, Lang::Ar][(ordinal - 1) % 5]
            }
            Kind::HashtagPush if ordinal == 2 => Lang::Ru,
            Kind::Syndicated => [Lang::En, Lang::En, Lang::Es, Lang::De][(ordinal - 1) % 4],
            Kind::FanClub | Kind::ViralBurst => organic_lang(&mut self.rng),
            _ => operation_lang(&mut self.rng),
        };
        let tz_min = operator_time_zone(&mut self.rng, lang);
        let mut g = Group {
            label: format!("{}_{ordinal:02}", kind.label_stem()),
            kind,
            members: Vec::with_capacity(size),
            participation: Vec::with_capacity(size),
            lang,
            tz_min,
            authors: Vec::new(),
            sites: Vec::new(),
            tags: Vec::new(),
            seed: self.rng.random(),
            period_s: 0,
            tracked_links: false,
        };
        match kind {
            Kind::FanClub => self.add_fans(&mut g, gi, size, ordinal),
            Kind::Syndicated => self.add_outlets(&mut g, gi, size, ordinal),
            Kind::ViralBurst => {
                for _ in 0..size {
                    let lang = organic_lang(&mut self.rng);
                    self.push(&mut g, lang, Profile::Organic, gi);
                }
            }
            _ => self.add_operators(&mut g, gi, size, ordinal),
        }
        self.groups.push(g);
    }

    fn push(&mut self, g: &mut Group, lang: Lang, profile: Profile<'_>, gi: u16) {
        let a = self.factory.make(&mut self.rng, lang, profile, Some(gi));
        g.members.push(self.accounts.len() as u32);
        g.participation.push(g.kind.participation(&mut self.rng));
        self.accounts.push(a);
    }

    /// Fabricated accounts: most operations create theirs in a burst a few weeks or months
    /// before the window; about one in four of the later networks of a kind uses older, bought
    /// accounts instead (the first network of each kind is always burst-created).
    fn add_operators(&mut self, g: &mut Group, gi: u16, size: usize, ordinal: usize) {
        let rng = &mut self.rng;
        let aged = ordinal > 1 && rng.random_bool(0.3);
        let center = self.start - rng.random_range(10..180) * DAY;
        let spread = if g.kind == Kind::TinyCell {
            rng.random_range(3..20) * DAY
        } else {
            rng.random_range(1..6) * DAY
        };
        for _ in 0..size {
            let created = if aged {
                // 2011-01-01 to 2021-01-01.
                self.rng.random_range(1_293_840_000..1_609_459_200)
            } else {
                center + self.rng.random_range(0..spread)
            };
            let profile = Profile::Operator {
                created,
                tz_min: g.tz_min,
            };
            self.push(g, g.lang, profile, gi);
        }
        match g.kind {
            Kind::LinkFarm => {
                for _ in 0..self.rng.random_range(2..=3) {
                    let site = self.campaign_site(g.lang);
                    g.sites.push(site);
                }
                g.tracked_links = true;
            }
            Kind::HashtagPush => {
                for _ in 0..self.rng.random_range(1..=2) {
                    let tag = self.campaign_tag(g.lang);
                    g.tags.push(tag);
                }
            }
            Kind::Copypasta => {
                let tag = self.campaign_tag(g.lang);
                g.tags.push(tag);
            }
            Kind::MixedWeak => {
                let tag = self.campaign_tag(g.lang);
                g.tags.push(tag);
                let site = self.campaign_site(g.lang);
                g.sites.push(site);
                g.tracked_links = true;
            }
            Kind::TinyCell if self.rng.random_bool(0.5) => {
                let site = self.campaign_site(g.lang);
                g.sites.push(site);
            }
            _ => {}
        }
    }

    fn add_fans(&mut self, g: &mut Group, gi: u16, size: usize, ordinal: usize) {
        let stage = STAGE_NAMES[(ordinal - 1) % STAGE_NAMES.len()];
        let idol = self
            .factory
            .make(&mut self.rng, g.lang, Profile::Idol { stage }, None);
        g.tz_min = idol.tz_min;
        g.authors.push(self.accounts.len() as u32);
        self.accounts.push(idol);
        let camel: String = stage.split_whitespace().collect();
        for suffix in ["", "Army"] {
            let tag = self.tags.add(&format!("{camel}{suffix}"));
            g.tags.push(tag);
        }
        let first_name = stage.split_whitespace().next().unwrap_or(stage);
        for _ in 0..size {
            let lang = if self.rng.random_bool(0.6) {
                g.lang
            } else {
                organic_lang(&mut self.rng)
            };
            self.push(g, lang, Profile::Fan { idol: first_name }, gi);
        }
    }

    fn add_outlets(&mut self, g: &mut Group, gi: u16, size: usize, ordinal: usize) {
        let network = NETWORKS[(ordinal - 1) % NETWORKS.len()];
        let host = format!("{}-news-network.com", network.to_lowercase());
        let host = self.unique_host(host);
        g.sites.push(self.domains.add(host, Site::Feed));
        g.period_s = self.rng.random_range(20..=90) * 60;
        g.tracked_links = self.rng.random_bool(0.4);
        let mut names: Vec<String> = Vec::with_capacity(size);
        while names.len() < size {
            let town = TOWNS.choose(&mut self.rng).copied().unwrap_or("Salem");
            let paper = PAPERS.choose(&mut self.rng).copied().unwrap_or("Daily");
            let name = format!("{town} {paper}");
            if !names.contains(&name) {
                names.push(name);
            }
        }
        for name in &names {
            let profile = Profile::Outlet {
                name: name.as_str(),
                network,
            };
            self.push(g, g.lang, profile, gi);
        }
    }

    fn unique_host(&self, host: String) -> String {
        let mut candidate = host.clone();
        let mut n = 2;
        while self.domains.contains(&candidate) {
            candidate = format!("{n}{host}");
            n += 1;
        }
        candidate
    }

    fn campaign_site(&mut self, lang: Lang) -> u16 {
        let a = SITE_WORDS.choose(&mut self.rng).copied().unwrap_or("real");
        let b = SITE_ENDINGS
            .choose(&mut self.rng)
            .copied()
            .unwrap_or("news");
        let tlds: &[&str] = match lang {
            Lang::Ru => &["ru", "su", "info"],
            Lang::De => &["de", "info", "net"],
            Lang::Es => &["es", "info", "net"],
            _ => &["info", "net", "com", "org", "news"],
        };
        let tld = tlds.choose(&mut self.rng).copied().unwrap_or("info");
        let host = match self.rng.random_range(0..3) {
            0 => format!("{a}-{b}.{tld}"),
            1 => format!("{a}{b}24.{tld}"),
            _ => format!("the{a}{b}.{tld}"),
        };
        let host = self.unique_host(host);
        self.domains.add(host, Site::Campaign)
    }

    fn campaign_tag(&mut self, lang: Lang) -> u32 {
        let name = if lang == Lang::Ru {
            RU_CAMPAIGN_TAGS
                .choose(&mut self.rng)
                .copied()
                .unwrap_or("ГолосНарода")
                .to_string()
        } else {
            let p = CAMPAIGN_PREFIXES
                .choose(&mut self.rng)
                .copied()
                .unwrap_or("Stop");
            let s = CAMPAIGN_SUFFIXES
                .choose(&mut self.rng)
                .copied()
                .unwrap_or("TheRiver");
            format!("{p}{s}")
        };
        let id = self.tags.add(&name);
        self.campaign_tags.push(id);
        id
    }

    /// Organic accounts of `lang` with the largest audiences, most followed first.
    fn top_organic(&self, lang: Option<Lang>) -> Vec<u32> {
        let mut v: Vec<u32> = (0..self.accounts.len() as u32)
            .filter(|&i| {
                let a = &self.accounts[i as usize];
                a.group.is_none()
                    && a.behaviour == Behaviour::Organic
                    && lang.is_none_or(|l| a.lang == l)
            })
            .collect();
        v.sort_by_key(|&i| (std::cmp::Reverse(self.accounts[i as usize].followers), i));
        v
    }

    /// Picks the authors that rings amplify: well-followed organic accounts of the ring's
    /// language (political influencers); their audience is raised to match the role.
    fn choose_amplified_authors(&mut self) {
        for gi in 0..self.groups.len() {
            let (kind, lang) = (self.groups[gi].kind, self.groups[gi].lang);
            let n = match kind {
                Kind::ReshareRing => self.rng.random_range(1..=3),
                Kind::SlowRing => self.rng.random_range(2..=4),
                _ => continue,
            };
            let mut pool = self.top_organic(Some(lang));
            if pool.len() < 5 {
                pool = self.top_organic(None);
            }
            let top = &pool[..pool.len().min(pool.len() / 20 + 20)];
            let authors: Vec<u32> = top.choose_multiple(&mut self.rng, n).copied().collect();
            for &a in &authors {
                let boost = lognormal(&mut self.rng, 40_000.0, 0.8, 5_000.0, 2_000_000.0) as u32;
                let acc = &mut self.accounts[a as usize];
                acc.followers = acc.followers.max(boost);
            }
            self.groups[gi].authors = authors;
        }
    }

    /// The most followed organic accounts, whose posts go viral.
    fn celebrities(&self) -> Vec<u32> {
        let mut top = self.top_organic(None);
        top.truncate((self.total / 300).max(10));
        top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_present_at_the_smallest_size() {
        let config = SynthConfig {
            accounts: SynthConfig::MIN_ACCOUNTS,
            ..SynthConfig::default()
        };
        let w = World::build(&config);
        assert_eq!(w.accounts.len(), config.accounts);
        for kind in Kind::ALL {
            assert!(w.groups.iter().any(|g| g.kind == kind), "{kind:?}");
        }
        let organic = w.accounts.iter().filter(|a| a.group.is_none()).count();
        assert!(organic * 2 > config.accounts, "{organic}");
        for (gi, g) in w.groups.iter().enumerate() {
            assert_eq!(g.members.len(), g.participation.len());
            for &m in &g.members {
                assert_eq!(w.accounts[m as usize].group, Some(gi as u16));
            }
            match g.kind {
                Kind::ReshareRing | Kind::SlowRing | Kind::FanClub => {
                    assert!(!g.authors.is_empty())
                }
                Kind::LinkFarm | Kind::Syndicated => assert!(!g.sites.is_empty()),
                Kind::HashtagPush => assert!(!g.tags.is_empty()),
                _ => {}
            }
        }
    }

    #[test]
    fn groups_stay_a_minority_at_large_sizes() {
        let config = SynthConfig {
            accounts: 200_000,
            ..SynthConfig::default()
        };
        let w = World::build(&config);
        assert_eq!(w.accounts.len(), config.accounts);
        let organic = w.accounts.iter().filter(|a| a.group.is_none()).count();
        assert!(organic * 10 > config.accounts * 7, "{organic}");
        assert_eq!(
            w.groups
                .iter()
                .filter(|g| g.kind == Kind::ReshareRing)
                .count(),
            40
        );
    }

    #[test]
    fn group_counts_scale_with_accounts() {
        assert_eq!(Kind::ReshareRing.count(20_000), 4);
        assert_eq!(Kind::ReshareRing.count(4_000), 2);
        assert_eq!(Kind::TinyCell.count(4_000), 3);
        assert_eq!(Kind::LinkFarm.count(200_000), 30);
    }
}
