//! Networks that coordinate by resharing: fast rings, slow rings and tiny cells.

use rand::seq::IndexedRandom;
use rand::Rng;

use super::Ctx;
use crate::content::{Content, Text};
use crate::day::{Day, Target};
use crate::delays::lognormal_secs;
use crate::links::{Link, LinkStyle};
use crate::organic::ordinary_content;

/// A new post by one of the ring's amplified authors, at office time.
fn amplified_post<R: Rng>(ctx: &Ctx<'_>, day: &mut Day, rng: &mut R) -> Option<Target> {
    let &author = ctx.group.authors.choose(rng)?;
    let ts = ctx.office_time(day, rng);
    let a = &ctx.world.accounts[author as usize];
    let content = ordinary_content(ctx.world, day, rng, a, ts);
    Some(day.post_target(ts, author, content, true))
}

/// Reshare ring: 4 to 10 times per workday an amplified author posts, and the ring reacts after
/// a common delay of seconds to two minutes, each member a few seconds to minutes later; every
/// member takes part in 60–95 % of the actions.
pub(super) fn ring<R: Rng>(ctx: &Ctx<'_>, day: &mut Day, rng: &mut R) {
    for _ in 0..ctx.actions(rng, 4, 10) {
        let Some(t) = amplified_post(ctx, day, rng) else {
            return;
        };
        let reaction = rng.random_range(5..120);
        for (_, account) in ctx.participants(rng) {
            let lag = lognormal_secs(rng, 25.0, 0.8, 1.0, 300.0);
            day.reshare(t.ts + reaction + lag, account, &t);
        }
    }
}

/// Slow ring: reshares amplified authors' and ordinary users' posts with follower lags like the
/// IRA's (median 25 minutes, 10 % under 4 minutes, 10 % over 2.4 hours); members take part in
/// 30–50 % of the actions.
pub(super) fn slow_ring<R: Rng>(ctx: &Ctx<'_>, day: &mut Day, rng: &mut R) {
    for _ in 0..ctx.actions(rng, 3, 8) {
        let target = if rng.random_bool(0.5) {
            amplified_post(ctx, day, rng)
        } else {
            let ts = ctx.office_time(day, rng);
            day.organic_before(rng, ts)
        };
        let Some(t) = target else {
            continue;
        };
        for (_, account) in ctx.participants(rng) {
            let lag = lognormal_secs(rng, 1_500.0, 1.37, 30.0, 12.0 * 3600.0);
            day.reshare(t.ts + lag, account, &t);
        }
    }
}

/// Tiny cell: three or four accounts that reshare the same ordinary posts or post the same link
/// (their own site when they have one) within a minute of each other.
pub(super) fn tiny_cell<R: Rng>(ctx: &Ctx<'_>, day: &mut Day, rng: &mut R) {
    for j in 0..ctx.actions(rng, 2, 6) {
        let ts = ctx.office_time(day, rng);
        if rng.random_bool(0.6) {
            let Some(t) = day.organic_before(rng, ts) else {
                continue;
            };
            let first = ts.max(t.ts + rng.random_range(30..900));
            for (_, account) in ctx.participants(rng) {
                day.reshare(first + rng.random_range(0..60), account, &t);
            }
        } else {
            let lang = ctx.group.lang;
            let link = match ctx.group.sites.first() {
                Some(&site) => Link {
                    site,
                    day: day.index as u16,
                    article: (day.index << 4) + j as u32,
                    form: 0,
                    style: LinkStyle::Varied,
                },
                None => ctx.world.domains.organic_link(rng, lang, day.index),
            };
            for (m, account) in ctx.participants(rng) {
                let mut c = Content::plain(lang, Text::Short(rng.random()));
                c.link = Some(Link {
                    form: rng.random::<u32>() ^ m as u32,
                    ..link
                });
                day.post(ts + rng.random_range(0..60), account, c, false);
            }
        }
    }
}
