//! The Coordination Network Toolkit's CSV (QUT Digital Media Research Centre): headerless rows
//! of `message_id, user_id, username, repost_id, reply_id, message, timestamp, urls`, with the
//! timestamp in epoch seconds and the URLs space-separated, as the toolkit's preprocessing
//! writes them. A first row equal to those names is taken as a header. The layout names no
//! platform, so ids are not scoped.

use super::post::Post;
use crate::csv_rows::{for_each_record, Header};
use crate::error::IngestError;
use crate::row::non_blank;
use crate::rows::Rows;
use crate::sniff::CNT_COLUMNS;
use crate::timestamp::parse_timestamp;
use std::io::BufRead;

/// Reads a toolkit CSV.
pub(super) fn read(reader: Box<dyn BufRead>, rows: &mut Rows) -> Result<(), IngestError> {
    let header = Header::Fixed(&CNT_COLUMNS);
    for_each_record(
        reader,
        b',',
        header,
        rows,
        |_| Ok(()),
        |rows, (), rec| {
            let field = |i: usize| non_blank(rec.fields[i]).map(str::to_string);
            let mut post = Post::unscoped();
            post.post_id = field(0);
            post.account_id = field(1);
            post.reshare_of = field(3);
            post.reply_to = field(4);
            post.time = parse_timestamp(rec.fields[6]);
            if post.reshare_of.is_none() {
                post.text = field(5);
                post.urls = rec.fields[7]
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
            }
            rows.offer(&&post, rec.line, || rec.raw());
        },
    )
}
