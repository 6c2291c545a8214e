//! Reading one input by format: the generic readers, and the native readers of platform
//! exports, each of which turns the platform's own records into [`Post`]s that then go through
//! the same checks and accounting as canonical rows.

mod bluesky;
mod cnt;
mod crowdtangle;
mod ira_538;
mod json_doc;
mod json_path;
mod mastodon;
mod post;
mod reddit;
mod scan;
mod telegram;
mod twitter_io;
mod twitter_v1;
mod twitter_v2;

pub(crate) use scan::{hashtags_in, is_list_literal, list_literal, mentions_in, urls_in};

use crate::columnar::{self, Container};
use crate::error::IngestError;
use crate::field::ColumnMap;
use crate::format::Format;
use crate::json_lines::for_each_value;
use crate::rows::Rows;
use crate::tabular;
use post::{NotPost, Post};
use serde_json::Value;
use std::borrow::Cow;
use std::io::BufRead;

/// Reads one input of any format; `columns` maps the generic formats' columns.
pub(crate) fn read(
    format: Format,
    mut reader: Box<dyn BufRead>,
    columns: &ColumnMap,
    rows: &mut Rows,
) -> Result<(), IngestError> {
    match format {
        Format::Csv => {
            let delimiter = csv_delimiter(&mut reader);
            tabular::read(reader, delimiter, columns, rows)
        }
        Format::Tsv => tabular::read(reader, b'\t', columns, rows),
        Format::JsonLines => crate::json_lines::read(reader, columns, rows),
        Format::Parquet => columnar::read(Container::Parquet, reader, columns, rows),
        Format::ArrowIpc => columnar::read(Container::ArrowIpc, reader, columns, rows),
        Format::TwitterV2 => json_lines(reader, rows, twitter_v2::posts),
        Format::TwitterV1 => json_lines(reader, rows, twitter_v1::posts),
        Format::Bluesky => json_lines(reader, rows, bluesky::posts),
        Format::Reddit => json_lines(reader, rows, reddit::posts),
        Format::Mastodon => mastodon::read(reader, rows),
        Format::Telegram => telegram::read(reader, rows),
        Format::TwitterIo => twitter_io::read(reader, rows),
        Format::Ira538 => ira_538::read(reader, rows),
        Format::CrowdTangle => crowdtangle::read(reader, rows),
        Format::Cnt => cnt::read(reader, rows),
    }
}

/// The delimiter of a CSV file: a semicolon when its header line (as far as the reader's
/// buffer holds it) has semicolons and no comma, as spreadsheets set to a language that writes
/// decimal commas save CSV; a comma otherwise.
fn csv_delimiter(reader: &mut Box<dyn BufRead>) -> u8 {
    let Ok(head) = reader.fill_buf() else {
        return b',';
    };
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    if !line.contains(&b',') && line.contains(&b';') {
        b';'
    } else {
        b','
    }
}

/// The posts one JSON value of a line-based export holds (several for an API page).
type PostsOf = fn(&Value, &mut Vec<Post>) -> Result<(), NotPost>;

/// Reads a line-based export: every line's value becomes posts, or is skipped or rejected.
fn json_lines(
    reader: Box<dyn BufRead>,
    rows: &mut Rows,
    posts_of: PostsOf,
) -> Result<(), IngestError> {
    let mut posts = Vec::new();
    for_each_value(reader, rows, |rows, value, line, bytes| {
        offer_posts(rows, &value, line, posts_of, &mut posts, || {
            Cow::Borrowed(bytes)
        })
    })
}

/// Offers the posts of one value to `rows`; `raw` gives the bytes for the rejects file.
fn offer_posts<'b>(
    rows: &mut Rows,
    value: &Value,
    line: u64,
    posts_of: impl FnOnce(&Value, &mut Vec<Post>) -> Result<(), NotPost>,
    posts: &mut Vec<Post>,
    raw: impl Fn() -> Cow<'b, [u8]>,
) {
    posts.clear();
    match posts_of(value, posts) {
        Ok(()) => {
            for post in posts.iter() {
                rows.offer(&post, line, &raw);
            }
        }
        Err(NotPost::Skip(kind)) => rows.skip(kind),
        Err(NotPost::Reject(reason)) => rows.reject(reason, line, &raw()),
    }
}
