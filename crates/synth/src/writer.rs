//! CSV output: posts (streamed), accounts and ground truth.

use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Timelike};

use crate::accounts::{avatar_url, Account};
use crate::content::Renderer;
use crate::day::{Event, EventKind};
use crate::world::World;
use crate::Error;

/// Header of `posts.csv`.
pub(crate) const POSTS_HEADER: [&str; 10] = [
    "post_id",
    "account_id",
    "timestamp",
    "text",
    "urls",
    "hashtags",
    "mentions",
    "reshare_of",
    "reply_to",
    "lang",
];

/// Header of `accounts.csv`.
pub(crate) const ACCOUNTS_HEADER: [&str; 10] = [
    "account_id",
    "created_at",
    "handle",
    "display_name",
    "followers",
    "following",
    "posts_count",
    "description",
    "verified",
    "profile_image",
];

/// Header of `truth.csv`.
pub(crate) const TRUTH_HEADER: [&str; 3] = ["account_id", "label", "kind"];

/// Writes `ts` (UNIX seconds) as RFC 3339 UTC with seconds: `2024-09-02T14:03:07Z`.
pub(crate) fn push_timestamp(ts: i64, out: &mut String) {
    if let Some(d) = DateTime::from_timestamp(ts, 0) {
        let _ = write!(
            out,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            d.year(),
            d.month(),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        );
    }
}

fn open(path: &Path) -> Result<csv::Writer<File>, Error> {
    let file = File::create(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(csv::WriterBuilder::new()
        .buffer_capacity(1 << 17)
        .from_writer(file))
}

fn csv_error(path: &Path) -> impl Fn(csv::Error) -> Error + '_ {
    move |source| Error::Csv {
        path: path.to_path_buf(),
        source,
    }
}

/// Counts of written posts.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PostCounts {
    pub(crate) posts: u64,
    pub(crate) reshares: u64,
    pub(crate) replies: u64,
}

/// Streams posts to `posts.csv`, reusing its field buffers.
pub(crate) struct PostWriter<'a> {
    csv: csv::Writer<File>,
    path: PathBuf,
    renderer: Renderer<'a>,
    account_ids: Vec<String>,
    fields: [String; 8],
    counts: PostCounts,
}

impl<'a> PostWriter<'a> {
    pub(crate) fn create(path: &Path, world: &'a World) -> Result<Self, Error> {
        let mut csv = open(path)?;
        csv.write_record(POSTS_HEADER).map_err(csv_error(path))?;
        let dates = (0..world.days)
            .map(|d| {
                DateTime::from_timestamp(world.start + i64::from(d) * 86_400, 0)
                    .map(|t| t.format("%Y/%m/%d").to_string())
                    .unwrap_or_default()
            })
            .collect();
        Ok(PostWriter {
            csv,
            path: path.to_path_buf(),
            renderer: Renderer {
                vocab: &world.vocab,
                tags: &world.tags,
                domains: &world.domains,
                accounts: &world.accounts,
                dates,
            },
            account_ids: world.accounts.iter().map(|a| a.id.to_string()).collect(),
            fields: Default::default(),
            counts: PostCounts::default(),
        })
    }

    /// Writes one post with id `id`; `reference` is the id of the post it reshares or replies to.
    pub(crate) fn write(
        &mut self,
        id: u64,
        e: &Event,
        reference: Option<u64>,
    ) -> Result<(), Error> {
        for f in &mut self.fields {
            f.clear();
        }
        let [post_id, ts, text, urls, hashtags, mentions, reshare_of, reply_to] = &mut self.fields;
        let _ = write!(post_id, "{id}");
        push_timestamp(e.ts, ts);
        let r = &self.renderer;
        match e.kind {
            EventKind::Original => {
                r.urls(&e.content, urls);
                r.text(&e.content, urls, text);
                r.hashtags(&e.content, hashtags);
                if let Some(m) = e.content.mention {
                    mentions.push_str(r.handle(m));
                }
            }
            EventKind::Reshare { author, .. } => {
                // The column holds the reshare's own entities only: none. The original's text
                // is quoted after the retweet marker.
                r.urls(&e.content, urls);
                text.push_str("RT @");
                text.push_str(r.handle(author));
                text.push_str(": ");
                r.text(&e.content, urls, text);
                urls.clear();
                if let Some(id) = reference {
                    let _ = write!(reshare_of, "{id}");
                }
                self.counts.reshares += 1;
            }
            EventKind::Reply { author, .. } => {
                text.push('@');
                text.push_str(r.handle(author));
                text.push(' ');
                r.urls(&e.content, urls);
                r.text(&e.content, urls, text);
                r.hashtags(&e.content, hashtags);
                mentions.push_str(r.handle(author));
                if let Some(m) = e.content.mention {
                    mentions.push(' ');
                    mentions.push_str(r.handle(m));
                }
                if let Some(id) = reference {
                    let _ = write!(reply_to, "{id}");
                }
                self.counts.replies += 1;
            }
        }
        let account = self
            .account_ids
            .get(e.account as usize)
            .map_or("", String::as_str);
        self.csv
            .write_record([
                post_id.as_str(),
                account,
                ts.as_str(),
                text.as_str(),
                urls.as_str(),
                hashtags.as_str(),
                mentions.as_str(),
                reshare_of.as_str(),
                reply_to.as_str(),
                e.content.lang.code(),
            ])
            .map_err(csv_error(&self.path))?;
        self.counts.posts += 1;
        Ok(())
    }

    /// Flushes the file and returns the counts.
    pub(crate) fn finish(mut self) -> Result<PostCounts, Error> {
        self.csv.flush().map_err(|source| Error::Io {
            path: self.path.clone(),
            source,
        })?;
        Ok(self.counts)
    }
}

/// Account indices ordered by account id (the row order of `accounts.csv` and `truth.csv`).
pub(crate) fn by_id(accounts: &[Account]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..accounts.len()).collect();
    order.sort_unstable_by_key(|&i| accounts[i].id);
    order
}

/// Writes `accounts.csv`.
pub(crate) fn write_accounts(path: &Path, accounts: &[Account]) -> Result<(), Error> {
    let mut w = open(path)?;
    w.write_record(ACCOUNTS_HEADER).map_err(csv_error(path))?;
    let mut created = String::new();
    let mut image = String::new();
    for i in by_id(accounts) {
        let a = &accounts[i];
        created.clear();
        push_timestamp(a.created_at, &mut created);
        image.clear();
        avatar_url(a.avatar, &mut image);
        w.write_record([
            a.id.to_string().as_str(),
            &created,
            &a.handle,
            &a.display_name,
            &a.followers.to_string(),
            &a.following.to_string(),
            &a.posts_count.to_string(),
            &a.description,
            if a.verified { "true" } else { "false" },
            &image,
        ])
        .map_err(csv_error(path))?;
    }
    w.flush().map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes `truth.csv`: the group label and kind of each account, `organic` for the others.
pub(crate) fn write_truth(path: &Path, world: &World) -> Result<(), Error> {
    let mut w = open(path)?;
    w.write_record(TRUTH_HEADER).map_err(csv_error(path))?;
    for i in by_id(&world.accounts) {
        let a = &world.accounts[i];
        let (label, kind) = match a.group.and_then(|g| world.groups.get(usize::from(g))) {
            Some(g) => (g.label.as_str(), g.kind.truth_kind()),
            None => ("organic", "organic"),
        };
        w.write_record([a.id.to_string().as_str(), label, kind])
            .map_err(csv_error(path))?;
    }
    w.flush().map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc_with_seconds() {
        let mut s = String::new();
        push_timestamp(1_725_235_200 + 14 * 3600 + 3 * 60 + 7, &mut s);
        assert_eq!(s, "2024-09-02T14:03:07Z");
    }
}
