//! Hard negatives: organic groups that act together in the open, built to look coordinated.

use rand::seq::{index, IndexedRandom};
use rand::Rng;

use crate::content::{Content, Text};
use crate::day::Day;
use crate::delays::lognormal_secs;
use crate::links::{Link, LinkStyle};
use crate::organic::poisson;
use crate::rhythm::place;
use crate::rng::mix;
use crate::world::{Group, Kind, World};

/// Fan clubs: the idol posts a few times a day; each fan reshares a varying minority of those
/// posts within seconds to minutes, and sometimes replies.
pub(crate) fn fan_club<R: Rng>(world: &World, g: &Group, day: &mut Day, rng: &mut R) {
    let Some(&idol) = g.authors.first() else {
        return;
    };
    let a = &world.accounts[idol as usize];
    for _ in 0..poisson(rng, 4.5) {
        let ts = place(
            day.start,
            world.rhythm.organic_second(rng, a.shift_s),
            a.tz_min,
        );
        let mut c = Content::plain(
            a.lang,
            Text::Sentence {
                seed: rng.random(),
                words: rng.random_range(5..=20),
            },
        );
        if rng.random_bool(0.4) {
            if let Some(&t) = g.tags.choose(rng) {
                c.tags.push(t);
            }
        }
        if rng.random_bool(0.2) {
            c.link = Some(world.domains.organic_link(rng, a.lang, day.index));
        }
        let t = day.post_target(ts, idol, c, true);
        for (&fan, &p) in g.members.iter().zip(&g.participation) {
            if rng.random_bool(f64::from(p)) {
                let lag = lognormal_secs(rng, 100.0, 1.2, 2.0, 6.0 * 3600.0);
                day.reshare(t.ts + lag, fan, &t);
            }
            if rng.random_bool(f64::from(p) * 0.15) {
                let lang = world.accounts[fan as usize].lang;
                let reply = Content::plain(lang, Text::Short(rng.random()));
                let lag = lognormal_secs(rng, 300.0, 1.0, 5.0, 6.0 * 3600.0);
                day.reply(t.ts + lag, fan, &t, reply);
            }
        }
    }
}

/// Syndicated outlets: a feed publishes a headline every `period_s` (with a little jitter), 24/7,
/// and every outlet of the network posts it with the same link within seconds.
pub(crate) fn syndicated<R: Rng>(world: &World, g: &Group, day: &mut Day, rng: &mut R) {
    let Some(&site) = g.sites.first() else {
        return;
    };
    let period = g.period_s.max(60);
    let phase = (g.seed % period as u64) as i64;
    let origin = world.start + phase;
    let first = (day.start - origin).div_euclid(period) - 1;
    let last = (day.end - origin).div_euclid(period) + 1;
    for k in first..=last {
        let key = mix(g.seed, k as u64);
        let t = origin + k * period + (key % 181) as i64 - 90;
        if t < day.start || t >= day.end {
            continue;
        }
        for (m, (&outlet, &uptime)) in g.members.iter().zip(&g.participation).enumerate() {
            if !rng.random_bool(f64::from(uptime)) {
                continue;
            }
            let (style, form) = if g.tracked_links {
                (LinkStyle::Tracked, mix(g.seed, m as u64) as u32)
            } else {
                (LinkStyle::Canonical, 0)
            };
            let mut c = Content::plain(g.lang, Text::Headline(key));
            c.link = Some(Link {
                site,
                day: day.index as u16,
                article: (k.rem_euclid(1 << 30)) as u32,
                form,
                style,
            });
            let offset = (mix(g.seed, 1_000 + m as u64) % 25) as i64;
            day.post(t + offset + rng.random_range(0..5), outlet, c, false);
        }
    }
}

/// Viral bursts: a few posts of popular accounts per day, each reshared within minutes by a
/// random share of one viral pool; a given pair of pool members rarely meets twice.
pub(crate) fn viral_bursts<R: Rng>(world: &World, day: &mut Day, rng: &mut R) {
    let pools: Vec<&Group> = world
        .groups
        .iter()
        .filter(|g| g.kind == Kind::ViralBurst && !g.members.is_empty())
        .collect();
    if pools.is_empty() || world.celebs.is_empty() {
        return;
    }
    let bursts = ((3.0 * world.scale).round() as usize).max(1) + usize::from(rng.random_bool(0.5));
    for j in 0..bursts {
        let pool = pools[(day.index as usize * 7 + j) % pools.len()];
        let Some(&celeb) = world.celebs.choose(rng) else {
            return;
        };
        let a = &world.accounts[celeb as usize];
        let ts = place(
            day.start,
            world.rhythm.organic_second(rng, a.shift_s),
            a.tz_min,
        );
        let mut c = Content::plain(
            a.lang,
            Text::Sentence {
                seed: rng.random(),
                words: rng.random_range(8..=20),
            },
        );
        if rng.random_bool(0.3) {
            c.link = Some(world.domains.organic_link(rng, a.lang, day.index));
        }
        if rng.random_bool(0.5) {
            c.tags.push(day.trending[a.lang.index()][0]);
        }
        let t = day.post_target(ts, celeb, c, true);
        let n = pool.members.len();
        let size = ((n as f64 * rng.random_range(0.08..0.3)).round() as usize).clamp(1, n);
        for i in index::sample(rng, n, size) {
            let lag = lognormal_secs(rng, 150.0, 0.9, 3.0, 3_600.0);
            day.reshare(t.ts + lag, pool.members[i], &t);
        }
    }
}
