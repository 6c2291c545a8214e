//! One day of posts: collected in memory, sorted by time, given snowflake ids and written.
//! Reactions that fall on later days are carried over with resolved ids, so memory holds one
//! day plus the reactions still to come.

use rand::Rng;

use crate::accounts::SNOWFLAKE_EPOCH_MS;
use crate::content::{Content, Text};
use crate::rhythm::DAY;
use crate::writer::PostWriter;
use crate::Error;

/// A post referred to by a reshare or a reply.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PostRef {
    /// A post of the current day, by its position in the day's buffer.
    Local(u32),
    /// A post already written, by its id.
    Id(u64),
}

/// What kind of post an event is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum EventKind {
    Original,
    /// A reshare of the post `of` by `author`; the event's content is the original's.
    Reshare {
        of: PostRef,
        author: u32,
    },
    /// A reply to the post `to` by `author`; the event's content is the reply's own.
    Reply {
        to: PostRef,
        author: u32,
    },
}

/// A post before it has an id.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Event {
    pub(crate) ts: i64,
    pub(crate) account: u32,
    pub(crate) kind: EventKind,
    pub(crate) content: Content,
}

/// An original post that others react to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    pub(crate) post: PostRef,
    pub(crate) author: u32,
    pub(crate) ts: i64,
    pub(crate) content: Content,
}

/// The posts of one day.
pub(crate) struct Day {
    pub(crate) index: u32,
    pub(crate) start: i64,
    pub(crate) end: i64,
    data_end: i64,
    /// Trending organic hashtags of the day, per language.
    pub(crate) trending: [[u32; 3]; 6],
    events: Vec<Event>,
    deferred: Vec<Event>,
    originals: Vec<u32>,
    organic_originals: Vec<u32>,
}

impl Day {
    /// Day `index` of the window starting at `window_start`, seeded with the reactions carried
    /// over from earlier days.
    pub(crate) fn new(
        index: u32,
        window_start: i64,
        days: u32,
        trending: [[u32; 3]; 6],
        carried: Vec<Event>,
    ) -> Self {
        let start = window_start + i64::from(index) * DAY;
        Day {
            index,
            start,
            end: start + DAY,
            data_end: window_start + i64::from(days) * DAY,
            trending,
            events: carried,
            deferred: Vec::new(),
            originals: Vec::new(),
            organic_originals: Vec::new(),
        }
    }

    /// Adds an original post (its time is kept inside the day) and returns its local index.
    /// `organic` marks ordinary users' posts, which operations pick from to blend in.
    pub(crate) fn post(&mut self, ts: i64, account: u32, content: Content, organic: bool) -> u32 {
        let local = self.events.len() as u32;
        self.events.push(Event {
            ts: ts.clamp(self.start, self.end - 1),
            account,
            kind: EventKind::Original,
            content,
        });
        self.originals.push(local);
        if organic && !matches!(content.text, Text::Greeting(_)) {
            self.organic_originals.push(local);
        }
        local
    }

    /// Adds an original post like [`Day::post`] and returns it as a reaction target.
    pub(crate) fn post_target(
        &mut self,
        ts: i64,
        account: u32,
        content: Content,
        organic: bool,
    ) -> Target {
        let local = self.post(ts, account, content, organic);
        self.target(local)
    }

    /// The original at local index `local`.
    pub(crate) fn target(&self, local: u32) -> Target {
        let e = &self.events[local as usize];
        Target {
            post: PostRef::Local(local),
            author: e.account,
            ts: e.ts,
            content: e.content,
        }
    }

    /// Local indices of the day's originals, in creation order.
    pub(crate) fn originals(&self) -> &[u32] {
        &self.originals
    }

    /// A random organic original of the day posted before `before`, if one is found quickly.
    pub(crate) fn organic_before<R: Rng>(&self, rng: &mut R, before: i64) -> Option<Target> {
        if self.organic_originals.is_empty() {
            return None;
        }
        (0..20).find_map(|_| {
            let local = self.organic_originals[rng.random_range(0..self.organic_originals.len())];
            let t = self.target(local);
            (t.ts < before).then_some(t)
        })
    }

    /// `account` reshares `target` at `ts` (at least a second after the original); self-reshares
    /// are skipped.
    pub(crate) fn reshare(&mut self, ts: i64, account: u32, target: &Target) {
        if account == target.author {
            return;
        }
        self.push(Event {
            ts: ts.max(target.ts + 1),
            account,
            kind: EventKind::Reshare {
                of: target.post,
                author: target.author,
            },
            content: target.content,
        });
    }

    /// `account` replies `content` to `target` at `ts`.
    pub(crate) fn reply(&mut self, ts: i64, account: u32, target: &Target, content: Content) {
        if account == target.author {
            return;
        }
        self.push(Event {
            ts: ts.max(target.ts + 1),
            account,
            kind: EventKind::Reply {
                to: target.post,
                author: target.author,
            },
            content,
        });
    }

    fn push(&mut self, event: Event) {
        if event.ts < self.end {
            self.events.push(event);
        } else if event.ts < self.data_end {
            self.deferred.push(event);
        }
    }

    /// Sorts the day by time, gives every post a snowflake id derived from its timestamp, writes
    /// the posts and moves the reactions due later into `pending` (one list per day).
    pub(crate) fn finish(
        self,
        writer: &mut PostWriter<'_>,
        window_start: i64,
        pending: &mut [Vec<Event>],
    ) -> Result<(), Error> {
        let mut order: Vec<u32> = (0..self.events.len() as u32).collect();
        order.sort_unstable_by_key(|&i| (self.events[i as usize].ts, i));
        let mut ids = vec![0u64; self.events.len()];
        let mut last_ts = i64::MIN;
        let mut seq = 0u64;
        for &i in &order {
            let ts = self.events[i as usize].ts;
            seq = if ts == last_ts { seq + 1 } else { 0 };
            last_ts = ts;
            ids[i as usize] = snowflake(ts, seq);
        }
        let resolve = |r: PostRef| match r {
            PostRef::Local(l) => ids[l as usize],
            PostRef::Id(id) => id,
        };
        for &i in &order {
            let e = &self.events[i as usize];
            let reference = match e.kind {
                EventKind::Original => None,
                EventKind::Reshare { of, .. } => Some(resolve(of)),
                EventKind::Reply { to, .. } => Some(resolve(to)),
            };
            writer.write(ids[i as usize], e, reference)?;
        }
        for mut e in self.deferred {
            e.kind = match e.kind {
                EventKind::Reshare { of, author } => EventKind::Reshare {
                    of: PostRef::Id(resolve(of)),
                    author,
                },
                EventKind::Reply { to, author } => EventKind::Reply {
                    to: PostRef::Id(resolve(to)),
                    author,
                },
                EventKind::Original => EventKind::Original,
            };
            let day = ((e.ts - window_start) / DAY) as usize;
            if let Some(bucket) = pending.get_mut(day) {
                bucket.push(e);
            }
        }
        Ok(())
    }
}

/// A Twitter-style id: milliseconds since the snowflake epoch, then a 22-bit sequence number.
fn snowflake(ts: i64, seq: u64) -> u64 {
    let ms = (ts * 1000 - SNOWFLAKE_EPOCH_MS).max(0) as u64;
    (ms << 22) | (seq & 0x3F_FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snowflakes_decode_to_the_timestamp_and_increase() {
        let ts = 1_725_235_200 + 3_723;
        let id = snowflake(ts, 5);
        assert_eq!(((id >> 22) as i64 + SNOWFLAKE_EPOCH_MS) / 1000, ts);
        assert!(snowflake(ts, 6) > id);
        assert!(snowflake(ts + 1, 0) > snowflake(ts, 1_000));
    }
}
