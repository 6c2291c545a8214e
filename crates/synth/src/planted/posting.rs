//! Networks that coordinate by posting: link farms, copypasta and hashtag pushes.

use rand::seq::IndexedRandom;
use rand::Rng;

use super::Ctx;
use crate::content::{Content, Text};
use crate::day::Day;
use crate::delays::lognormal_secs;
use crate::links::{Link, LinkStyle};
use crate::rng::mix;

/// Link farm: 3 to 8 articles per workday on the network's own sites; members post each within
/// minutes, every member's copy of the link in its own raw form with its own tracking parameters,
/// under the headline or a short comment.
pub(super) fn link_farm<R: Rng>(ctx: &Ctx<'_>, day: &mut Day, rng: &mut R) {
    let g = ctx.group;
    for j in 0..ctx.actions(rng, 3, 8) {
        let Some(&site) = g.sites.choose(rng) else {
            return;
        };
        let key = mix(g.seed, (u64::from(day.index) << 8) | j as u64);
        let ts = ctx.office_time(day, rng);
        let mut first = true;
        for (m, account) in ctx.participants(rng) {
            let text = if rng.random_bool(0.6) {
                Text::Headline(key)
            } else {
                Text::Short(rng.random())
            };
            let mut c = Content::plain(g.lang, text);
            c.link = Some(Link {
                site,
                day: day.index as u16,
                article: key as u32,
                form: mix(key, m as u64) as u32,
                style: if g.tracked_links {
                    LinkStyle::Tracked
                } else {
                    LinkStyle::Varied
                },
            });
            let lag = if first {
                0
            } else {
                lognormal_secs(rng, 60.0, 1.0, 1.0, 900.0)
            };
            first = false;
            day.post(ts + lag, account, c, false);
        }
    }
}

/// Copypasta: 2 to 6 messages per workday; members post the message with small edits of their
/// own within minutes, some appending the campaign hashtag.
pub(super) fn copypasta<R: Rng>(ctx: &Ctx<'_>, day: &mut Day, rng: &mut R) {
    let g = ctx.group;
    for j in 0..ctx.actions(rng, 2, 6) {
        let message = mix(g.seed, (u64::from(day.index) << 8) | j as u64);
        let ts = ctx.office_time(day, rng);
        for (m, account) in ctx.participants(rng) {
            let mut c = Content::plain(
                g.lang,
                Text::Copy {
                    message,
                    edit: mix(message, m as u64),
                },
            );
            if rng.random_bool(0.4) {
                for &t in &g.tags {
                    c.tags.push(t);
                }
            }
            let lag = lognormal_secs(rng, 45.0, 1.0, 1.0, 600.0);
            day.post(ts + lag, account, c, false);
        }
    }
}

/// Hashtag push: 2 to 5 pushes per workday; members post short texts of their own carrying the
/// campaign hashtag (rare elsewhere), at times with a trending tag to ride on, within minutes.
pub(super) fn hashtag_push<R: Rng>(ctx: &Ctx<'_>, day: &mut Day, rng: &mut R) {
    let g = ctx.group;
    for _ in 0..ctx.actions(rng, 2, 5) {
        let Some(&tag) = g.tags.choose(rng) else {
            return;
        };
        let ts = ctx.office_time(day, rng);
        for (_, account) in ctx.participants(rng) {
            let mut c = Content::plain(g.lang, Text::Short(rng.random()));
            c.tags.push(tag);
            if rng.random_bool(0.4) {
                c.tags
                    .push(day.trending[g.lang.index()][rng.random_range(0..3)]);
            }
            let lag = lognormal_secs(rng, 90.0, 1.1, 1.0, 1_200.0);
            day.post(ts + lag, account, c, false);
        }
    }
}
