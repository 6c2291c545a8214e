//! Turning a row's raw fields into a [`Record`] or the reason it cannot be used.

use crate::accounting::RejectReason;
use crate::accounts::AccountProfile;
use crate::field::Field;
use crate::record::{Items, Record};
use crate::timestamp::{parse_timestamp, TimestampError, TimestampForm};
use lockstep_model::{scoped, TimeMs};
use std::borrow::Cow;

/// Raw access to one row's fields, whatever the format.
pub(crate) trait RowFields<'a> {
    /// A scalar field, `None` when absent or empty.
    fn scalar(&self, field: Field) -> Option<Cow<'a, str>>;
    /// A list field.
    fn items(&self, field: Field) -> Items<'a>;
    /// The row's time; by default the timestamp field parsed in any accepted form.
    fn time(&self) -> Result<(TimeMs, TimestampForm), TimestampError> {
        parse_timestamp(&self.scalar(Field::Timestamp).unwrap_or_default())
    }
    /// The account's profile, for exports that carry one on every row.
    fn profile(&self) -> Option<&'a AccountProfile> {
        None
    }
    /// Whether the input has a column (or key) for `field`; by default it has every one.
    fn has_column(&self, _field: Field) -> bool {
        true
    }
}

/// The list fields an input without a column for them takes from the posts' text.
pub(crate) const FOUND_IN_TEXT: [Field; 3] = [Field::Urls, Field::Hashtags, Field::Mentions];

/// The items of the list `field` of a row: its column's, or, where the input has no column
/// for it (a dump of texts alone), those written in the text of a post that reshares nothing
/// (a reshare's text is its author's, as are the links and tags in it).
fn list_field<'a>(
    fields: &impl RowFields<'a>,
    field: Field,
    text: Option<&Cow<'a, str>>,
    reshares: bool,
) -> Items<'a> {
    if fields.has_column(field) || !FOUND_IN_TEXT.contains(&field) {
        return fields.items(field);
    }
    match text {
        Some(Cow::Borrowed(text)) if !reshares => Items::InText(text, field),
        _ => Items::Empty,
    }
}

/// Builds the record of one row, or says why it cannot be used.
///
/// When the row names its platform, the account and post ids are scoped as `platform:id`, so
/// that ids from different platforms never collide (the posts and objects it acts on are scoped
/// the same way when traces are built).
pub(crate) fn build<'a>(
    fields: &impl RowFields<'a>,
    source: &'a str,
    line: u64,
) -> Result<(Record<'a>, TimestampForm), RejectReason> {
    let account_id = fields
        .scalar(Field::AccountId)
        .filter(|a| !is_deleted_account(a))
        .ok_or(RejectReason::MissingAccount)?;
    let (time, form) = fields.time().map_err(|e| match e {
        TimestampError::Missing => RejectReason::MissingTimestamp,
        TimestampError::Unparseable => RejectReason::UnparseableTimestamp,
        TimestampError::OutOfRange => RejectReason::TimestampOutOfRange,
    })?;
    let platform = fields.scalar(Field::Platform);
    let scope = |id: Cow<'a, str>| scoped(platform.as_deref(), id);
    let text = fields.scalar(Field::Text);
    let reshare_of = fields.scalar(Field::ReshareOf);
    let list = |field| list_field(fields, field, text.as_ref(), reshare_of.is_some());
    let record = Record {
        source,
        line,
        account_id: scope(account_id),
        post_id: fields.scalar(Field::PostId).map(scope),
        time,
        urls: list(Field::Urls),
        hashtags: list(Field::Hashtags),
        mentions: list(Field::Mentions),
        media: fields.items(Field::Media),
        text,
        reshare_of,
        reply_to: fields.scalar(Field::ReplyTo),
        object_id: fields.scalar(Field::ObjectId),
        community: fields.scalar(Field::Community),
        client: fields.scalar(Field::Client),
        profile: fields.profile(),
        platform,
    };
    Ok((record, form))
}

/// Whether `id` is the placeholder a platform shows for a deleted or removed author
/// (`[deleted]`, `[removed]`, as Reddit and its dumps write them): every such post would
/// otherwise belong to one pseudo-account acting everywhere.
pub(crate) fn is_deleted_account(id: &str) -> bool {
    matches!(id.trim(), "[deleted]" | "[removed]")
}

/// `Some(trimmed)` unless the text is empty or blank.
pub(crate) fn non_blank(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}
