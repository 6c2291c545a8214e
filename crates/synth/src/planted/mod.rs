//! Planted coordinated inauthentic networks: one function per kind, plus the background content
//! every fabricated account posts to look ordinary.

mod mixed;
mod posting;
mod reshare;

use rand::Rng;

use crate::day::Day;
use crate::organic::{ordinary_content, poisson};
use crate::rhythm::{is_workday, place};
use crate::rng::stream;
use crate::world::{Group, Kind, World};

/// Stream tag of the planted networks.
const PLANTED_STREAM: u64 = 4;

/// What a network's action functions need.
struct Ctx<'a> {
    world: &'a World,
    group: &'a Group,
    /// Whether the day is a workday in the operators' time zone.
    workday: bool,
}

impl Ctx<'_> {
    /// An instant in the operators' office hours of the day.
    fn office_time<R: Rng>(&self, day: &Day, rng: &mut R) -> i64 {
        place(
            day.start,
            self.world.rhythm.office_second(rng),
            self.group.tz_min,
        )
    }

    /// Number of joint actions today: `lo..=hi` on workdays, rarely one on weekends.
    fn actions<R: Rng>(&self, rng: &mut R, lo: usize, hi: usize) -> usize {
        if self.workday {
            rng.random_range(lo..=hi)
        } else {
            usize::from(rng.random_bool(0.3))
        }
    }

    /// Members taking part in one action (each by its own participation rate), with their
    /// position in the group.
    fn participants<R: Rng>(&self, rng: &mut R) -> Vec<(usize, u32)> {
        let g = self.group;
        g.members
            .iter()
            .zip(&g.participation)
            .enumerate()
            .filter(|(_, (_, &p))| rng.random_bool(f64::from(p)))
            .map(|(m, (&a, _))| (m, a))
            .collect()
    }
}

/// Runs every planted network for one day.
pub(crate) fn act(world: &World, day: &mut Day) {
    for (gi, group) in world.groups.iter().enumerate() {
        if !group.kind.is_planted() {
            continue;
        }
        let mut rng = stream(
            world.seed,
            &[PLANTED_STREAM, gi as u64, u64::from(day.index)],
        );
        let ctx = Ctx {
            world,
            group,
            workday: is_workday(day.start, group.tz_min),
        };
        background(&ctx, day, &mut rng);
        match group.kind {
            Kind::ReshareRing => reshare::ring(&ctx, day, &mut rng),
            Kind::SlowRing => reshare::slow_ring(&ctx, day, &mut rng),
            Kind::TinyCell => reshare::tiny_cell(&ctx, day, &mut rng),
            Kind::LinkFarm => posting::link_farm(&ctx, day, &mut rng),
            Kind::Copypasta => posting::copypasta(&ctx, day, &mut rng),
            Kind::HashtagPush => posting::hashtag_push(&ctx, day, &mut rng),
            Kind::MixedWeak => mixed::mixed_weak(&ctx, day, &mut rng),
            Kind::FanClub | Kind::Syndicated | Kind::ViralBurst => {}
        }
    }
}

/// Ordinary-looking posts and reshares of ordinary posts, at office hours on workdays.
fn background<R: Rng>(ctx: &Ctx<'_>, day: &mut Day, rng: &mut R) {
    let factor = if ctx.workday { 1.0 } else { 0.08 };
    for &m in &ctx.group.members {
        let a = &ctx.world.accounts[m as usize];
        let rate = f64::from(a.rate) * factor;
        for _ in 0..poisson(rng, rate * 0.6) {
            let ts = ctx.office_time(day, rng);
            let mut c = ordinary_content(ctx.world, day, rng, a, ts);
            if c.link.is_none() && rng.random_bool(0.4) {
                c.link = Some(ctx.world.domains.organic_link(rng, a.lang, day.index));
            }
            day.post(ts, m, c, false);
        }
        for _ in 0..poisson(rng, rate * 0.4) {
            let ts = ctx.office_time(day, rng);
            if let Some(t) = day.organic_before(rng, ts) {
                day.reshare(ts, m, &t);
            }
        }
    }
}
