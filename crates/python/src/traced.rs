//! The trace stage on a cluster's executors. Each partition of the posts (a run of
//! consecutive rows of one input) prepares its posts' traces in Rust ([`trace_partition`]):
//! canonical links and domains, folded tags and mentions, normalised texts. The partitions come
//! back to the driver in input order, which reads the rows again for the accounting and the
//! dense ids and commits what the executors prepared ([`ExecutorTraces`]) instead of preparing
//! it again.
//!
//! A traced partition is the partition's own columns followed by the prepared columns, whose
//! names begin with [`PREFIX`]. Unless the run writes a rejects file (which shows rejected
//! rows whole), the text and list columns the traces were prepared from go back empty: the
//! driver needs them only to prepare.

use crate::errors::to_py_err;
use crate::streams;
use arrow_array::builder::{
    BooleanBuilder, GenericListBuilder, GenericStringBuilder, Int64Builder,
};
use arrow_array::cast::AsArray;
use arrow_array::{
    new_null_array, Array, ArrayRef, BooleanArray, GenericListArray, GenericStringArray,
    Int64Array, OffsetSizeTrait, RecordBatch, RecordBatchIterator,
};
use arrow_schema::{ArrowError, DataType, Schema, SchemaRef};
use lockstep::cluster::{trace_part, PreparedElsewhere};
use lockstep::DetectConfig;
use lockstep_ingest::{ArrowTable, Field};
use lockstep_traces::PreparedPost;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::collections::HashMap;
use std::sync::Arc;

/// The first characters of the prepared columns' names.
pub(crate) const PREFIX: &str = "__lockstep_";

/// Whether the row made a post (false for a row the driver will reject).
const TRACED: &str = "__lockstep_traced";
/// The prepared lists, in the order of [`lists_of`].
const LISTS: [&str; 5] = [
    "__lockstep_links",
    "__lockstep_domains",
    "__lockstep_hashtags",
    "__lockstep_mentions",
    "__lockstep_media",
];
/// The normalised text.
const TEXT: &str = "__lockstep_text";
/// URL items that are not links.
const URLS_NOT_LINKS: &str = "__lockstep_urls_not_links";
/// Whether the text was too short to link accounts.
const TEXT_TOO_SHORT: &str = "__lockstep_text_too_short";

/// The fields whose columns the traces are prepared from.
const PREPARED_FROM: [Field; 5] = [
    Field::Text,
    Field::Urls,
    Field::Hashtags,
    Field::Mentions,
    Field::Media,
];

fn lists_of(post: &PreparedPost) -> [&Vec<String>; 5] {
    [
        &post.links,
        &post.domains,
        &post.hashtags,
        &post.mentions,
        &post.media,
    ]
}

/// Traces one partition of the posts of `lockstep detect ARGS...` (`posts`, rows with the
/// input's columns, in input order). Returns a stream of one batch per batch of `posts`: its
/// columns, then the prepared ones (`__lockstep_traced`, the lists `__lockstep_links`,
/// `_domains`, `_hashtags`, `_mentions` and `_media`, `__lockstep_text`,
/// `__lockstep_urls_not_links` and `__lockstep_text_too_short`), texts as 64-bit offset
/// strings when `large`. The text and list columns go back empty unless the run writes a
/// rejects file.
#[pyfunction]
pub(crate) fn trace_partition<'py>(
    py: Python<'py>,
    args: Vec<String>,
    large: bool,
    posts: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let config = lockstep::cli::detect_request(&args)
        .map_err(to_py_err)?
        .config;
    let batches = streams::import(&posts)?;
    let part = ArrowTable {
        name: "partition".to_string(),
        batches: Arc::new(batches),
    };
    let prepared = py
        .detach(|| trace_part(&config, &part))
        .map_err(to_py_err)?;
    let Some(first) = part.batches.first() else {
        return Err(PyValueError::new_err("trace_partition: no rows"));
    };
    let emptied = emptied_columns(&config, &first.schema());
    let schema = traced_schema(&first.schema(), large);
    let mut out = Vec::with_capacity(part.batches.len());
    let mut start = 0;
    for batch in part.batches.iter() {
        let rows = &prepared[start..start + batch.num_rows()];
        start += batch.num_rows();
        let traced = if large {
            traced_batch::<i64>(batch, rows, &emptied, &schema)
        } else {
            traced_batch::<i32>(batch, rows, &emptied, &schema)
        };
        out.push(traced.map_err(|e| PyValueError::new_err(e.to_string()))?);
    }
    streams::export_reader(
        py,
        Box::new(RecordBatchIterator::new(out.into_iter().map(Ok), schema)),
    )
}

/// The columns of `schema` that go back empty: those the traces are prepared from, unless the
/// run writes rejected rows whole.
fn emptied_columns(config: &DetectConfig, schema: &Schema) -> Vec<usize> {
    if config.ingest.rejects.is_some() {
        return Vec::new();
    }
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    match config.ingest.columns.resolve(&names) {
        Ok(resolved) => PREPARED_FROM
            .iter()
            .filter_map(|&f| resolved.column(f))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The schema of a traced partition whose posts have `schema`: every column nullable (an
/// emptied column is all nulls), then the prepared ones.
fn traced_schema(schema: &Schema, large: bool) -> SchemaRef {
    let text = if large {
        DataType::LargeUtf8
    } else {
        DataType::Utf8
    };
    let list = DataType::List(Arc::new(arrow_schema::Field::new(
        "item",
        text.clone(),
        true,
    )));
    let mut fields: Vec<arrow_schema::Field> = schema
        .fields()
        .iter()
        .map(|f| f.as_ref().clone().with_nullable(true))
        .collect();
    fields.push(arrow_schema::Field::new(TRACED, DataType::Boolean, false));
    for name in LISTS {
        fields.push(arrow_schema::Field::new(name, list.clone(), true));
    }
    fields.push(arrow_schema::Field::new(TEXT, text, true));
    fields.push(arrow_schema::Field::new(
        URLS_NOT_LINKS,
        DataType::Int64,
        false,
    ));
    fields.push(arrow_schema::Field::new(
        TEXT_TOO_SHORT,
        DataType::Boolean,
        false,
    ));
    Arc::new(Schema::new(fields))
}

/// One batch of posts with what its rows prepared (`rows`, in order), its `emptied` columns
/// all nulls.
fn traced_batch<O: OffsetSizeTrait>(
    batch: &RecordBatch,
    rows: &[Option<PreparedPost>],
    emptied: &[usize],
    schema: &SchemaRef,
) -> Result<RecordBatch, ArrowError> {
    let mut columns: Vec<ArrayRef> = batch
        .columns()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if emptied.contains(&i) {
                new_null_array(c.data_type(), c.len())
            } else {
                c.clone()
            }
        })
        .collect();
    let mut traced = BooleanBuilder::new();
    let mut lists: Vec<GenericListBuilder<i32, GenericStringBuilder<O>>> = (0..LISTS.len())
        .map(|_| GenericListBuilder::new(GenericStringBuilder::new()))
        .collect();
    let mut text = GenericStringBuilder::<O>::new();
    let mut urls_not_links = Int64Builder::new();
    let mut too_short = BooleanBuilder::new();
    for row in rows {
        traced.append_value(row.is_some());
        match row {
            Some(post) => {
                for (builder, items) in lists.iter_mut().zip(lists_of(post)) {
                    for item in items {
                        builder.values().append_value(item);
                    }
                    builder.append(true);
                }
                text.append_option(post.text.as_deref());
                urls_not_links.append_value(i64::try_from(post.urls_not_links).unwrap_or(0));
                too_short.append_value(post.text_too_short);
            }
            None => {
                for builder in &mut lists {
                    builder.append(false);
                }
                text.append_null();
                urls_not_links.append_value(0);
                too_short.append_value(false);
            }
        }
    }
    columns.push(Arc::new(traced.finish()));
    for mut builder in lists {
        columns.push(Arc::new(builder.finish()));
    }
    columns.push(Arc::new(text.finish()));
    columns.push(Arc::new(urls_not_links.finish()));
    columns.push(Arc::new(too_short.finish()));
    RecordBatch::try_new(schema.clone(), columns)
}

/// The prepared columns of one traced batch, typed once.
struct PreparedBatch {
    /// The input row the batch starts at (from 0).
    start: usize,
    traced: BooleanArray,
    lists: [GenericListArray<i32>; 5],
    text: ArrayRef,
    urls_not_links: Int64Array,
    text_too_short: BooleanArray,
}

impl PreparedBatch {
    /// The prepared columns of `batch` (as [`trace_partition`] gives them), which starts at
    /// input row `start`; an error when any is missing or of another type.
    fn of(batch: &RecordBatch, start: usize) -> PyResult<Self> {
        let missing = || {
            PyValueError::new_err(
                "traced batch: the prepared columns are incomplete or of the wrong types",
            )
        };
        let column = |name: &str| batch.column_by_name(name).ok_or_else(missing);
        let boolean = |name: &str| -> PyResult<BooleanArray> {
            Ok(column(name)?.as_boolean_opt().ok_or_else(missing)?.clone())
        };
        let is_text = |t: &DataType| matches!(t, DataType::Utf8 | DataType::LargeUtf8);
        let list = |name: &str| -> PyResult<GenericListArray<i32>> {
            let list = column(name)?
                .as_list_opt::<i32>()
                .ok_or_else(missing)?
                .clone();
            if is_text(list.values().data_type()) {
                Ok(list)
            } else {
                Err(missing())
            }
        };
        let text = column(TEXT)?.clone();
        if !is_text(text.data_type()) {
            return Err(missing());
        }
        Ok(Self {
            start,
            traced: boolean(TRACED)?,
            lists: [
                list(LISTS[0])?,
                list(LISTS[1])?,
                list(LISTS[2])?,
                list(LISTS[3])?,
                list(LISTS[4])?,
            ],
            text,
            urls_not_links: column(URLS_NOT_LINKS)?
                .as_primitive_opt()
                .ok_or_else(missing)?
                .clone(),
            text_too_short: boolean(TEXT_TOO_SHORT)?,
        })
    }

    /// What row `i` of the batch prepared, if it made a post.
    fn post(&self, i: usize) -> Option<PreparedPost> {
        if i >= self.traced.len() || !self.traced.value(i) {
            return None;
        }
        let [links, domains, hashtags, mentions, media] = &self.lists;
        Some(PreparedPost {
            links: items_at(links, i),
            domains: items_at(domains, i),
            hashtags: items_at(hashtags, i),
            mentions: items_at(mentions, i),
            media: items_at(media, i),
            text: text_at(&self.text, i),
            urls_not_links: u64::try_from(self.urls_not_links.value(i)).unwrap_or(0),
            text_too_short: self.text_too_short.value(i),
        })
    }
}

/// The string of a text column at `row`.
fn text_at(column: &ArrayRef, row: usize) -> Option<String> {
    if column.is_null(row) {
        return None;
    }
    match column.data_type() {
        DataType::LargeUtf8 => Some(column.as_string::<i64>().value(row).to_string()),
        _ => Some(column.as_string::<i32>().value(row).to_string()),
    }
}

/// The items of a list of texts at `row`.
fn items_at(list: &GenericListArray<i32>, row: usize) -> Vec<String> {
    if list.is_null(row) {
        return Vec::new();
    }
    let values = list.value(row);
    match values.data_type() {
        DataType::LargeUtf8 => strings(values.as_string::<i64>()),
        _ => strings(values.as_string::<i32>()),
    }
}

fn strings<O: OffsetSizeTrait>(values: &GenericStringArray<O>) -> Vec<String> {
    values.iter().flatten().map(str::to_string).collect()
}

/// The posts the executors prepared, by input: each input's traced batches in row order.
#[derive(Default)]
pub(crate) struct ExecutorTraces {
    inputs: HashMap<String, Vec<PreparedBatch>>,
}

impl ExecutorTraces {
    /// Splits the traced partitions of the input `name` (`batches`, as [`trace_partition`]
    /// returns them, in input order) into the input's own columns, returned, and the prepared
    /// ones, kept. Batches without prepared columns are returned as they are.
    pub(crate) fn split(
        &mut self,
        name: &str,
        batches: Vec<RecordBatch>,
    ) -> PyResult<Vec<RecordBatch>> {
        let mut own = Vec::with_capacity(batches.len());
        let mut prepared = Vec::new();
        let mut start = 0;
        for batch in batches {
            let schema = batch.schema();
            let ours: Vec<usize> = (0..schema.fields().len())
                .filter(|&i| !schema.field(i).name().starts_with(PREFIX))
                .collect();
            if ours.len() < schema.fields().len() {
                prepared.push(PreparedBatch::of(&batch, start)?);
            }
            start += batch.num_rows();
            own.push(
                batch
                    .project(&ours)
                    .map_err(|e| PyValueError::new_err(format!("traced batch: {e}")))?,
            );
        }
        if !prepared.is_empty() {
            if self.inputs.contains_key(name) {
                return Err(PyValueError::new_err(format!(
                    "two traced inputs are named {name}"
                )));
            }
            self.inputs.insert(name.to_string(), prepared);
        }
        Ok(own)
    }

    /// Whether no input came traced.
    pub(crate) fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }
}

impl PreparedElsewhere for ExecutorTraces {
    fn prepared(&self, source: &str, line: u64) -> Option<PreparedPost> {
        let batches = self.inputs.get(source)?;
        let row = usize::try_from(line.checked_sub(1)?).ok()?;
        let at = batches.partition_point(|b| b.start <= row).checked_sub(1)?;
        let batch = &batches[at];
        batch.post(row - batch.start)
    }
}
