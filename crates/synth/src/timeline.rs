//! The day-by-day generation of posts, streamed to `posts.csv`.

use std::path::Path;

use crate::day::{Day, Event};
use crate::rng::stream;
use crate::vocab::LANGS;
use crate::world::{Kind, World};
use crate::writer::{PostCounts, PostWriter};
use crate::{hard, organic, planted, Error};

/// Stream tags of the daily parts.
const TRENDING_STREAM: u64 = 2;
const ORGANIC_STREAM: u64 = 3;
const HARD_STREAM: u64 = 5;
const CASCADE_STREAM: u64 = 6;

/// Generates every day of the window and writes the posts to `path`.
pub(crate) fn write_posts(world: &World, path: &Path) -> Result<PostCounts, Error> {
    let mut writer = PostWriter::create(path, world)?;
    let mut pending: Vec<Vec<Event>> = vec![Vec::new(); world.days as usize];
    for d in 0..world.days {
        let carried = std::mem::take(&mut pending[d as usize]);
        let mut day = Day::new(d, world.start, world.days, trending(world, d), carried);
        let tag = u64::from(d);

        organic::originals(
            world,
            &mut day,
            &mut stream(world.seed, &[ORGANIC_STREAM, tag]),
        );
        for (gi, g) in world.groups.iter().enumerate() {
            let mut rng = stream(world.seed, &[HARD_STREAM, gi as u64, tag]);
            match g.kind {
                Kind::FanClub => hard::fan_club(world, g, &mut day, &mut rng),
                Kind::Syndicated => hard::syndicated(world, g, &mut day, &mut rng),
                _ => {}
            }
        }
        hard::viral_bursts(
            world,
            &mut day,
            &mut stream(world.seed, &[HARD_STREAM, u64::MAX, tag]),
        );
        planted::act(world, &mut day);
        organic::cascades(
            world,
            &mut day,
            &mut stream(world.seed, &[CASCADE_STREAM, tag]),
        );

        day.finish(&mut writer, world.start, &mut pending)?;
    }
    writer.finish()
}

/// Three hashtags per language that trend on day `d`.
fn trending(world: &World, d: u32) -> [[u32; 3]; 6] {
    let mut rng = stream(world.seed, &[TRENDING_STREAM, u64::from(d)]);
    LANGS.map(|lang| std::array::from_fn(|_| world.tags.tail(&mut rng, lang)))
}
