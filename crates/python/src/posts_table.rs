//! Posts read by lockstep's readers as one Arrow record batch with the canonical columns.

use arrow_array::builder::{ListBuilder, StringBuilder, TimestampMillisecondBuilder};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use lockstep_ingest::{read_posts, IngestOptions, Input, Items, Record};
use std::collections::HashMap;
use std::sync::Arc;

/// The canonical string columns, in output order, with how each is taken from a record.
type StringOf = for<'r, 'a> fn(&'r Record<'a>) -> Option<&'r str>;
type ListOf = for<'r, 'a> fn(&'r Record<'a>) -> &'r Items<'a>;

const STRINGS: [(&str, StringOf); 9] = [
    ("account_id", |r| Some(&r.account_id)),
    ("post_id", |r| r.post_id.as_deref()),
    ("text", |r| r.text.as_deref()),
    ("reshare_of", |r| r.reshare_of.as_deref()),
    ("reply_to", |r| r.reply_to.as_deref()),
    ("platform", |r| r.platform.as_deref()),
    ("community", |r| r.community.as_deref()),
    ("client", |r| r.client.as_deref()),
    ("object_id", |r| r.object_id.as_deref()),
];

/// The list columns, with how each is taken from a record.
const LISTS: [(&str, ListOf); 4] = [
    ("urls", |r| &r.urls),
    ("hashtags", |r| &r.hashtags),
    ("mentions", |r| &r.mentions),
    ("media", |r| &r.media),
];

/// Reads `inputs` into one batch: the canonical string columns, `timestamp` (milliseconds,
/// UTC) and the list fields as lists. The schema's metadata holds the input accounting as
/// JSON under `lockstep.accounting` (rows read, used and rejected by reason, per file).
pub(crate) fn read(inputs: &[Input], options: &IngestOptions) -> anyhow::Result<RecordBatch> {
    let mut strings: Vec<StringBuilder> = STRINGS.iter().map(|_| StringBuilder::new()).collect();
    let mut lists: Vec<ListBuilder<StringBuilder>> = LISTS
        .iter()
        .map(|_| ListBuilder::new(StringBuilder::new()))
        .collect();
    let mut times = TimestampMillisecondBuilder::new().with_timezone("UTC");
    let accounting = read_posts(inputs, options, &mut |r| {
        for ((_, get), builder) in STRINGS.iter().zip(strings.iter_mut()) {
            builder.append_option(get(r));
        }
        times.append_value(r.time);
        for ((_, get), builder) in LISTS.iter().zip(lists.iter_mut()) {
            for item in get(r).iter() {
                builder.values().append_value(item);
            }
            builder.append(true);
        }
    })?;
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for ((name, _), mut builder) in STRINGS.iter().zip(strings) {
        fields.push(Field::new(*name, DataType::Utf8, *name != "account_id"));
        columns.push(Arc::new(builder.finish()));
        if *name == "post_id" {
            fields.push(Field::new(
                "timestamp",
                DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
                false,
            ));
            columns.push(Arc::new(times.finish()));
        }
    }
    for ((name, _), mut builder) in LISTS.iter().zip(lists) {
        let array = builder.finish();
        fields.push(Field::new(*name, array.data_type().clone(), false));
        columns.push(Arc::new(array));
    }
    let metadata = HashMap::from([(
        "lockstep.accounting".to_string(),
        serde_json::to_string(&accounting)?,
    )]);
    let schema = Schema::new(fields).with_metadata(metadata);
    Ok(RecordBatch::try_new(Arc::new(schema), columns)?)
}
