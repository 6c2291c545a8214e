//! Organic background: ordinary users' posts, and the reshare and reply cascades they trigger.

use chrono::Weekday;
use rand::seq::IndexedRandom;
use rand::Rng;
use rand_distr::{Distribution, Poisson};

use crate::accounts::{Account, Behaviour};
use crate::content::{Content, TagList, Text};
use crate::day::Day;
use crate::delays;
use crate::rhythm::{local_hour, local_weekday, place};
use crate::vocab::{Lang, Moment, GREETINGS};
use crate::world::{Kind, World};

/// Probability that an original by an account of typical audience gets reshared at all.
const RESHARE_BASE: f64 = 0.12;
/// Probability that such an original gets replies.
const REPLY_BASE: f64 = 0.09;
/// Exponent of the cascade size law: `P(size >= k) = k^(-1/CASCADE_EXPONENT)`, which gives a
/// median of 1, a 90th percentile near 8 and a 99th near 70 among reshared posts.
const CASCADE_EXPONENT: f64 = 0.92;

/// A Poisson count with mean `mean` (0 when the mean is not positive).
pub(crate) fn poisson<R: Rng>(rng: &mut R, mean: f64) -> u32 {
    if mean <= 0.0 || !mean.is_finite() {
        return 0;
    }
    Poisson::new(mean).map_or(0, |p| p.sample(rng) as u32)
}

/// Posts the day's originals of every organically behaving account at times drawn from its
/// daily rhythm.
pub(crate) fn originals<R: Rng>(world: &World, day: &mut Day, rng: &mut R) {
    for (i, a) in world.accounts.iter().enumerate() {
        if a.behaviour != Behaviour::Organic {
            continue;
        }
        let own = f64::from(a.rate) * f64::from(1.0 - a.reshare_frac - a.reply_frac).max(0.05);
        let weekend = matches!(
            local_weekday(day.start + 43_200, a.tz_min),
            Weekday::Sat | Weekday::Sun
        );
        let n = poisson(rng, own * if weekend { 0.9 } else { 1.0 });
        for _ in 0..n {
            let second = world.rhythm.organic_second(rng, a.shift_s);
            let ts = place(day.start, second, a.tz_min);
            let content = ordinary_content(world, day, rng, a, ts);
            day.post(ts, i as u32, content, true);
        }
    }
}

/// What an ordinary user posts at `ts`: now and then a greeting; otherwise a sentence with, at
/// times, a news link, hashtags (popular or trending ones) and a mention.
pub(crate) fn ordinary_content<R: Rng>(
    world: &World,
    day: &Day,
    rng: &mut R,
    author: &Account,
    ts: i64,
) -> Content {
    let lang = author.lang;
    if rng.random_bool(0.045) {
        if let Some(g) = greeting(rng, lang, ts, author.tz_min) {
            return Content::plain(lang, Text::Greeting(g));
        }
    }
    let words = delays::lognormal(rng, 10.0, 0.5, 3.0, 40.0) as u8;
    let mut c = Content::plain(
        lang,
        Text::Sentence {
            seed: rng.random(),
            words,
        },
    );
    if rng.random_bool(0.22) {
        c.link = Some(world.domains.organic_link(rng, lang, day.index));
    }
    if rng.random_bool(0.28) {
        let n = 1 + usize::from(rng.random_bool(0.35)) + usize::from(rng.random_bool(0.15));
        c.tags = organic_tags(world, day, rng, lang, n);
    }
    if let Some(g) = author.group.and_then(|g| world.groups.get(usize::from(g))) {
        if g.kind == Kind::FanClub && rng.random_bool(0.3) {
            if let Some(&t) = g.tags.choose(rng) {
                c.tags.push(t);
            }
        }
    }
    if rng.random_bool(0.0003) {
        if let Some(&t) = world.campaign_tags.choose(rng) {
            c.tags.push(t);
        }
    }
    if rng.random_bool(0.07) {
        c.mention = if rng.random_bool(0.5) {
            world.celebs.choose(rng).copied()
        } else {
            world.resharers.pick(rng, lang)
        };
    }
    c
}

/// `n` organic hashtags of `lang`, some of them trending today.
fn organic_tags<R: Rng>(world: &World, day: &Day, rng: &mut R, lang: Lang, n: usize) -> TagList {
    let mut tags = TagList::default();
    for _ in 0..n {
        let t = if rng.random_bool(0.18) {
            day.trending[lang.index()][rng.random_range(0..3)]
        } else {
            world.tags.organic(rng, lang)
        };
        tags.push(t);
    }
    tags
}

/// A greeting of `lang` that fits the local time of `ts`.
fn greeting<R: Rng>(rng: &mut R, lang: Lang, ts: i64, tz_min: i32) -> Option<u16> {
    let hour = local_hour(ts, tz_min);
    let weekday = local_weekday(ts, tz_min);
    let fits = |m: Moment| match m {
        Moment::Any => true,
        Moment::Morning => (5..=10).contains(&hour),
        Moment::Night => hour >= 21 || hour <= 1,
        Moment::Friday => weekday == Weekday::Fri,
        Moment::Monday => weekday == Weekday::Mon,
    };
    let eligible = || {
        GREETINGS
            .iter()
            .enumerate()
            .filter(move |(_, g)| g.0 == lang && fits(g.1))
    };
    let n = eligible().count();
    if n == 0 {
        return None;
    }
    eligible()
        .nth(rng.random_range(0..n))
        .map(|(i, _)| i as u16)
}

/// Audience factor of an author: how much more likely than usual its posts draw reactions.
fn reach(followers: u32) -> f64 {
    ((f64::from(followers) + 20.0) / 200.0)
        .powf(0.3)
        .clamp(0.25, 6.0)
}

/// Size of an organic reshare cascade, given that the post is reshared.
fn cascade_size<R: Rng>(rng: &mut R, cap: usize) -> usize {
    let u = 1.0 - rng.random::<f64>();
    (u.powf(-CASCADE_EXPONENT) as usize).clamp(1, cap.max(1))
}

/// Organic reactions to every original of the day: reshare cascades with heavy-tailed sizes
/// and SEISMIC-kernel delays, and replies.
pub(crate) fn cascades<R: Rng>(world: &World, day: &mut Day, rng: &mut R) {
    let cap = (world.accounts.len() / 5).min(3_000);
    let mut who: Vec<u32> = Vec::new();
    for k in 0..day.originals().len() {
        let t = day.target(day.originals()[k]);
        let author = &world.accounts[t.author as usize];
        let greeting = matches!(t.content.text, Text::Greeting(_));
        let reach = reach(author.followers) * if greeting { 0.2 } else { 1.0 };
        if rng.random_bool((RESHARE_BASE * reach).min(0.95)) {
            let n = cascade_size(rng, cap);
            who.clear();
            who.extend((0..n).filter_map(|_| world.resharers.pick(rng, t.content.lang)));
            who.sort_unstable();
            who.dedup();
            for &account in &who {
                day.reshare(t.ts + delays::organic(rng), account, &t);
            }
        }
        if rng.random_bool((REPLY_BASE * reach.sqrt()).min(0.9)) {
            let n = 1 + (rng.random::<f64>().ln() / 0.45f64.ln()) as usize;
            for _ in 0..n.min(20) {
                let Some(account) = world.resharers.pick(rng, t.content.lang) else {
                    continue;
                };
                let lang = world.accounts[account as usize].lang;
                let words = rng.random_range(3..=18);
                let content = Content::plain(
                    lang,
                    Text::Sentence {
                        seed: rng.random(),
                        words,
                    },
                );
                let delay = delays::organic(rng) / 2 + 5;
                day.reply(t.ts + delay, account, &t, content);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn cascade_sizes_are_heavy_tailed() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let mut s: Vec<usize> = (0..50_000).map(|_| cascade_size(&mut rng, 3_000)).collect();
        s.sort_unstable();
        let q = |p: f64| s[((s.len() - 1) as f64 * p) as usize];
        assert_eq!(q(0.5), 1);
        assert!((5..=12).contains(&q(0.9)), "{}", q(0.9));
        assert!((40..=120).contains(&q(0.99)), "{}", q(0.99));
    }

    #[test]
    fn greetings_fit_language_and_time() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        // 2024-09-06 is a Friday; 07:00 UTC.
        let friday_morning = 1_725_606_000;
        for _ in 0..50 {
            let g = greeting(&mut rng, Lang::De, friday_morning, 0).expect("a greeting");
            assert_eq!(GREETINGS[usize::from(g)].0, Lang::De);
            assert_ne!(GREETINGS[usize::from(g)].1, Moment::Night);
        }
    }
}
