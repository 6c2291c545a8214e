//! The backgrounds, planted networks and hard negatives of the adversarial datasets.

use super::{AdversarialConfig, Background, Post, Scene};
use crate::sampling::Cumulative;
use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp, LogNormal, Poisson};

/// 2024-09-02T00:00:00Z, a Monday.
const START: i64 = 1_725_235_200;
const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

/// Builds the scene of one configuration.
pub(super) fn build(config: &AdversarialConfig, rng: &mut ChaCha8Rng) -> Scene {
    let mut scene = Scene::default();
    let days = config.days as i64;
    match config.background {
        Background::SmallDump => small_dump(&mut scene, rng),
        Background::Operation => {
            operation(&mut scene, config, rng);
            to_the_minute(&mut scene);
        }
        Background::Hyperactive => {
            let crowd = hyperactive_crowd(&mut scene, config, rng);
            let members = planted(&mut scene, days, &[], rng);
            crowd.reshare_pool(&mut scene, &members, rng);
            to_the_minute(&mut scene);
        }
        Background::Forum => {
            let members = forum(&mut scene, config, false, rng);
            planted(&mut scene, days, &members, rng);
        }
        Background::ForumSites => {
            let members = forum(&mut scene, config, true, rng);
            planted(&mut scene, days, &members, rng);
        }
        Background::ForumGeneral => {
            let mut communities = forum(&mut scene, config, true, rng);
            communities.push(general_community(&mut scene, days, rng));
            planted(&mut scene, days, &communities, rng);
        }
        background => {
            let crowd = Crowd::new(background, config.accounts, &mut scene, rng);
            let mut everyone = crowd.accounts.clone();
            everyone.extend(fan_club(&mut scene, days, rng));
            everyone.extend(viral_crowd(&mut scene, &crowd, days, rng));
            everyone.extend(language_readers(&mut scene, days, rng));
            everyone.extend(planted(&mut scene, days, &[], rng));
            crowd.post_background(&mut scene, &everyone, days, rng);
            giveaways(&mut scene, &crowd, days, rng);
            reply_brigade(&mut scene, &crowd, days, rng);
            live_audience(&mut scene, &crowd, days, rng);
            friends(&mut scene, &crowd, days, rng);
            weak_mix(&mut scene, &crowd, days, rng);
            slow_ring(&mut scene, &crowd, days, rng);
            art_circle(&mut scene, &crowd, days, rng);
            far_friends(&mut scene, &crowd, days, rng);
        }
    }
    scene
}

/// A random text of `n` pseudo-words, distinct from every other text but by chance.
fn words(rng: &mut ChaCha8Rng, n: usize) -> String {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mi", "re", "su", "ta", "ne", "vo", "pi", "da", "ru", "se", "to", "ma", "li",
        "ge", "bu", "no", "fa", "ki", "zo", "he", "ya", "wu",
    ];
    let word = |rng: &mut ChaCha8Rng| -> String {
        (0..rng.random_range(2..4))
            .map(|_| *SYLLABLES.choose(rng).unwrap_or(&"ka"))
            .collect()
    };
    (0..n).map(|_| word(rng)).collect::<Vec<_>>().join(" ")
}

fn text(rng: &mut ChaCha8Rng) -> String {
    let n = rng.random_range(8..15);
    words(rng, n)
}

/// A moment of `day` in an account's waking hours (08–23 local time at UTC`tz`).
fn waking_time(rng: &mut ChaCha8Rng, day: i64, tz: i64) -> i64 {
    START + day * DAY + (rng.random_range(8..23) - tz) * HOUR + rng.random_range(0..HOUR)
}

/// A moment of a workday's office hours (09–18 local time at UTC`tz`), or `None` at weekends.
fn office_time(rng: &mut ChaCha8Rng, day: i64, tz: i64) -> Option<i64> {
    (day % 7 < 5).then(|| {
        START + day * DAY + (rng.random_range(9..18) - tz) * HOUR + rng.random_range(0..HOUR)
    })
}

/// Office moments on `events` random workdays of the period, in time order.
fn office_moments(rng: &mut ChaCha8Rng, days: i64, tz: i64, events: usize) -> Vec<i64> {
    let mut moments = Vec::with_capacity(events);
    while moments.len() < events {
        let day = rng.random_range(0..days.max(1));
        if let Some(t) = office_time(rng, day, tz) {
            moments.push(t);
        }
    }
    moments.sort_unstable();
    moments
}

/// An original post by `account` at a waking moment of `day` (08–23 at UTC`tz`): its id and
/// time.
fn original_post(
    scene: &mut Scene,
    account: u32,
    day: i64,
    tz: i64,
    rng: &mut ChaCha8Rng,
) -> (u64, i64) {
    let time = waking_time(rng, day, tz);
    let id = scene.post(Post {
        account,
        time,
        text: text(rng),
        ..Post::default()
    });
    (id, time)
}

fn lognormal(median_s: f64, sigma: f64) -> LogNormal<f64> {
    LogNormal::new(median_s.ln(), sigma).expect("finite parameters")
}

/// The organic crowd: accounts with heavy-tailed activity in spread time zones, posting links,
/// tags, reshares of popular authors and replies, with the background's mix of objects.
struct Crowd {
    accounts: Vec<u32>,
    /// Per account: posts a day and UTC offset.
    habits: Vec<(f64, i64)>,
    /// Authors whose posts are reshared and replied to.
    authors: Vec<u32>,
    mix: Mix,
}

/// The objects of a background.
struct Mix {
    /// Share of link posts pointing at a page nobody else links.
    fresh_links: f64,
    /// Pooled pages: (url, weight order), Zipf-weighted.
    pages: Vec<String>,
    page_weights: Cumulative,
    /// Share of posts with tags, most tags a post carries, size of the tag pool.
    tagged: f64,
    max_tags: usize,
    tag_weights: Cumulative,
    n_tags: usize,
}

const MASS_SITES: [&str; 8] = [
    "youtube.com",
    "imgur.com",
    "bbc.co.uk",
    "nytimes.com",
    "reuters.com",
    "theguardian.com",
    "cnn.com",
    "wikipedia.org",
];

impl Mix {
    fn of(background: Background) -> Self {
        let (fresh_links, n_pages, n_sites) = match background {
            Background::ManyRare => (0.8, 3_000, 400),
            Background::FewRare => (0.0, 300, 8),
            _ => (0.3, 3_000, 400),
        };
        let pages = (0..n_pages)
            .map(|i| {
                let site = i % n_sites;
                let host = MASS_SITES
                    .get(site)
                    .map_or_else(|| format!("site{site}.example"), |s| s.to_string());
                format!("https://{host}/page/{i}")
            })
            .collect();
        let (tagged, max_tags, n_tags) = match background {
            Background::DenseTags => (0.9, 4, 80),
            Background::SparseTags => (0.05, 1, 20_000),
            _ => (0.3, 2, 1_000),
        };
        Mix {
            fresh_links,
            pages,
            page_weights: Cumulative::zipf(n_pages, 1.0).expect("pages"),
            tagged,
            max_tags,
            tag_weights: Cumulative::zipf(n_tags, 1.0).expect("tags"),
            n_tags,
        }
    }

    fn link(&self, rng: &mut ChaCha8Rng, account: u32) -> String {
        if rng.random::<f64>() < self.fresh_links {
            format!(
                "https://blog{account}.example/{}",
                rng.random_range(0..u32::MAX)
            )
        } else {
            self.pages[self.page_weights.sample(rng)].clone()
        }
    }

    /// Tags trend by day: the popular ranks shift every day.
    fn tags(&self, rng: &mut ChaCha8Rng, day: i64) -> String {
        if rng.random::<f64>() >= self.tagged {
            return String::new();
        }
        let n = rng.random_range(1..=self.max_tags);
        let mut tags: Vec<String> = (0..n)
            .map(|_| {
                let rank = self.tag_weights.sample(rng);
                format!("tag{}", (rank + day as usize * 7) % self.n_tags)
            })
            .collect();
        tags.dedup();
        tags.join(" ")
    }
}

impl Crowd {
    /// The crowd's accounts that are still plain organic accounts, in no group.
    fn unlabelled(&self, scene: &Scene) -> Vec<u32> {
        self.accounts
            .iter()
            .copied()
            .filter(|&a| scene.labels[a as usize].1 == "organic")
            .collect()
    }

    /// Draws `n` crowd accounts not yet relabelled and relabels them `label` of `kind`.
    fn recruit(
        &self,
        scene: &mut Scene,
        n: usize,
        label: &str,
        kind: &str,
        rng: &mut ChaCha8Rng,
    ) -> Vec<u32> {
        let recruits: Vec<u32> = self
            .unlabelled(scene)
            .choose_multiple(rng, n)
            .copied()
            .collect();
        for &a in &recruits {
            scene.labels[a as usize] = (label.to_string(), kind.to_string());
        }
        recruits
    }

    fn new(background: Background, n: usize, scene: &mut Scene, rng: &mut ChaCha8Rng) -> Self {
        let accounts = scene.add_accounts(n, "organic", "organic");
        let activity = lognormal(1.5, 1.0);
        let habits = accounts
            .iter()
            .map(|_| (activity.sample(rng).min(40.0), rng.random_range(-8..=9)))
            .collect();
        let authors = accounts[..(n / 30).max(1)].to_vec();
        Crowd {
            accounts,
            habits,
            authors,
            mix: Mix::of(background),
        }
    }

    /// The crowd's reshares of an author's post made at `time`: a median of three crowd
    /// accounts (a heavy tail), each a median of half an hour later.
    fn cascade(&self, scene: &mut Scene, (id, time): (u64, i64), rng: &mut ChaCha8Rng) {
        let others = (lognormal(3.0, 1.3).sample(rng) as usize).min(self.accounts.len() / 4);
        let sample = self.accounts.choose_multiple(rng, others).copied();
        let delay = lognormal(1_800.0, 1.2);
        reshared_by(scene, (id, time + 10), sample, 1.0, &delay, rng);
    }

    /// An original post by an author, at a waking moment of `day`.
    fn author_post(&self, scene: &mut Scene, day: i64, rng: &mut ChaCha8Rng) -> (u64, i64) {
        let author = *self.authors.choose(rng).expect("authors");
        original_post(scene, author, day, self.habits[author as usize].1, rng)
    }

    /// Everyday posting by `posters` (organic accounts and the groups' members, whose own
    /// habits are drawn here) and the authors' posts with their reshare cascades and replies.
    fn post_background(&self, scene: &mut Scene, posters: &[u32], days: i64, rng: &mut ChaCha8Rng) {
        let activity = lognormal(1.5, 1.0);
        let habits: Vec<(f64, i64)> = posters
            .iter()
            .map(|&a| {
                self.habits
                    .get(a as usize)
                    .copied()
                    .unwrap_or_else(|| (activity.sample(rng).min(10.0), rng.random_range(-8..=9)))
            })
            .collect();
        let cascade = lognormal(3.0, 1.3);
        let delay = lognormal(1_800.0, 1.2);
        for day in 0..days {
            for (&account, &(rate, tz)) in posters.iter().zip(&habits) {
                let n = Poisson::new(rate).map_or(0, |p| p.sample(rng) as usize);
                for _ in 0..n {
                    let time = waking_time(rng, day, tz);
                    let mut post = Post {
                        account,
                        time,
                        text: text(rng),
                        hashtags: self.mix.tags(rng, day),
                        ..Post::default()
                    };
                    if rng.random::<f64>() < 0.3 {
                        post.urls = self.mix.link(rng, account);
                    }
                    scene.post(post);
                }
            }
            for _ in 0..self.authors.len() * 3 {
                let (id, time) = self.author_post(scene, day, rng);
                let reshares = (cascade.sample(rng) as usize).min(self.accounts.len() / 4);
                for _ in 0..reshares {
                    let account = *self.accounts.choose(rng).expect("accounts");
                    scene.post(Post {
                        account,
                        time: time + 10 + delay.sample(rng) as i64,
                        reshare_of: Some(id),
                        ..Post::default()
                    });
                }
                for _ in 0..rng.random_range(0..4) {
                    let account = *self.accounts.choose(rng).expect("accounts");
                    scene.post(Post {
                        account,
                        time: time + 30 + delay.sample(rng) as i64,
                        text: text(rng),
                        reply_to: Some(id),
                        ..Post::default()
                    });
                }
            }
        }
    }
}

/// Each of `accounts` reshares the post `id`, with probability `p`, `delay` seconds after
/// `earliest`.
fn reshared_by(
    scene: &mut Scene,
    (id, earliest): (u64, i64),
    accounts: impl Iterator<Item = u32>,
    p: f64,
    delay: &impl Distribution<f64>,
    rng: &mut ChaCha8Rng,
) {
    for account in accounts {
        if rng.random::<f64>() < p {
            scene.post(Post {
                account,
                time: earliest + delay.sample(rng) as i64,
                reshare_of: Some(id),
                ..Post::default()
            });
        }
    }
}

/// 80 fans resharing an idol's three daily posts, each with probability 0.45, within minutes.
fn fan_club(scene: &mut Scene, days: i64, rng: &mut ChaCha8Rng) -> Vec<u32> {
    let idol = scene.add_accounts(1, "organic", "organic")[0];
    let fans = scene.add_accounts(80, "fan_club", "hard:fan_club");
    let delay = Exp::new(1.0 / 480.0).expect("rate");
    for day in 0..days {
        for _ in 0..3 {
            let time = waking_time(rng, day, 1);
            let id = scene.post(Post {
                account: idol,
                time,
                text: text(rng),
                ..Post::default()
            });
            reshared_by(
                scene,
                (id, time + 30),
                fans.iter().copied(),
                0.45,
                &delay,
                rng,
            );
        }
    }
    fans
}

/// A pool of 300 accounts; on each of 15 viral posts, 160 of them pile on within the hour.
fn viral_crowd(scene: &mut Scene, crowd: &Crowd, days: i64, rng: &mut ChaCha8Rng) -> Vec<u32> {
    let pool = scene.add_accounts(300, "viral_crowd", "hard:viral_crowd");
    let delay = Exp::new(1.0 / 1_200.0).expect("rate");
    for _ in 0..15 {
        let (id, time) = crowd.author_post(scene, rng.random_range(0..days), rng);
        for &a in pool.choose_multiple(rng, 160) {
            scene.post(Post {
                account: a,
                time: time + 20 + delay.sample(rng) as i64,
                reshare_of: Some(id),
                ..Post::default()
            });
        }
    }
    pool
}

/// 120 readers of one local paper (one time zone) sharing its 25 daily articles and local tags.
fn language_readers(scene: &mut Scene, days: i64, rng: &mut ChaCha8Rng) -> Vec<u32> {
    let readers = scene.add_accounts(120, "language_readers", "hard:language_readers");
    let articles = Cumulative::zipf(25, 0.8).expect("articles");
    let local_tags = Cumulative::zipf(15, 1.0).expect("tags");
    for day in 0..days {
        for &r in &readers {
            for _ in 0..rng.random_range(0..4) {
                let mut post = Post {
                    account: r,
                    time: waking_time(rng, day, 1),
                    text: text(rng),
                    urls: format!("https://lokalblatt.example/{day}/{}", articles.sample(rng)),
                    ..Post::default()
                };
                if rng.random::<f64>() < 0.5 {
                    post.hashtags = format!("lokal{}", local_tags.sample(rng));
                }
                scene.post(post);
            }
        }
    }
    readers
}

/// The planted networks of the ordinary backgrounds; posts carry a random community of
/// `communities` when there are any. Returns the members.
fn planted(scene: &mut Scene, days: i64, communities: &[String], rng: &mut ChaCha8Rng) -> Vec<u32> {
    let community = |rng: &mut ChaCha8Rng| communities.choose(rng).cloned().unwrap_or_default();
    let mut members = Vec::new();

    // A cell of four: 60 links nobody else posts, all four within 20 s.
    let cell = scene.add_accounts(4, "cell", "cib:cell");
    for (e, t) in office_moments(rng, days, 3, 60).into_iter().enumerate() {
        let url = format!("https://cellnews{}.example/story/{e}", e / 10);
        let c = community(rng);
        for &a in &cell {
            scene.post(Post {
                account: a,
                time: t + rng.random_range(0..20),
                text: text(rng),
                urls: url.clone(),
                community: c.clone(),
                ..Post::default()
            });
        }
    }
    members.extend(&cell);

    // 25 accounts, a fresh campaign tag for each of 20 bursts, everyone within 10 minutes.
    let push = scene.add_accounts(25, "fresh_tag_push", "cib:fresh_tag_push");
    for (b, t) in office_moments(rng, days, -5, 20).into_iter().enumerate() {
        let tag = format!("{}{b}", words(rng, 1));
        let c = community(rng);
        for &a in &push {
            scene.post(Post {
                account: a,
                time: t + rng.random_range(0..600),
                text: text(rng),
                hashtags: tag.clone(),
                community: c.clone(),
                ..Post::default()
            });
        }
    }
    members.extend(&push);

    // Eight promoters of three sites of their own: each article linked by three of them,
    // hours to a day and a half apart.
    let promoters = scene.add_accounts(8, "domain_promoters", "cib:domain_promoters");
    let sites: Vec<String> = (0..3)
        .map(|_| format!("{}-news.example", words(rng, 1)))
        .collect();
    for day in 0..days {
        for article in 0..4 {
            let Some(t) = office_time(rng, day, 3) else {
                continue;
            };
            let url = format!(
                "https://{}/{day}/{article}",
                sites.choose(rng).expect("sites")
            );
            for &a in promoters.choose_multiple(rng, 3) {
                scene.post(Post {
                    account: a,
                    time: t + rng.random_range(0..36 * HOUR),
                    text: text(rng),
                    urls: url.clone(),
                    community: community(rng),
                    ..Post::default()
                });
            }
        }
    }
    members.extend(&promoters);

    // Fifteen accounts resharing one another's posts within minutes, five posts a day around
    // the clock: no office rhythm, no outside principal, nothing pushed but themselves.
    let ring = scene.add_accounts(15, "self_ring", "cib:self_ring");
    for day in 0..days {
        for _ in 0..5 {
            let author = *ring.choose(rng).expect("ring");
            let time = START + day * DAY + rng.random_range(0..DAY);
            let c = community(rng);
            let id = scene.post(Post {
                account: author,
                time,
                text: text(rng),
                community: c.clone(),
                ..Post::default()
            });
            let others: Vec<u32> = ring.iter().copied().filter(|&a| a != author).collect();
            for &a in others.choose_multiple(rng, 8) {
                scene.post(Post {
                    account: a,
                    time: time + rng.random_range(60..1_200),
                    reshare_of: Some(id),
                    community: c.clone(),
                    ..Post::default()
                });
            }
        }
    }
    members.extend(&ring);
    members
}

/// 200 one-off accounts and six accounts posting the same text and link 30 times, 3 s apart.
fn small_dump(scene: &mut Scene, rng: &mut ChaCha8Rng) {
    let crowd = scene.add_accounts(200, "organic", "organic");
    for &a in &crowd {
        let (day, tz) = (rng.random_range(0..5), rng.random_range(-8..=9));
        let mut post = Post {
            account: a,
            time: waking_time(rng, day, tz),
            text: text(rng),
            ..Post::default()
        };
        if rng.random::<bool>() {
            post.urls = format!("https://blog{a}.example/{}", rng.random_range(0..1000));
        }
        scene.post(post);
    }
    let push = scene.add_accounts(6, "small_push", "cib:small_push");
    let message = "Everyone must see this shocking report before it is deleted";
    for t in office_moments(rng, 5, 3, 30) {
        for (i, &a) in push.iter().enumerate() {
            scene.post(Post {
                account: a,
                time: t + 3 * i as i64,
                text: message.to_string(),
                urls: "https://truth-report.example/deleted".to_string(),
                ..Post::default()
            });
        }
    }
}

/// A crowd of very active organic accounts around one pool of hub posts.
struct PoolCrowd {
    /// Per day, the hub posts as (id, time), in the order of [`PoolCrowd::popularity`].
    pools: Vec<Vec<(u64, i64)>>,
    /// Zipf weights over a day's pool: a few hot posts, a long tail.
    popularity: Cumulative,
    /// Posts a day per account.
    volume: LogNormal<f64>,
    /// Time from a hub post to a reshare.
    delay: LogNormal<f64>,
    days: i64,
}

/// Hub posts a day, and the share of a crowd account's posts that reshare them.
const HUB_POSTS_A_DAY: usize = 600;
const POOL_SHARE: f64 = 0.8;

/// 600 organic accounts (at the default 3,000) in five neighbouring time zones: 20 hubs post
/// 30 times a day each, and everyone posts 10 to 300 times a day (40 at the median), four posts
/// in five resharing the day's hub posts (a few hot, most read by a handful) minutes to hours
/// after them, the rest with one or two of 200 common tags. Any two busy accounts co-reshare
/// hundreds of hub posts by chance.
fn hyperactive_crowd(
    scene: &mut Scene,
    config: &AdversarialConfig,
    rng: &mut ChaCha8Rng,
) -> PoolCrowd {
    let n = ((config.accounts as f64 / 5.0) as usize).max(40);
    let accounts = scene.add_accounts(n, "hyperactive_crowd", "hard:hyperactive_crowd");
    let days = config.days as i64;
    let hubs = &accounts[..20];
    let tz: Vec<i64> = accounts.iter().map(|_| rng.random_range(-6..=-2)).collect();
    let pools = (0..days)
        .map(|day| {
            (0..HUB_POSTS_A_DAY)
                .map(|_| {
                    let hub = *hubs.choose(rng).expect("hubs");
                    original_post(scene, hub, day, tz[hub as usize], rng)
                })
                .collect()
        })
        .collect();
    let crowd = PoolCrowd {
        pools,
        popularity: Cumulative::zipf(HUB_POSTS_A_DAY, 1.0).expect("pool"),
        volume: lognormal(40.0, 0.8),
        delay: lognormal(1_200.0, 1.2),
        days,
    };
    let tags = Cumulative::zipf(200, 1.0).expect("tags");
    for (&a, &zone) in accounts.iter().zip(&tz) {
        let rate = crowd.volume.sample(rng).clamp(10.0, 300.0);
        for day in 0..days {
            let n = Poisson::new(rate).map_or(0, |p| p.sample(rng) as usize);
            let reshares = (0..n).filter(|_| rng.random::<f64>() < POOL_SHARE).count();
            crowd.reshare(scene, a, day, reshares, rng);
            for _ in reshares..n {
                let hashtags = (0..rng.random_range(1..=2))
                    .map(|_| format!("tag{}", tags.sample(rng)))
                    .collect::<Vec<_>>()
                    .join(" ");
                scene.post(Post {
                    account: a,
                    time: waking_time(rng, day, zone),
                    text: text(rng),
                    hashtags,
                    ..Post::default()
                });
            }
        }
    }
    crowd
}

impl PoolCrowd {
    /// `account` reshares `n` distinct hub posts of `day`, chosen by popularity (a post once:
    /// draws of a post already reshared are dropped after a few tries).
    fn reshare(&self, scene: &mut Scene, account: u32, day: i64, n: usize, rng: &mut ChaCha8Rng) {
        let mut chosen: Vec<usize> = Vec::with_capacity(n);
        for _ in 0..n {
            let Some(i) = (0..8)
                .map(|_| self.popularity.sample(rng))
                .find(|i| !chosen.contains(i))
            else {
                continue;
            };
            chosen.push(i);
            let (id, time) = self.pools[day as usize][i];
            scene.post(Post {
                account,
                time: time + 30 + self.delay.sample(rng) as i64,
                reshare_of: Some(id),
                ..Post::default()
            });
        }
    }

    /// The planted `members` reshare the pool as busily as the crowd does, on top of what they
    /// do together.
    fn reshare_pool(&self, scene: &mut Scene, members: &[u32], rng: &mut ChaCha8Rng) {
        for &a in members {
            let rate = POOL_SHARE * self.volume.sample(rng).clamp(10.0, 300.0);
            for day in 0..self.days {
                let n = Poisson::new(rate).map_or(0, |p| p.sample(rng) as usize);
                self.reshare(scene, a, day, n, rng);
            }
        }
    }
}

/// Truncates every post's time to the minute, as some archives give them.
fn to_the_minute(scene: &mut Scene) {
    for post in &mut scene.posts {
        post.time -= post.time.rem_euclid(60);
    }
}

/// Five operation categories (200, 150, 120, 80 and 50 accounts at the default 3,000) with no
/// organic class: each category's three principals post 25 times a day; its members (1 to 150
/// posts a day, 6 at the median) reshare the day's posts of the principals, their own category's
/// seven times in ten and any category's otherwise, and post the category's tags (the caller
/// truncates the timestamps to the minute).
fn operation(scene: &mut Scene, config: &AdversarialConfig, rng: &mut ChaCha8Rng) {
    let scale = config.accounts as f64 / 3_000.0;
    let volume = lognormal(6.0, 1.0);
    let delay = lognormal(2.0 * HOUR as f64, 1.0);
    let days = config.days as i64;
    let sizes = [200.0, 150.0, 120.0, 80.0, 50.0];
    let categories: Vec<Vec<u32>> = sizes
        .iter()
        .enumerate()
        .map(|(c, size)| {
            let n = ((size * scale) as usize).max(8);
            scene.add_accounts(n, &format!("category_{}", c + 1), "cib:category")
        })
        .collect();
    let tz = [3, 3, 4, 3, 2];
    for day in 0..days {
        let pools: Vec<Vec<(u64, i64)>> = categories
            .iter()
            .enumerate()
            .map(|(c, members)| {
                let mut pool = Vec::new();
                for &principal in &members[..3] {
                    for _ in 0..25 {
                        let time = START
                            + day * DAY
                            + (rng.random_range(7..22) - tz[c]) * HOUR
                            + rng.random_range(0..HOUR);
                        let id = scene.post(Post {
                            account: principal,
                            time,
                            text: text(rng),
                            ..Post::default()
                        });
                        pool.push((id, time));
                    }
                }
                pool
            })
            .collect();
        for (c, members) in categories.iter().enumerate() {
            for &a in &members[3..] {
                let n = (volume.sample(rng) as usize).clamp(1, 150);
                for _ in 0..n {
                    if rng.random::<f64>() < 0.8 {
                        let pool = if rng.random::<f64>() < 0.7 {
                            &pools[c]
                        } else {
                            &pools[rng.random_range(0..pools.len())]
                        };
                        let &(id, t) = pool.choose(rng).expect("pool");
                        let time = t + 60 + delay.sample(rng) as i64;
                        scene.post(Post {
                            account: a,
                            time,
                            reshare_of: Some(id),
                            ..Post::default()
                        });
                    } else {
                        let time = START
                            + day * DAY
                            + (rng.random_range(7..22) - tz[c]) * HOUR
                            + rng.random_range(0..HOUR);
                        scene.post(Post {
                            account: a,
                            time,
                            text: text(rng),
                            hashtags: format!("c{c}tag{}", rng.random_range(0..8)),
                            ..Post::default()
                        });
                    }
                }
            }
        }
    }
}

/// Five giveaways, each entered by 40 accounts of the crowd on one day: every entrant posts
/// the contest's text (naming a friend) with its tag and link at a waking moment of its own.
/// The entrants are relabelled `hard:giveaway` (drawn last, so the rest of the scene is the
/// same with or without them).
fn giveaways(scene: &mut Scene, crowd: &Crowd, days: i64, rng: &mut ChaCha8Rng) {
    for g in 0..5 {
        let brand = words(rng, 1);
        let day = rng.random_range(0..days.max(1));
        for &a in crowd.accounts.choose_multiple(rng, 40) {
            scene.labels[a as usize] = (format!("giveaway_{g}"), "hard:giveaway".to_string());
            let friend = crowd.accounts.choose(rng).expect("crowd");
            scene.post(Post {
                account: a,
                time: waking_time(rng, day, crowd.habits[a as usize].1),
                text: format!(
                    "I want to win the new {brand} phone! Follow and share to enter, tagging u{friend}"
                ),
                urls: format!("https://{brand}.example/giveaway"),
                hashtags: format!("{brand}giveaway"),
                ..Post::default()
            });
        }
    }
}

/// A team's 40 supporters in the crowd, live-posting its six midweek matches: each match kicks
/// off at 19:00 UTC+1 on a workday, and each supporter follows four in five of them, posting 2
/// to 6 times in words of its own with the team's tag and the match's over the two and a half
/// hours, as audiences of a match or a TV show do. Relabelled `hard:live_audience`; drawn
/// after the reply brigade, so the rest of the scene is the same with or without them.
fn live_audience(scene: &mut Scene, crowd: &Crowd, days: i64, rng: &mut ChaCha8Rng) {
    let audience = crowd.recruit(scene, 40, "live_audience", "hard:live_audience", rng);
    let team = words(rng, 1);
    let workdays: Vec<i64> = (0..days).filter(|d| d % 7 < 5).collect();
    let mut matches: Vec<i64> = workdays.choose_multiple(rng, 6).copied().collect();
    matches.sort_unstable();
    for (m, &day) in matches.iter().enumerate() {
        let kick_off = START + day * DAY + 18 * HOUR;
        for &a in &audience {
            if rng.random::<f64>() >= 0.8 {
                continue;
            }
            for _ in 0..rng.random_range(2..=6) {
                scene.post(Post {
                    account: a,
                    time: kick_off + rng.random_range(0..5 * HOUR / 2),
                    text: words(rng, 8),
                    hashtags: format!("{team} {team}match{m}"),
                    ..Post::default()
                });
            }
        }
    }
}

/// A circle of 12 friends in the crowd, in one time zone, resharing one another: each posts
/// up to three times a day at waking hours, and each of the others reshares a post with
/// probability 0.35, a median of 40 minutes later. Mutual amplification, but by people who
/// sleep. Relabelled `hard:friends`; drawn after the live audience, so the rest of the scene
/// is the same with or without them.
fn friends(scene: &mut Scene, crowd: &Crowd, days: i64, rng: &mut ChaCha8Rng) {
    let circle = crowd.recruit(scene, 12, "friends", "hard:friends", rng);
    let delay = lognormal(40.0 * 60.0, 1.0);
    for day in 0..days {
        for &a in &circle {
            for _ in 0..rng.random_range(0..=3) {
                let time = waking_time(rng, day, 1);
                let id = scene.post(Post {
                    account: a,
                    time,
                    text: words(rng, 8),
                    ..Post::default()
                });
                let others = circle.iter().copied().filter(|&b| b != a);
                reshared_by(scene, (id, time + 60), others, 0.35, &delay, rng);
            }
        }
    }
}

/// 35 aged accounts of the crowd, bought and kept posting as before, whose operator has them
/// act together three times a day, at waking hours of UTC+3, every day: a share of a public
/// page of the crowd's pool, a near-copy of one message (16 words, one swapped per account),
/// or a reshare of a popular author's post that the crowd reshares too. Each member takes part
/// in an action with probability 0.3, a median of 10 to 15 minutes after it starts, so a pair
/// shares about two traces of each kind over three weeks: no signal is strong on its own.
/// Drawn after the friends, so the rest of the scene is the same with or without them.
fn weak_mix(scene: &mut Scene, crowd: &Crowd, days: i64, rng: &mut ChaCha8Rng) {
    let group = crowd.recruit(scene, 35, "weak_mix", "cib:weak_mix", rng);
    for day in 0..days {
        for action in 0..3 {
            let start = waking_time(rng, day, 3);
            let joined: Vec<u32> = group
                .iter()
                .copied()
                .filter(|_| rng.random_bool(0.3))
                .collect();
            match action {
                0 => {
                    let page = crowd.mix.pages[crowd.mix.page_weights.sample(rng)].clone();
                    let lag = lognormal(900.0, 1.0);
                    for &a in &joined {
                        scene.post(Post {
                            account: a,
                            time: start + lag.sample(rng) as i64,
                            text: text(rng),
                            urls: page.clone(),
                            ..Post::default()
                        });
                    }
                }
                1 => {
                    let message: Vec<String> = (0..16).map(|_| words(rng, 1)).collect();
                    let lag = lognormal(600.0, 1.0);
                    for &a in &joined {
                        let mut copy = message.clone();
                        copy[rng.random_range(0..16)] = words(rng, 1);
                        scene.post(Post {
                            account: a,
                            time: start + lag.sample(rng) as i64,
                            text: copy.join(" "),
                            ..Post::default()
                        });
                    }
                }
                _ => {
                    let (id, time) = crowd.author_post(scene, day, rng);
                    crowd.cascade(scene, (id, time), rng);
                    let lag = lognormal(600.0, 0.9);
                    reshared_by(
                        scene,
                        (id, time.max(start)),
                        joined.into_iter(),
                        1.0,
                        &lag,
                        rng,
                    );
                }
            }
        }
    }
}

/// 20 accounts of the crowd, posting as before, that four times a day at any hour (shifts
/// round the clock) reshare one post: a popular author's, which the crowd reshares too, or
/// half the time an ordinary crowd account's. Each member joins an action with probability
/// 0.6, a median of 25 minutes after the post (lags spread over hours, at most 12), as a slow
/// ring of bought accounts does. Drawn after the weak mix, so the rest of the scene is the
/// same with or without it.
fn slow_ring(scene: &mut Scene, crowd: &Crowd, days: i64, rng: &mut ChaCha8Rng) {
    let ring = crowd.recruit(scene, 20, "slow_ring", "cib:slow_ring", rng);
    let lag = lognormal(1_500.0, 1.37).map(|l| l.clamp(30.0, 12.0 * HOUR as f64));
    for day in 0..days {
        for _ in 0..4 {
            let time = START + day * DAY + rng.random_range(0..DAY);
            let poster = if rng.random_bool(0.5) {
                *crowd.authors.choose(rng).expect("authors")
            } else {
                *crowd.accounts.choose(rng).expect("crowd")
            };
            let id = scene.post(Post {
                account: poster,
                time,
                text: text(rng),
                ..Post::default()
            });
            if crowd.authors.contains(&poster) {
                crowd.cascade(scene, (id, time), rng);
            }
            let members = ring.iter().copied().filter(|&a| a != poster);
            reshared_by(scene, (id, time), members, 0.6, &lag, rng);
        }
    }
}

/// 40 accounts of the crowd, in its time zones round the world, following 150 small artists
/// of the crowd whom nobody else reshares: each artist posts once a day at a waking hour of
/// its own, and each follower reshares one post in ten, a median of two hours later. The
/// circle reshares posts that nobody outside it reshares, by many authors, round the clock,
/// each post by a few of its members. Drawn after the slow ring, so the rest of the scene is
/// the same with or without it.
fn art_circle(scene: &mut Scene, crowd: &Crowd, days: i64, rng: &mut ChaCha8Rng) {
    let circle = crowd.recruit(scene, 40, "art_circle", "hard:art_circle", rng);
    let artists: Vec<u32> = crowd
        .unlabelled(scene)
        .choose_multiple(rng, 150)
        .copied()
        .collect();
    let lag = lognormal(2.0 * HOUR as f64, 1.0);
    for day in 0..days {
        for &artist in &artists {
            let post = original_post(scene, artist, day, crowd.habits[artist as usize].1, rng);
            reshared_by(scene, post, circle.iter().copied(), 0.1, &lag, rng);
        }
    }
}

/// Twelve friends seven to ten time zones apart, six of the crowd at UTC+0 to +2 and six at
/// UTC−8 or −7 (a family split between Europe and America), relabelled `hard:far_friends`:
/// each posts up to three times a day at its waking hours, and each of the others reshares a
/// post with probability 0.35, a median of 40 minutes later or, asleep then, soon after
/// waking. Between them they are awake at nearly every hour of the UTC day, so their
/// co-actions fill hours that one of them sleeps through; each of them still sleeps. Drawn
/// last, so the rest of the scene is the same with or without them.
fn far_friends(scene: &mut Scene, crowd: &Crowd, days: i64, rng: &mut ChaCha8Rng) {
    let mut circle = Vec::new();
    for zones in [0..=2, -8..=-7] {
        let near: Vec<u32> = crowd
            .unlabelled(scene)
            .into_iter()
            .filter(|&a| zones.contains(&crowd.habits[a as usize].1))
            .collect();
        circle.extend(near.choose_multiple(rng, 6).copied());
    }
    for &a in &circle {
        scene.labels[a as usize] = ("far_friends".to_string(), "hard:far_friends".to_string());
    }
    let delay = lognormal(40.0 * 60.0, 1.0);
    for day in 0..days {
        for &a in &circle {
            for _ in 0..rng.random_range(0..=3) {
                let time = waking_time(rng, day, crowd.habits[a as usize].1);
                let id = scene.post(Post {
                    account: a,
                    time,
                    text: words(rng, 8),
                    ..Post::default()
                });
                for &b in circle.iter().filter(|&&b| b != a) {
                    if rng.random::<f64>() < 0.35 {
                        let seen = time + 60 + delay.sample(rng) as i64;
                        scene.post(Post {
                            account: b,
                            time: awake_at(seen, crowd.habits[b as usize].1, rng),
                            reshare_of: Some(id),
                            ..Post::default()
                        });
                    }
                }
            }
        }
    }
}

/// `time`, or a moment within an hour of waking (08:00 local time at UTC`tz`) when it falls
/// in the night (23:00 to 08:00 local).
fn awake_at(time: i64, tz: i64, rng: &mut ChaCha8Rng) -> i64 {
    let local = time + tz * HOUR;
    let hour = local.rem_euclid(DAY) / HOUR;
    if (8..23).contains(&hour) {
        return time;
    }
    let wake = local - local.rem_euclid(DAY) + 8 * HOUR + if hour >= 23 { DAY } else { 0 };
    wake - tz * HOUR + rng.random_range(0..HOUR)
}

/// A public figure posting three times a day, 13–22 UTC, whose posts draw replies from 300
/// accounts of the crowd (each reply with probability 0.08, a median of 10 minutes later, in
/// words of its own), relabelled `hard:repliers`, and from a 20-account `reply_brigade`: on
/// each post six in ten of its members reply 2 to 15 minutes later with one of the day's
/// templated attacks, a target's name swapped in and a tail sometimes added, as templated
/// reply campaigns do. Drawn after the giveaways, so the rest of the scene is the same with or
/// without them.
fn reply_brigade(scene: &mut Scene, crowd: &Crowd, days: i64, rng: &mut ChaCha8Rng) {
    const ATTACKS: [&str; 4] = [
        "This is exactly why {} can't be trusted, wake up people",
        "Another lie from {} and the media stays silent",
        "{} has done nothing for this country, nothing at all",
        "Shameful. {} should resign today",
    ];
    const NAMES: [&str; 4] = [
        "the governor",
        "this clown",
        "our so-called leader",
        "the minister",
    ];
    const TAILS: [&str; 4] = ["!!", "#truth", "smh", "..."];
    let target = scene.add_accounts(1, "organic", "organic")[0];
    let repliers = crowd.recruit(scene, 300, "repliers", "hard:repliers", rng);
    let brigade = scene.add_accounts(20, "reply_brigade", "cib:reply_brigade");
    let lag = lognormal(600.0, 1.0);
    for day in 0..days {
        for _ in 0..3 {
            let time = START + day * DAY + rng.random_range(13 * HOUR..22 * HOUR);
            let id = scene.post(Post {
                account: target,
                time,
                text: text(rng),
                ..Post::default()
            });
            for &a in &repliers {
                if rng.random_bool(0.08) {
                    scene.post(Post {
                        account: a,
                        time: time + (lag.sample(rng) as i64).clamp(5, 6 * HOUR),
                        text: text(rng),
                        reply_to: Some(id),
                        ..Post::default()
                    });
                }
            }
            let attack = ATTACKS.choose(rng).expect("attacks");
            for &a in &brigade {
                if !rng.random_bool(0.6) {
                    continue;
                }
                let mut reply = attack.replace("{}", NAMES.choose(rng).expect("names"));
                if rng.random_bool(0.5) {
                    reply = format!("{reply} {}", TAILS.choose(rng).expect("tails"));
                }
                scene.post(Post {
                    account: a,
                    time: time + rng.random_range(120..900),
                    text: reply,
                    reply_to: Some(id),
                    ..Post::default()
                });
            }
        }
    }
}

/// Communities of 20 to 400 accounts; each opens threads daily, which its regulars (the most
/// engaged 15 %) reply to with probability 0.35 and everyone else with 0.03, within hours.
/// With `sites`, half the threads are link submissions, half of them opened by regulars: to
/// pages of mass sites, to pages nobody links again, or (one in five) to an article of one of
/// the community's two own sites (a wiki, a fan blog), and one reply in twenty links the
/// community's sites or a mass site. Returns the communities' names.
fn forum(
    scene: &mut Scene,
    config: &AdversarialConfig,
    sites: bool,
    rng: &mut ChaCha8Rng,
) -> Vec<String> {
    let days = config.days as i64;
    let delay = lognormal(3_000.0, 1.0);
    let mut names = Vec::new();
    let mut left = config.accounts;
    let mut c = 0usize;
    while left > 0 {
        let size = ((400.0 / ((c + 1) as f64).powf(0.8)) as usize)
            .max(20)
            .min(left);
        left -= size;
        // Numbered, so that two communities never share a name.
        let name = format!("r/{}{c}", words(rng, 1));
        let regulars_n = (size * 15 / 100).max(2);
        let regulars = scene.add_accounts(regulars_n, &format!("regulars_{c}"), "hard:regulars");
        let others = scene.add_accounts(size - regulars_n, "organic", "organic");
        let tz: Vec<i64> = (0..size).map(|_| rng.random_range(-8..=9)).collect();
        let everyone: Vec<u32> = regulars.iter().chain(&others).copied().collect();
        let n_sites = if sites { 2 } else { 0 };
        let own_sites: Vec<String> = (0..n_sites)
            .map(|_| format!("{}-{c}.example", words(rng, 1)))
            .collect();
        let mut articles = 0u64;
        let mut link = |rng: &mut ChaCha8Rng, own_share: f64| -> String {
            let r = rng.random::<f64>();
            if r < own_share {
                articles += 1;
                let site = own_sites.choose(rng).expect("sites");
                format!("https://{site}/article/{articles}")
            } else if r < 0.7 {
                let site = MASS_SITES.choose(rng).expect("mass sites");
                format!("https://{site}/page/{}", rng.random_range(0..2_000))
            } else {
                format!(
                    "https://{}.example/{}",
                    words(rng, 1),
                    rng.random_range(0..u32::MAX)
                )
            }
        };
        for day in 0..days {
            for _ in 0..(size / 10).max(1) {
                let submission = sites && rng.random::<f64>() < 0.5;
                let i = if submission && rng.random::<f64>() < 0.5 {
                    rng.random_range(0..regulars_n)
                } else {
                    rng.random_range(0..size)
                };
                let time = waking_time(rng, day, tz[i]);
                let urls = if submission {
                    link(rng, 0.2)
                } else {
                    String::new()
                };
                let root = scene.post(Post {
                    account: everyone[i],
                    time,
                    text: text(rng),
                    urls,
                    community: name.clone(),
                    ..Post::default()
                });
                for (j, &a) in everyone.iter().enumerate() {
                    let p = if j < regulars_n { 0.35 } else { 0.03 };
                    if j != i && rng.random::<f64>() < p {
                        let urls = if sites && rng.random::<f64>() < 0.05 {
                            link(rng, 0.5)
                        } else {
                            String::new()
                        };
                        scene.post(Post {
                            account: a,
                            time: time + 60 + delay.sample(rng) as i64,
                            text: text(rng),
                            urls,
                            reply_to: Some(root),
                            community: name.clone(),
                            ..Post::default()
                        });
                    }
                }
            }
        }
        names.push(name);
        c += 1;
    }
    names
}

/// One general community, `r/general`, that every account of the scene also posts in, as much
/// as in its own: a tenth as many threads a day as there are accounts, each opened by a random
/// account at a waking hour of a random time zone, and for each post an account made so far,
/// one reply of its own to a random thread, minutes to hours after it opened. Redditors post
/// in many communities; their own community's core is what they do together, not all they
/// post. Returns the community's name.
fn general_community(scene: &mut Scene, days: i64, rng: &mut ChaCha8Rng) -> String {
    let name = "r/general".to_string();
    let delay = lognormal(3_000.0, 1.0);
    let accounts = scene.labels.len();
    let mut posts_so_far = vec![0usize; accounts];
    for post in &scene.posts {
        posts_so_far[post.account as usize] += 1;
    }
    let mut threads = Vec::new();
    for day in 0..days {
        for _ in 0..(accounts / 10).max(1) {
            let account = rng.random_range(0..accounts) as u32;
            let tz = rng.random_range(-8..=9);
            let time = waking_time(rng, day, tz);
            let id = scene.post(Post {
                account,
                time,
                text: text(rng),
                community: name.clone(),
                ..Post::default()
            });
            threads.push((id, time));
        }
    }
    for (account, &n) in posts_so_far.iter().enumerate() {
        for _ in 0..n {
            let &(root, time) = threads.choose(rng).expect("threads");
            scene.post(Post {
                account: account as u32,
                time: time + 60 + delay.sample(rng) as i64,
                text: text(rng),
                reply_to: Some(root),
                community: name.clone(),
                ..Post::default()
            });
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use std::collections::BTreeSet;

    /// Every community of a forum has a name of its own, even where the words drawn for two of
    /// them are the same: a platform's communities never share a name, and two sharing one
    /// would look like one community of which each writes a part.
    #[test]
    fn forum_communities_have_names_of_their_own() {
        for seed in 0..20 {
            let mut config = AdversarialConfig::new(seed, Background::Forum);
            config.accounts = 2_000;
            config.days = 1;
            let mut scene = Scene::default();
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let names = forum(&mut scene, &config, false, &mut rng);
            let communities: BTreeSet<&String> = scene
                .labels
                .iter()
                .filter(|(label, _)| label.starts_with("regulars_"))
                .map(|(label, _)| label)
                .collect();
            assert!(communities.len() > 20, "seed {seed}: {}", communities.len());
            let distinct: BTreeSet<&String> = names.iter().collect();
            assert_eq!(distinct.len(), communities.len(), "seed {seed}");
        }
    }
}
