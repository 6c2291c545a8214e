//! Networks whose signals are each weak but consistent together.

use rand::seq::IndexedRandom;
use rand::Rng;

use super::Ctx;
use crate::content::{Content, Text};
use crate::day::Day;
use crate::delays::lognormal_secs;
use crate::links::{Link, LinkStyle};
use crate::rng::mix;

/// Mixed weak network: one to three actions per workday, each of one kind: a co-reshare of an
/// ordinary post (lags around 10 minutes), a link to the network's site (around 15 minutes), the
/// network's hashtag (around 30 minutes) or a lightly edited message (around 10 minutes). Members
/// take part in 35–55 % of the actions, so a pair shares only a few traces of each kind.
pub(super) fn mixed_weak<R: Rng>(ctx: &Ctx<'_>, day: &mut Day, rng: &mut R) {
    let g = ctx.group;
    for j in 0..ctx.actions(rng, 1, 3) {
        let ts = ctx.office_time(day, rng);
        let key = mix(g.seed, (u64::from(day.index) << 8) | j as u64);
        match rng.random_range(0..4) {
            0 => {
                let Some(t) = day.organic_before(rng, ts) else {
                    continue;
                };
                for (_, account) in ctx.participants(rng) {
                    let lag = lognormal_secs(rng, 600.0, 0.9, 20.0, 3.0 * 3600.0);
                    day.reshare(ts.max(t.ts) + lag, account, &t);
                }
            }
            1 => {
                let Some(&site) = g.sites.choose(rng) else {
                    continue;
                };
                for (m, account) in ctx.participants(rng) {
                    let mut c = Content::plain(g.lang, Text::Short(rng.random()));
                    c.link = Some(Link {
                        site,
                        day: day.index as u16,
                        article: key as u32,
                        form: mix(key, m as u64) as u32,
                        style: LinkStyle::Tracked,
                    });
                    let lag = lognormal_secs(rng, 900.0, 1.0, 10.0, 4.0 * 3600.0);
                    day.post(ts + lag, account, c, false);
                }
            }
            2 => {
                let Some(&tag) = g.tags.choose(rng) else {
                    continue;
                };
                for (_, account) in ctx.participants(rng) {
                    let mut c = Content::plain(
                        g.lang,
                        Text::Sentence {
                            seed: rng.random(),
                            words: rng.random_range(6..=16),
                        },
                    );
                    c.tags.push(tag);
                    let lag = lognormal_secs(rng, 1_800.0, 1.0, 10.0, 6.0 * 3600.0);
                    day.post(ts + lag, account, c, false);
                }
            }
            _ => {
                for (m, account) in ctx.participants(rng) {
                    let c = Content::plain(
                        g.lang,
                        Text::Copy {
                            message: key,
                            edit: mix(key, 7_000 + m as u64),
                        },
                    );
                    let lag = lognormal_secs(rng, 600.0, 1.0, 10.0, 3.0 * 3600.0);
                    day.post(ts + lag, account, c, false);
                }
            }
        }
    }
}
