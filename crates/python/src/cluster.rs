//! The cluster run (`lockstep::cluster`) for the Spark module: the driver's side as a class
//! and the executors' kernels as functions, all over Arrow record batches.
//!
//! Ids and times travel as 64-bit integers and signals as their index, so that Spark's
//! `LongType` and `ByteType` columns carry them unchanged. Each kernel returns one batch in the
//! schema the Spark module declares: a `kind` column says what a row is, and columns a kind does
//! not use are zero.

use crate::errors::to_py_err;
use crate::run::{interruptible, write_all, PyProgress};
use crate::streams;
use crate::traced::ExecutorTraces;
use arrow_array::builder::BooleanBuilder;
use arrow_array::builder::{
    BinaryBuilder, Float32Builder, Float64Builder, Int64Builder, Int8Builder, LargeStringBuilder,
};
use arrow_array::cast::AsArray;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float32Array, GenericStringArray, Int64Array, Int8Array,
    OffsetSizeTrait, RecordBatch, RecordBatchIterator,
};
use arrow_schema::ArrowError;
use lockstep::cluster::{
    episodes_part, from_bytes, merge_model_parts, pair_slice_part, sweep_part, to_bytes,
    weigh_part, ClusterRun, PreparedElsewhere, Selection, SweepPlan,
};
use lockstep::{BucketPairs, DetectConfig};
use lockstep_coaction::{CoAction, ObjectShares, SweepStats};
use lockstep_model::{Action, ObjectId, Signal, StrColumn};
use lockstep_neardup::{band_keys, bucket_pairs, BandKey, BucketPairSource, NearDupConfig};
use lockstep_report::ReportOptions;
use lockstep_stats::{CandidateTally, ChanceModel, IncidencePart};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A column of `batch` by name, as the array type `T`.
fn column<'a, T: Array + 'static>(batches: &'a RecordBatch, name: &str) -> PyResult<&'a T> {
    batches
        .column_by_name(name)
        .and_then(|c| c.as_any().downcast_ref::<T>())
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "cluster batch: column {name} is missing or of the wrong type"
            ))
        })
}

fn id(value: i64, what: &str) -> PyResult<u32> {
    u32::try_from(value)
        .map_err(|_| PyValueError::new_err(format!("cluster batch: bad {what} {value}")))
}

fn signal_of(index: i8) -> PyResult<Signal> {
    usize::try_from(index)
        .ok()
        .and_then(|i| Signal::ALL.get(i).copied())
        .ok_or_else(|| PyValueError::new_err(format!("cluster batch: bad signal {index}")))
}

fn signal_index(signal: Signal) -> i8 {
    signal.index() as i8
}

/// The co-action columns, in the order the Spark schemas declare them.
const COACTION_COLUMNS: [&str; 9] = [
    "signal", "a", "b", "object", "post_a", "post_b", "time_a", "time_b", "accounts",
];

/// The distinct accounts of the objects co-action rows fall on, as the rows carry them.
#[derive(Default)]
struct ObjectAccounts(HashMap<(Signal, ObjectId), u32>);

impl ObjectAccounts {
    /// The distinct accounts of `object` (0 if no row names it).
    fn of(&self, signal: Signal, object: ObjectId) -> u32 {
        self.0.get(&(signal, object)).copied().unwrap_or(0)
    }
}

/// Co-actions and their objects' distinct accounts, from batches with [`COACTION_COLUMNS`].
fn read_coactions(batches: &[RecordBatch]) -> PyResult<(Vec<CoAction>, ObjectAccounts)> {
    let mut out = Vec::new();
    let mut accounts = ObjectAccounts::default();
    for b in batches {
        let signal = column::<Int8Array>(b, "signal")?;
        let cols: Vec<&Int64Array> = COACTION_COLUMNS[1..]
            .iter()
            .map(|name| column::<Int64Array>(b, name))
            .collect::<PyResult<_>>()?;
        for i in 0..b.num_rows() {
            let c = CoAction {
                signal: signal_of(signal.value(i))?,
                a: id(cols[0].value(i), "account")?,
                b: id(cols[1].value(i), "account")?,
                object: id(cols[2].value(i), "object")?,
                post_a: id(cols[3].value(i), "post")?,
                post_b: id(cols[4].value(i), "post")?,
                time_a: cols[5].value(i),
                time_b: cols[6].value(i),
            };
            accounts
                .0
                .insert((c.signal, c.object), id(cols[7].value(i), "account count")?);
            out.push(c);
        }
    }
    Ok((out, accounts))
}

/// A row that is not a co-action: zero but for its signal.
fn blank(signal: Signal) -> CoAction {
    CoAction {
        a: 0,
        b: 0,
        signal,
        object: 0,
        post_a: 0,
        post_b: 0,
        time_a: 0,
        time_b: 0,
    }
}

/// Builds the one batch a kernel returns: `kind`, the co-action columns, then `extra`.
struct Rows {
    kind: Int8Builder,
    signal: Int8Builder,
    ints: Vec<Int64Builder>,
}

impl Rows {
    fn new() -> Self {
        Self {
            kind: Int8Builder::new(),
            signal: Int8Builder::new(),
            ints: (1..COACTION_COLUMNS.len())
                .map(|_| Int64Builder::new())
                .collect(),
        }
    }

    fn push(&mut self, kind: i8, c: &CoAction, accounts: u32) {
        self.kind.append_value(kind);
        self.signal.append_value(signal_index(c.signal));
        let values = [
            i64::from(c.a),
            i64::from(c.b),
            i64::from(c.object),
            i64::from(c.post_a),
            i64::from(c.post_b),
            c.time_a,
            c.time_b,
            i64::from(accounts),
        ];
        for (builder, v) in self.ints.iter_mut().zip(values) {
            builder.append_value(v);
        }
    }

    fn finish(self, extra: Vec<(&str, ArrayRef)>) -> PyResult<RecordBatch> {
        self.try_finish(extra)
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    fn try_finish(mut self, extra: Vec<(&str, ArrayRef)>) -> Result<RecordBatch, ArrowError> {
        let mut columns: Vec<(&str, ArrayRef)> = vec![
            ("kind", Arc::new(self.kind.finish())),
            ("signal", Arc::new(self.signal.finish())),
        ];
        for (name, mut builder) in COACTION_COLUMNS[1..].iter().zip(self.ints) {
            columns.push((name, Arc::new(builder.finish())));
        }
        columns.extend(extra);
        RecordBatch::try_from_iter(columns)
    }
}

/// The inputs `lockstep detect ARGS...` names, as given: what a cluster run reads with Spark.
#[pyfunction]
pub(crate) fn detect_inputs(args: Vec<String>) -> PyResult<Vec<String>> {
    let request = lockstep::cli::detect_request(&args).map_err(to_py_err)?;
    request
        .config
        .inputs
        .iter()
        .map(|input| match input {
            lockstep_ingest::Input::Path(p) => Ok(p.to_string_lossy().into_owned()),
            _ => Err(PyValueError::new_err(
                "a cluster run reads its inputs with Spark: name files or directories, not -",
            )),
        })
        .collect()
}

/// The actions of one slice of a cut object, as a slice partition receives them: the actions,
/// how many of them are context, and the object's distinct accounts.
#[derive(Default)]
struct SliceRows {
    carried: Vec<Action>,
    context: usize,
    accounts: u32,
}

/// The actions of a partition, from batches with `signal`, `object`, `slice`, `owned`,
/// `accounts`, `time`, `account` and `post` (as `ClusterDriver.actions` gives them): those of
/// objects sent whole (slice 0) by signal, and those of each slice of a cut object.
#[derive(Default)]
struct ShippedRows {
    whole: BTreeMap<Signal, Vec<Action>>,
    slices: BTreeMap<(Signal, ObjectId, u32), SliceRows>,
}

impl ShippedRows {
    fn read(actions: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut rows = ShippedRows::default();
        for b in &streams::import(actions)? {
            let signal = column::<Int8Array>(b, "signal")?;
            let object = column::<Int64Array>(b, "object")?;
            let slice = column::<Int64Array>(b, "slice")?;
            let owned = column::<BooleanArray>(b, "owned")?;
            let accounts = column::<Int64Array>(b, "accounts")?;
            let time = column::<Int64Array>(b, "time")?;
            let account = column::<Int64Array>(b, "account")?;
            let post = column::<Int64Array>(b, "post")?;
            for i in 0..b.num_rows() {
                let s = signal_of(signal.value(i))?;
                let action = Action {
                    object: id(object.value(i), "object")?,
                    time: time.value(i),
                    account: id(account.value(i), "account")?,
                    post: id(post.value(i), "post")?,
                };
                match id(slice.value(i), "slice")? {
                    0 => rows.whole.entry(s).or_default().push(action),
                    n => {
                        let slice = rows.slices.entry((s, action.object, n)).or_default();
                        slice.carried.push(action);
                        slice.context += usize::from(!owned.value(i));
                        slice.accounts = id(accounts.value(i), "account count")?;
                    }
                }
            }
        }
        Ok(rows)
    }

    /// The plan and actions of a kernel's partition, which must hold only objects sent whole
    /// (`whole`, for `sweep_partition`) or only slices (for `pair_slices_partition`).
    fn kernel_input(
        plan: &[u8],
        actions: &Bound<'_, PyAny>,
        whole: bool,
    ) -> PyResult<(SweepPlan, Self)> {
        let plan = from_bytes(plan).map_err(to_py_err)?;
        let rows = Self::read(actions)?;
        if whole && !rows.slices.is_empty() {
            return Err(PyValueError::new_err(
                "cluster batch: slices of cut objects go to pair_slices_partition",
            ));
        }
        if !whole && !rows.whole.is_empty() {
            return Err(PyValueError::new_err(
                "cluster batch: objects sent whole (slice 0) go to sweep_partition",
            ));
        }
        Ok((plan, rows))
    }
}

/// Sweeps one partition of the actions of objects sent whole (every action on each object it
/// holds; rows as `ClusterDriver.actions` gives them, all of slice 0). Returns one batch: a
/// row per co-action (kind 0), per object (kind 1, its shares in `window` and `tight`, its
/// accounts in `accounts`) and per signal (kind 2, the incidence part and sweep counts in
/// `part`).
#[pyfunction]
pub(crate) fn sweep_partition<'py>(
    py: Python<'py>,
    plan: &[u8],
    actions: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let (plan, shipped) = ShippedRows::kernel_input(plan, &actions, true)?;
    let mut rows = Rows::new();
    let mut extra = SweptExtra::default();
    for (signal, mut actions) in shipped.whole {
        let swept = sweep_part(&plan, signal, &mut actions).map_err(to_py_err)?;
        for c in &swept.coactions {
            rows.push(0, c, swept.accounts_of(c.object));
            extra.push(0.0, 0.0, &[]);
        }
        for &(object, shares) in &swept.objects {
            let c = CoAction {
                object,
                ..blank(signal)
            };
            rows.push(1, &c, shares.accounts);
            extra.push(shares.window, shares.tight, &[]);
        }
        rows.push(2, &blank(signal), 0);
        let part = to_bytes(&(&swept.incidence, &swept.stats)).map_err(to_py_err)?;
        extra.push(0.0, 0.0, &part);
    }
    let batch = rows.finish(extra.finish())?;
    streams::export(py, batch)
}

/// Pairs the slices of cut objects in one partition of the actions (every action of each
/// slice it holds; rows as `ClusterDriver.actions` gives them, none of slice 0). Returns a
/// stream of one batch per slice, each made when it is read, of the co-actions its owned
/// actions make before episodes are counted: `kind` (3) and the co-action columns, the
/// object's distinct accounts in `accounts`.
#[pyfunction]
pub(crate) fn pair_slices_partition<'py>(
    py: Python<'py>,
    plan: &[u8],
    actions: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let (plan, shipped) = ShippedRows::kernel_input(plan, &actions, false)?;
    let schema = Rows::new().finish(Vec::new())?.schema();
    let batches = shipped
        .slices
        .into_iter()
        .map(move |((signal, _, _), mut slice)| {
            let found = pair_slice_part(&plan, signal, &mut slice.carried, slice.context)
                .map_err(|e| ArrowError::ExternalError(e.into()))?;
            let mut rows = Rows::new();
            for c in &found {
                rows.push(3, c, slice.accounts);
            }
            rows.try_finish(Vec::new())
        });
    streams::export_reader(py, Box::new(RecordBatchIterator::new(batches, schema)))
}

/// The columns a sweep partition's rows have after the co-action columns: `window`, `tight`
/// and `part`.
#[derive(Default)]
struct SweptExtra {
    window: Float32Builder,
    tight: Float32Builder,
    part: BinaryBuilder,
}

impl SweptExtra {
    fn push(&mut self, window: f32, tight: f32, part: &[u8]) {
        self.window.append_value(window);
        self.tight.append_value(tight);
        self.part.append_value(part);
    }

    fn finish(mut self) -> Vec<(&'static str, ArrayRef)> {
        vec![
            ("window", Arc::new(self.window.finish())),
            ("tight", Arc::new(self.tight.finish())),
            ("part", Arc::new(self.part.finish())),
        ]
    }
}

/// Reduces one partition of the co-actions found in slices (every one of each object and
/// account pair it holds, with [`COACTION_COLUMNS`]) to one per episode. Returns one batch in
/// a sweep partition's schema: a row per co-action kept (kind 0) and per signal (kind 2, its
/// count of them in the sweep counts of `part`).
#[pyfunction]
pub(crate) fn episodes_partition<'py>(
    py: Python<'py>,
    plan: &[u8],
    coactions: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let plan: SweepPlan = from_bytes(plan).map_err(to_py_err)?;
    let (found, accounts) = read_coactions(&streams::import(&coactions)?)?;
    let episodes = episodes_part(&plan, found).map_err(to_py_err)?;
    let mut rows = Rows::new();
    let mut extra = SweptExtra::default();
    for c in &episodes.coactions {
        rows.push(0, c, accounts.of(c.signal, c.object));
        extra.push(0.0, 0.0, &[]);
    }
    for (signal, stats) in episodes.counts {
        rows.push(2, &blank(signal), 0);
        let part = to_bytes(&(&IncidencePart::default(), &stats)).map_err(to_py_err)?;
        extra.push(0.0, 0.0, &part);
    }
    streams::export(py, rows.finish(extra.finish())?)
}

/// Merges two encoded model parts of one signal (the `part` of rows of kind 2) into one: the
/// merge Spark runs to sum the partitions' parts before the driver builds the chance model.
#[pyfunction]
pub(crate) fn merge_parts<'py>(
    py: Python<'py>,
    a: &[u8],
    b: &[u8],
) -> PyResult<Bound<'py, PyBytes>> {
    let merged = merge_model_parts(a, b).map_err(to_py_err)?;
    Ok(PyBytes::new(py, &merged))
}

/// The MinHash band keys of one partition of the distinct texts (`text`, the text's index;
/// `value`, its normalised text), under the near-duplicate settings `similarity` and
/// `shingle_size` of the run. Returns one batch: `band`, `key` (the 64-bit key, its bits as a
/// signed integer) and `text`, a row per text and band (texts without shingles have none).
#[pyfunction]
pub(crate) fn band_keys_partition<'py>(
    py: Python<'py>,
    similarity: f64,
    shingle_size: usize,
    texts: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let config = NearDupConfig {
        similarity,
        shingle_size,
    };
    let (mut band, mut key, mut text) = (
        Int64Builder::new(),
        Int64Builder::new(),
        Int64Builder::new(),
    );
    for b in &streams::import(&texts)? {
        let ids = column::<Int64Array>(b, "text")?;
        let values = b.column_by_name("value");
        let column = match (
            values.and_then(|v| v.as_string_opt::<i32>()),
            values.and_then(|v| v.as_string_opt::<i64>()),
        ) {
            (Some(v), _) => text_column(v),
            (_, Some(v)) => text_column(v),
            _ => {
                return Err(PyValueError::new_err(
                    "cluster batch: column value is missing or not text",
                ))
            }
        };
        for k in band_keys(&column, &config) {
            band.append_value(i64::from(k.band));
            key.append_value(k.key as i64);
            text.append_value(ids.value(k.text as usize));
        }
    }
    export_int64(py, [("band", band), ("key", key), ("text", text)])
}

/// The pairs of texts to compare in the buckets of one partition of the band keys (`band`,
/// `key`, `text`, as [`band_keys_partition`] gives them; the partition must hold every key of
/// each bucket it holds, as a partition by band and key does). Returns one batch: `band`, `a`,
/// `b`, a row per pair: each text with its bucket's first text and with its predecessor.
#[pyfunction]
pub(crate) fn bucket_pairs_partition<'py>(
    py: Python<'py>,
    keys: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let mut all = Vec::new();
    for b in &streams::import(&keys)? {
        let band = column::<Int64Array>(b, "band")?;
        let key = column::<Int64Array>(b, "key")?;
        let text = column::<Int64Array>(b, "text")?;
        for i in 0..b.num_rows() {
            all.push(BandKey {
                band: id(band.value(i), "band")?,
                key: key.value(i) as u64,
                text: id(text.value(i), "text")?,
            });
        }
    }
    let (mut band, mut a, mut b) = (
        Int64Builder::new(),
        Int64Builder::new(),
        Int64Builder::new(),
    );
    for (x, y, z) in bucket_pairs(&mut all) {
        band.append_value(i64::from(x));
        a.append_value(i64::from(y));
        b.append_value(i64::from(z));
    }
    export_int64(py, [("band", band), ("a", a), ("b", b)])
}

/// One batch of the named 64-bit integer columns, as an Arrow stream capsule.
fn export_int64<'py, const N: usize>(
    py: Python<'py>,
    columns: [(&str, Int64Builder); N],
) -> PyResult<Bound<'py, PyCapsule>> {
    let batch = RecordBatch::try_from_iter(
        columns
            .into_iter()
            .map(|(name, mut values)| (name, Arc::new(values.finish()) as ArrayRef)),
    )
    .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    streams::export(py, batch)
}

/// The texts of a string column, a null as the empty text.
fn text_column<O: OffsetSizeTrait>(values: &GenericStringArray<O>) -> StrColumn {
    let mut column = StrColumn::default();
    for v in values {
        column.push(v.unwrap_or(""));
    }
    column
}

/// The bucket pairs of a cluster run's near-duplicate search, from the executors through a
/// Python object with `start(texts, similarity, shingle_size)`, which receives the distinct
/// texts (an Arrow stream of `text`, `value`) and sets their band keys and buckets computing,
/// and `band(b)`, which returns the pairs of band `b`'s buckets (a table with `a` and `b`).
/// Without distinct texts nothing goes out and every band is empty.
struct ExecutorBuckets {
    source: Py<PyAny>,
    /// The number of distinct texts, once started: every pair must name two of them.
    texts: usize,
}

impl BucketPairSource for ExecutorBuckets {
    type Error = anyhow::Error;

    fn start(&mut self, texts: &StrColumn, config: &NearDupConfig) -> anyhow::Result<()> {
        self.texts = texts.len();
        if texts.is_empty() {
            return Ok(());
        }
        let mut ids = Int64Builder::new();
        // 64-bit offsets: the distinct texts of a large run exceed 2 GiB.
        let mut values = LargeStringBuilder::new();
        for i in 0..texts.len() {
            ids.append_value(i as i64);
            values.append_value(texts.get(i));
        }
        let batch = RecordBatch::try_from_iter([
            ("text", Arc::new(ids.finish()) as ArrayRef),
            ("value", Arc::new(values.finish()) as ArrayRef),
        ])?;
        Python::attach(|py| -> PyResult<()> {
            let capsule = streams::export(py, batch)?;
            self.source.call_method1(
                py,
                "start",
                (capsule, config.similarity, config.shingle_size),
            )?;
            Ok(())
        })
        .map_err(|e| anyhow::anyhow!("computing the band keys: {e}"))
    }

    fn band(&mut self, band: usize) -> anyhow::Result<Vec<(u32, u32)>> {
        if self.texts == 0 {
            return Ok(Vec::new());
        }
        let texts = self.texts;
        Python::attach(|py| -> PyResult<Vec<(u32, u32)>> {
            let table = self.source.call_method1(py, "band", (band,))?;
            let mut out = Vec::new();
            for batch in &streams::import(table.bind(py))? {
                let a = column::<Int64Array>(batch, "a")?;
                let b = column::<Int64Array>(batch, "b")?;
                for i in 0..batch.num_rows() {
                    let pair = (id(a.value(i), "text")?, id(b.value(i), "text")?);
                    if pair.0.max(pair.1) as usize >= texts {
                        return Err(PyValueError::new_err(format!(
                            "cluster batch: text pair {pair:?} of {texts} distinct texts"
                        )));
                    }
                    out.push(pair);
                }
            }
            Ok(out)
        })
        .map_err(|e| anyhow::anyhow!("band {band} of the bucket pairs: {e}"))
    }
}

/// The plan and chance model an executor weighs against, decoded once per Python worker.
#[pyclass(frozen)]
pub(crate) struct Weigher {
    plan: SweepPlan,
    model: ChanceModel,
}

#[pymethods]
impl Weigher {
    #[new]
    fn new(plan: &[u8], model: &[u8]) -> PyResult<Self> {
        Ok(Self {
            plan: from_bytes(plan).map_err(to_py_err)?,
            model: from_bytes(model).map_err(to_py_err)?,
        })
    }

    /// Weighs one partition of the co-actions (every co-action of each account pair it
    /// holds). Returns one batch: a row per co-action of a candidate that could be selected
    /// (kind 0, its candidate's p-value as a natural log in `ln_p`) and one row with the
    /// partition's tally (kind 1, in `tally`).
    fn weigh<'py>(
        &self,
        py: Python<'py>,
        coactions: Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let batches = streams::import(&coactions)?;
        let (coactions, accounts) = read_coactions(&batches)?;
        let weighed = weigh_part(&self.plan, &self.model, coactions, |s, o| accounts.of(s, o));
        let mut rows = Rows::new();
        let mut ln_p = Float64Builder::new();
        let mut tally = BinaryBuilder::new();
        for (c, p) in &weighed.kept {
            rows.push(0, c, accounts.of(c.signal, c.object));
            ln_p.append_value(*p);
            tally.append_value([]);
        }
        rows.push(1, &blank(Signal::ALL[0]), 0);
        ln_p.append_value(0.0);
        tally.append_value(to_bytes(&weighed.tally).map_err(to_py_err)?);
        let batch = rows.finish(vec![
            ("ln_p", Arc::new(ln_p.finish())),
            ("tally", Arc::new(tally.finish())),
        ])?;
        streams::export(py, batch)
    }
}

/// The driver of a cluster run: reads and traces the posts, builds the chance model from the
/// executors' parts, selects, and writes the files of `lockstep detect`.
#[pyclass]
pub(crate) struct ClusterDriver {
    state: Mutex<Option<Driver>>,
}

struct Driver {
    run: ClusterRun,
    config: DetectConfig,
    out: PathBuf,
    reports: ReportOptions,
    progress: Option<Py<PyAny>>,
}

impl ClusterDriver {
    fn with<T>(&self, f: impl FnOnce(&mut Driver) -> PyResult<T>) -> PyResult<T> {
        let mut state = self
            .state
            .lock()
            .map_err(|_| PyRuntimeError::new_err("driver poisoned"))?;
        match state.as_mut() {
            Some(d) => f(d),
            None => Err(PyRuntimeError::new_err("the cluster run has finished")),
        }
    }
}

#[pymethods]
impl ClusterDriver {
    /// Reads the posts as `lockstep detect ARGS...` would, `tables` standing in for the inputs
    /// they name; the posts of tables traced on the executors (by `trace_partition`, in input
    /// order) are committed as they were prepared there. `parquet_twins` writes each result
    /// table as Parquet too.
    /// `buckets`, if given, finds the near-duplicate search's bucket pairs on the executors
    /// (see `ExecutorBuckets`); without it the driver finds them.
    #[new]
    #[pyo3(signature = (args, tables, progress=None, parquet_twins=false, buckets=None))]
    fn new(
        py: Python<'_>,
        args: Vec<String>,
        tables: Vec<(String, Bound<'_, PyAny>)>,
        progress: Option<Py<PyAny>>,
        parquet_twins: bool,
        buckets: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        let mut traces = ExecutorTraces::default();
        let request = crate::request_with_tables(&args, tables, Some(&mut traces))?;
        let mut config = request.config;
        if parquet_twins {
            config.tables = lockstep::TableFormat::CsvAndParquet;
        }
        let run_config = config.clone();
        let callback = progress.as_ref().map(|p| p.clone_ref(py));
        let run = interruptible(py, move || {
            let mut buckets = buckets.map(|source| ExecutorBuckets { source, texts: 0 });
            let pairs: BucketPairs = buckets
                .as_mut()
                .map(|b| b as &mut dyn BucketPairSource<Error = anyhow::Error>);
            let elsewhere = (!traces.is_empty()).then_some(&traces as &dyn PreparedElsewhere);
            ClusterRun::new(run_config, &PyProgress::new(callback), pairs, elsewhere)
        })?;
        Ok(Self {
            state: Mutex::new(Some(Driver {
                run,
                config,
                out: request.out,
                reports: request.reports,
                progress,
            })),
        })
    }

    /// The sweep plan, encoded for the executors.
    fn plan<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        self.with(|d| {
            Ok(PyBytes::new(
                py,
                &to_bytes(d.run.plan()).map_err(to_py_err)?,
            ))
        })
    }

    /// Cuts every object of more than `slice_actions` actions into slices that the executors
    /// pair apart; returns the number of slices. Must come before `actions`.
    fn cut(&self, py: Python<'_>, slice_actions: usize) -> PyResult<usize> {
        self.with(|d| {
            let run = &mut d.run;
            py.detach(|| run.cut_viral_objects(slice_actions))
                .map_err(to_py_err)
        })
    }

    /// The actions of every swept signal, as the executors receive them: `signal`, `object`,
    /// `slice` (0 for an object sent whole, from 1 for the slices of a cut one), `owned`
    /// (false for a slice's context), `accounts` (a cut object's distinct accounts), `time`,
    /// `account`, `post`.
    fn actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let batch = self.with(|d| {
            let mut signal = Int8Builder::new();
            let mut owned = BooleanBuilder::new();
            let mut cols: Vec<Int64Builder> = (0..6).map(|_| Int64Builder::new()).collect();
            for (s, _) in &d.run.plan().signals {
                for shipped in d.run.shipped(*s).map_err(to_py_err)? {
                    let a = shipped.action;
                    signal.append_value(signal_index(*s));
                    owned.append_value(shipped.owned);
                    let values = [
                        i64::from(a.object),
                        i64::from(shipped.slice),
                        i64::from(shipped.accounts),
                        a.time,
                        i64::from(a.account),
                        i64::from(a.post),
                    ];
                    for (b, v) in cols.iter_mut().zip(values) {
                        b.append_value(v);
                    }
                }
            }
            let mut columns: Vec<(&str, ArrayRef)> = vec![("signal", Arc::new(signal.finish()))];
            let names = ["object", "slice", "accounts", "time", "account", "post"];
            for (name, mut b) in names.into_iter().zip(cols) {
                columns.push((name, Arc::new(b.finish())));
            }
            columns.insert(3, ("owned", Arc::new(owned.finish())));
            RecordBatch::try_from_iter(columns).map_err(|e| PyRuntimeError::new_err(e.to_string()))
        })?;
        streams::export(py, batch)
    }

    /// Builds the chance model from the sweep's object rows (kind 1 in `rows`) and `parts`,
    /// each signal's model part (the `part` of its rows of kind 2, merged by
    /// [`merge_parts`]; several per signal are merged here); returns it encoded for the
    /// executors.
    fn model<'py>(
        &self,
        py: Python<'py>,
        rows: Bound<'py, PyAny>,
        parts: Vec<(i8, Vec<u8>)>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let batches = streams::import(&rows)?;
        let mut stats: Vec<(Signal, SweepStats)> = Vec::new();
        let mut incidence: BTreeMap<Signal, Vec<IncidencePart>> = BTreeMap::new();
        for (signal, part) in &parts {
            let (part, counts): (IncidencePart, SweepStats) =
                from_bytes(part).map_err(to_py_err)?;
            let s = signal_of(*signal)?;
            incidence.entry(s).or_default().push(part);
            stats.push((s, counts));
        }
        let mut objects: BTreeMap<Signal, Vec<(ObjectId, ObjectShares)>> = BTreeMap::new();
        for b in &batches {
            let kind = column::<Int8Array>(b, "kind")?;
            let signal = column::<Int8Array>(b, "signal")?;
            let object = column::<Int64Array>(b, "object")?;
            let accounts = column::<Int64Array>(b, "accounts")?;
            let window = column::<Float32Array>(b, "window")?;
            let tight = column::<Float32Array>(b, "tight")?;
            for i in (0..b.num_rows()).filter(|&i| kind.value(i) == 1) {
                let shares = ObjectShares {
                    accounts: id(accounts.value(i), "account count")?,
                    window: window.value(i),
                    tight: tight.value(i),
                };
                let o = id(object.value(i), "object")?;
                objects
                    .entry(signal_of(signal.value(i))?)
                    .or_default()
                    .push((o, shares));
            }
        }
        let bytes = self.with(|d| {
            let model = d
                .run
                .model(
                    incidence.into_iter().collect(),
                    objects.into_iter().collect(),
                    stats,
                )
                .map_err(to_py_err)?;
            to_bytes(model).map_err(to_py_err)
        })?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Merges the executors' tallies and returns which kept co-actions to bring back:
    /// `("at_most", t)` (those whose `ln_p` is at most `t`), `("nothing", 0.0)` or
    /// `("all", 0.0)`.
    fn select(&self, tallies: Vec<Vec<u8>>) -> PyResult<(String, f64)> {
        let tallies: Vec<CandidateTally> = tallies
            .iter()
            .map(|t| from_bytes(t))
            .collect::<anyhow::Result<_>>()
            .map_err(to_py_err)?;
        let selection = self.with(|d| d.run.select(tallies).map_err(to_py_err))?;
        Ok(match selection {
            Selection::AtMost(t) => ("at_most".into(), t),
            Selection::Nothing => ("nothing".into(), 0.0),
            Selection::All => ("all".into(), 0.0),
        })
    }

    /// Finishes with the selected candidates' co-actions (every co-action of each selected
    /// pair) and writes the files and reports; returns the timing line and the reports' note.
    fn finish(
        &self,
        py: Python<'_>,
        selected: Bound<'_, PyAny>,
    ) -> PyResult<(String, Option<String>)> {
        let batches = streams::import(&selected)?;
        let (selected, _) = read_coactions(&batches)?;
        let driver = self
            .state
            .lock()
            .map_err(|_| PyRuntimeError::new_err("driver poisoned"))?
            .take()
            .ok_or_else(|| PyRuntimeError::new_err("the cluster run has finished"))?;
        interruptible(py, move || {
            let Driver {
                run,
                config,
                out,
                reports,
                progress,
            } = driver;
            let progress = PyProgress::new(progress);
            let outcome = run.finish(selected, &progress)?;
            write_all(outcome, &config, &out, &reports, &progress)
        })
    }
}
