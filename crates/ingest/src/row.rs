//! Turning a row's raw fields into a [`Record`] or a counted rejection.

use crate::accounting::{FileAccounting, RejectReason};
use crate::field::Field;
use crate::record::{Items, Record};
use crate::timestamp::{parse_timestamp, TimestampError};
use std::borrow::Cow;

/// Raw access to one row's fields, whatever the format.
pub(crate) trait RowFields<'a> {
    /// A scalar field, `None` when absent or empty.
    fn scalar(&self, field: Field) -> Option<Cow<'a, str>>;
    /// A list field.
    fn items(&self, field: Field) -> Items<'a>;
}

/// Builds the record of one row, or counts why it cannot be used.
pub(crate) fn build<'a>(
    fields: &impl RowFields<'a>,
    source: &'a str,
    line: u64,
    accounting: &mut FileAccounting,
) -> Option<Record<'a>> {
    accounting.rows_read += 1;
    let Some(account_id) = fields.scalar(Field::AccountId) else {
        accounting.reject(RejectReason::MissingAccount, line);
        return None;
    };
    let raw_time = fields.scalar(Field::Timestamp).unwrap_or_default();
    let time = match parse_timestamp(&raw_time) {
        Ok((time, form)) => {
            *accounting.timestamp_forms.entry(form).or_insert(0) += 1;
            time
        }
        Err(e) => {
            let reason = match e {
                TimestampError::Missing => RejectReason::MissingTimestamp,
                TimestampError::Unparseable => RejectReason::UnparseableTimestamp,
                TimestampError::OutOfRange => RejectReason::TimestampOutOfRange,
            };
            accounting.reject(reason, line);
            return None;
        }
    };
    accounting.rows_used += 1;
    Some(Record {
        source,
        line,
        account_id,
        post_id: fields.scalar(Field::PostId),
        time,
        text: fields.scalar(Field::Text),
        urls: fields.items(Field::Urls),
        hashtags: fields.items(Field::Hashtags),
        mentions: fields.items(Field::Mentions),
        media: fields.items(Field::Media),
        reshare_of: fields.scalar(Field::ReshareOf),
        reply_to: fields.scalar(Field::ReplyTo),
        platform: fields.scalar(Field::Platform),
        object_id: fields.scalar(Field::ObjectId),
    })
}

/// `Some(trimmed)` unless the text is empty or blank.
pub(crate) fn non_blank(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}
