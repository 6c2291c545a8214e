"""lockstep on Apache Spark: the same detection, files and options as ``lockstep detect``, with
the trace, co-action and statistics stages run on the executors.

The posts are put in input order and each partition is traced on the executors in Rust
(:func:`lockstep._lockstep.trace_partition`: canonical links and domains, folded tags and
mentions, normalised texts); the driver reads the traced partitions in order, for the row
accounting and the dense ids, and commits what the executors prepared. The
distinct texts go out to the executors, which compute their MinHash band keys in Rust for the
near-duplicate search (:func:`lockstep._lockstep.band_keys_partition`); Spark gathers the keys
by band and key, the executors pair the texts of each bucket in Rust
(:func:`lockstep._lockstep.bucket_pairs_partition`), and the driver verifies the pairs band
by band; the actions go out to the executors partitioned by object, where each
partition is swept in Rust (:func:`lockstep._lockstep.sweep_partition`), a viral object cut
into slices that are paired apart (:func:`lockstep._lockstep.pair_slices_partition`) and
whose co-actions are reduced to episodes by object and account pair
(:func:`lockstep._lockstep.episodes_partition`); Spark sums the partitions' parts of the
chance model (:func:`lockstep._lockstep.merge_parts`) and the driver builds the model from
them; the co-actions are repartitioned by account pair and each partition's candidate edges
are weighed against the model in Rust (:class:`lockstep._lockstep.Weigher`); the driver
merges the tallies, picks the threshold, and only the selected edges' co-actions come back to
it to build the networks. Every sum across
partitions is exact, so the files are those of ``lockstep detect`` on the same data, whatever
the number of partitions.

Needs ``pyspark`` (``pip install "lockstep[spark]"``) and a Java runtime; the executors must
import the same ``lockstep`` wheel as the driver.

>>> from pyspark.sql import SparkSession                                # doctest: +SKIP
>>> spark = SparkSession.builder.getOrCreate()                          # doctest: +SKIP
>>> posts = lockstep.spark.read(spark, "s3://bucket/posts/")            # doctest: +SKIP
>>> d = lockstep.spark.detect(posts, window="10m")                      # doctest: +SKIP
"""

from __future__ import annotations

import inspect
import math
import sys
import tempfile
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence, Tuple

import pyarrow as pa

from .. import _lockstep
from .._detection import Detection
from .._options import detect_args
from .._progress import StageProgress

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["detect", "read", "run"]

#: The columns of a co-action row, after ``kind``.
COACTION_COLUMNS = ("signal", "a", "b", "object", "post_a", "post_b", "time_a", "time_b", "accounts")

_COACTION_SCHEMA = (
    "kind byte, signal byte, a long, b long, object long, post_a long, post_b long, "
    "time_a long, time_b long, accounts long"
)
#: What a sweep partition returns: co-actions (kind 0), objects (1) and parts (2); what an
#: episode partition returns: co-actions (kind 0) and parts (2).
SWEPT_SCHEMA = _COACTION_SCHEMA + ", window float, tight float, part binary"
#: What a slice partition returns: the co-actions of the slices of cut objects, before
#: episodes are counted (kind 3).
SLICE_COACTION_SCHEMA = _COACTION_SCHEMA

#: Objects with more actions than this are cut into slices of as many actions (each with the
#: earlier actions its first one is paired with), so that no partition holds a viral object
#: whole: at the default neighbour cap a slice is at most 6.6 million co-actions.
SLICE_ACTIONS = 1 << 16
#: What a weighing partition returns: kept co-actions (kind 0) and its tally (1).
WEIGHED_SCHEMA = _COACTION_SCHEMA + ", ln_p double, tally binary"

#: What a band-key partition returns: one row per text and band.
BAND_KEY_SCHEMA = "band long, key long, text long"
#: What a bucket-pair partition returns: one row per pair of texts to compare.
BUCKET_PAIR_SCHEMA = "band long, a long, b long"

#: The input name that stands for the DataFrame in the ``lockstep detect`` arguments.
_POSTS = "posts"


def _merged_parts(parts: "DataFrame", n: int) -> List[Tuple[int, bytes]]:
    """Each signal's part of the chance model: the parts of the sweep and episode partitions
    (rows of kind 2, one per partition and signal) merged by Spark in two levels of about
    ``sqrt(n)`` (:func:`lockstep._lockstep.merge_parts`, exact in any order), so that the driver
    receives one part per signal however many partitions there are."""
    fanout = max(1, math.isqrt(n))
    merge = _lockstep.merge_parts

    def keyed(index: int, rows: Iterator[Any]) -> Iterator[Tuple[Tuple[int, int], bytes]]:
        return (((row.signal, index % fanout), bytes(row.part)) for row in rows)

    return (
        parts.filter("kind = 2")
        .select("signal", "part")
        .rdd.mapPartitionsWithIndex(keyed)
        .reduceByKey(merge, fanout)
        .map(lambda kv: (kv[0][0], kv[1]))
        .reduceByKey(merge)
        .collect()
    )


def _table(batches: Iterator[pa.RecordBatch]) -> Optional[pa.Table]:
    batches = list(batches)
    return pa.Table.from_batches(batches) if batches else None


def _batches(capsule: Any) -> List[pa.RecordBatch]:
    return pa.RecordBatchReader._import_from_c_capsule(capsule).read_all().to_batches()


def _partition_kernel(kernel: Any, *args: Any, streamed: bool = False):
    """A ``mapInArrow`` function running the Rust `kernel` on each partition as one table,
    after `args`; with `streamed`, the kernel's batches are passed on as it makes them rather
    than read whole first."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        table = _table(batches)
        if table is not None:
            result = kernel(*args, table)
            if streamed:
                yield from pa.RecordBatchReader._import_from_c_capsule(result)
            else:
                yield from _batches(result)

    return run


class _ExecutorBuckets:
    """The near-duplicate search's candidate pairs, found on the executors: the driver hands
    over the distinct normalised texts (``start``), each executor computes the MinHash band
    keys of its partition of them in Rust, Spark gathers the keys by band and key, each
    executor pairs the texts of its buckets in Rust (each with its bucket's first text and
    its predecessor), and the driver takes one band's pairs at a time (``band``) and verifies
    those not yet grouped, as ``lockstep detect`` does."""

    #: The caller's job properties, which the jobs started from lockstep's own thread take on,
    #: so that cancelling the caller's job group cancels them too.
    _INHERITED = ("spark.jobGroup.id", "spark.job.description", "spark.job.interruptOnCancel",
                  "spark.scheduler.pool")

    def __init__(self, spark: "SparkSession", partitions: int) -> None:
        self.spark = spark
        self.partitions = partitions
        self.pairs: Optional["DataFrame"] = None
        self.closed = False
        context = spark.sparkContext
        self.properties = {k: context.getLocalProperty(k) for k in self._INHERITED}

    def _inherit(self) -> None:
        context = self.spark.sparkContext
        for key, value in self.properties.items():
            context.setLocalProperty(key, value)

    def start(self, texts: Any, similarity: float, shingle_size: int) -> None:
        if self.closed:
            raise RuntimeError("no bucket pairs: the run was interrupted")
        self._inherit()
        table = pa.RecordBatchReader._import_from_c_capsule(texts).read_all()
        self.pairs = (
            self.spark.createDataFrame(table)
            .repartition(self.partitions)
            .mapInArrow(
                _partition_kernel(_lockstep.band_keys_partition, similarity, shingle_size),
                BAND_KEY_SCHEMA,
            )
            .repartition(self.partitions, "band", "key")
            .mapInArrow(_partition_kernel(_lockstep.bucket_pairs_partition), BUCKET_PAIR_SCHEMA)
            .persist()
        )

    def band(self, band: int) -> pa.Table:
        from pyspark.sql import functions as F

        if self.pairs is None:
            raise RuntimeError("no bucket pairs: call start first, and not after close")
        self._inherit()
        return self.pairs.filter(F.col("band") == band).select("a", "b").toArrow()

    def close(self) -> None:
        """Frees the pairs; a detection still running after an interruption gets no more."""
        self.closed = True
        if self.pairs is not None:
            self.pairs.unpersist()
            self.pairs = None


#: The weigher of this Python worker: (the broadcast value it was decoded from, Weigher).
_WEIGHER: List[Any] = []


def _cached_weigher(value: Any) -> Any:
    """The Weigher of the broadcast `value`, decoded once per Python worker. A module-level
    function, so that tasks reach this module's cache rather than a pickled copy of it."""
    if not _WEIGHER or _WEIGHER[0] is not value:
        _WEIGHER[:] = [value, _lockstep.Weigher(*value)]
    return _WEIGHER[1]


def _weigher(broadcast: Any):
    def weigh(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        weigher = _cached_weigher(broadcast.value)
        table = _table(batches)
        if table is not None:
            yield from _batches(weigher.weigh(table))

    return weigh


#: The columns a traced partition adds after the posts' own, as
#: :func:`lockstep._lockstep.trace_partition` returns them: whether the row made a post, its
#: canonical links and domains, folded hashtags and mentions, media items, normalised text, URL
#: items that are not links, and whether its text was too short to link accounts.
TRACED_COLUMNS = (
    ("__lockstep_traced", "boolean"),
    ("__lockstep_links", "list"),
    ("__lockstep_domains", "list"),
    ("__lockstep_hashtags", "list"),
    ("__lockstep_mentions", "list"),
    ("__lockstep_media", "list"),
    ("__lockstep_text", "string"),
    ("__lockstep_urls_not_links", "long"),
    ("__lockstep_text_too_short", "boolean"),
)

#: The first characters of the names of the columns lockstep adds to a DataFrame.
RESERVED_PREFIX = "__lockstep_"


def _traced(posts: "DataFrame", args: Sequence[str], n: int) -> pa.Table:
    """`posts` in input order (:func:`_in_input_order`), each partition traced on the executors:
    its own columns (the text and list columns emptied unless the run writes rejected rows),
    then the ``TRACED_COLUMNS``."""
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    reserved = [c for c in posts.columns if c.startswith(RESERVED_PREFIX)]
    reserved = [c for c in reserved if c not in INPUT_ORDER]
    if reserved:
        raise ValueError(
            f"column names beginning with {RESERVED_PREFIX} are lockstep's own: "
            + ", ".join(reserved)
        )
    ordered = _in_input_order(posts, n)
    types = {
        "boolean": BooleanType(),
        "list": ArrayType(StringType()),
        "string": StringType(),
        "long": LongType(),
    }
    schema = StructType(
        [StructField(f.name, f.dataType, True) for f in ordered.schema.fields]
        + [
            StructField(name, types[kind], kind in ("list", "string"))
            for name, kind in TRACED_COLUMNS
        ]
    )
    conf = ordered.sparkSession.conf.get("spark.sql.execution.arrow.useLargeVarTypes")
    kernel = _partition_kernel(
        _lockstep.trace_partition, list(args), conf == "true", streamed=True
    )
    return ordered.mapInArrow(kernel, schema).toArrow()


#: Columns that place a row in its input when it was read by :func:`read`: the file and the
#: block of the file.
INPUT_ORDER = ("__lockstep_file", "__lockstep_block")


def _in_input_order(posts: "DataFrame", n: int) -> "DataFrame":
    """`posts` in `n` partitions that hold consecutive runs of the input, in order: the driver
    interns ids in input order, as ``lockstep detect`` does, and no partition is too large to
    hand over (a CSV read with multi-line fields is one partition per file). The order is the
    ``INPUT_ORDER`` columns' where the rows have them, then the DataFrame's own."""
    from pyspark.sql import functions as F

    row = "__lockstep_row"
    keys = [c for c in INPUT_ORDER if c in posts.columns] + [row]
    return (
        posts.withColumn(row, F.monotonically_increasing_id())
        .repartitionByRange(n, *keys)
        .sortWithinPartitions(*keys)
        .drop(*keys)
    )


def read(spark: "SparkSession", path: str, input_format: Optional[str] = None) -> "DataFrame":
    """The posts of `path` (a file or a directory Spark reads: CSV with a header, JSON Lines,
    Parquet or ORC, by extension or `input_format`), text files' columns as strings.

    Each row carries its place in the input (the file, by name, and the block of the file, in
    the ``INPUT_ORDER`` columns), so that the posts reach lockstep in the order ``lockstep
    detect`` reads the same file, or a directory's files listed by name (``DIR/*``); Spark
    itself packs a directory's files into partitions by size."""
    from pyspark.sql import functions as F

    fmt = input_format or _format_of(path)
    reader = spark.read
    if fmt == "csv":
        sep = "\t" if _stripped(path).endswith(".tsv") else ","
        reader = reader.options(
            header=True, multiLine=True, escape='"', sep=sep, inferSchema=False, emptyValue=""
        )
    elif fmt == "json":
        reader = reader.option("primitivesAsString", True)
    frame = reader.format(fmt).load(path)
    return frame.select(
        "*",
        F.col("_metadata.file_path").alias(INPUT_ORDER[0]),
        F.col("_metadata.file_block_start").alias(INPUT_ORDER[1]),
    )


#: Spark readers by file extension.
FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
    ".parquet": "parquet",
    ".orc": "orc",
}


def _stripped(path: str) -> str:
    name = path.rstrip("/").lower()
    for suffix in (".gz", ".zst", ".bz2"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _format_of(path: str) -> str:
    name = _stripped(path)
    for ext, fmt in FORMATS.items():
        if name.endswith(ext):
            return fmt
    return "parquet"


def run(
    inputs: Sequence[Tuple[str, "DataFrame"]],
    args: Sequence[str],
    *,
    partitions: Optional[int] = None,
    progress: bool = True,
    parquet_twins: bool = False,
    slice_actions: int = SLICE_ACTIONS,
) -> Tuple[str, Optional[str]]:
    """Runs ``lockstep detect ARGS...``, each of `inputs` (name, Spark DataFrame) standing for
    the input of that name in `args` (and named so in run.json); writes the files into the
    ``--out`` directory `args` names, with Parquet twins of the tables if `parquet_twins`.
    `partitions` is the number of Spark partitions of the actions and of the co-actions
    (default: the context's default parallelism); objects with more than `slice_actions`
    actions are swept in slices of that many. Returns the timing line and the note on
    skipped graph exports."""
    from pyspark.sql import functions as F

    if not inputs:
        raise ValueError("no input")
    if slice_actions < 1:
        raise ValueError(f"slice_actions must be at least 1, not {slice_actions}")
    spark = inputs[0][1].sparkSession
    n = partitions or spark.sparkContext.defaultParallelism
    tables = [(name, _traced(df, args, n)) for name, df in inputs]
    buckets = _ExecutorBuckets(spark, n)
    try:
        driver = _lockstep.ClusterDriver(
            list(args), tables, StageProgress() if progress else None, parquet_twins, buckets
        )
    finally:
        buckets.close()
    del tables, buckets
    plan = driver.plan()
    slices = driver.cut(slice_actions)
    actions = spark.createDataFrame(
        pa.RecordBatchReader._import_from_c_capsule(driver.actions()).read_all()
    )
    swept = (
        actions.filter("slice = 0")
        .repartition(n, "signal", "object")
        .mapInArrow(_partition_kernel(_lockstep.sweep_partition, plan), SWEPT_SCHEMA)
        .persist()
    )
    found, parts = swept.filter("kind = 0"), swept.filter("kind in (1, 2)")
    broadcast = weighed = episodes = None
    try:
        if slices:
            # The slices' co-actions go straight from their pairing to the episode count,
            # one slice's batch at a time, without being kept.
            episodes = (
                actions.filter("slice > 0")
                .repartition(n, "signal", "object", "slice")
                .mapInArrow(
                    _partition_kernel(_lockstep.pair_slices_partition, plan, streamed=True),
                    SLICE_COACTION_SCHEMA,
                )
                .select(*COACTION_COLUMNS)
                .repartition(n, "signal", "object", "a", "b")
                .mapInArrow(_partition_kernel(_lockstep.episodes_partition, plan), SWEPT_SCHEMA)
                .persist()
            )
            found = found.unionByName(episodes.filter("kind = 0"))
            parts = parts.unionByName(episodes.filter("kind = 2"))
        model = driver.model(parts.filter("kind = 1").toArrow(), _merged_parts(parts, n))
        broadcast = spark.sparkContext.broadcast((plan, model))
        weighed = (
            found.select(*COACTION_COLUMNS)
            .repartition(n, "a", "b")
            .mapInArrow(_weigher(broadcast), WEIGHED_SCHEMA)
            .persist()
        )
        tallies = [row.tally for row in weighed.filter("kind = 1").select("tally").collect()]
        how, threshold = driver.select([bytes(t) for t in tallies])
        kept = weighed.filter("kind = 0")
        if how == "at_most":
            kept = kept.filter(F.col("ln_p") <= F.lit(threshold))
        elif how == "nothing":
            kept = kept.limit(0)
        selected = kept.select(*COACTION_COLUMNS).toArrow()
        return driver.finish(selected)
    finally:
        swept.unpersist()
        if episodes is not None:
            episodes.unpersist()
        if weighed is not None:
            weighed.unpersist()
        if broadcast is not None:
            broadcast.unpersist()


def _detect_keywords() -> Dict[str, inspect.Parameter]:
    from .. import detect as local_detect

    params = dict(inspect.signature(local_detect).parameters)
    for name in ("posts", "partitions", "progress"):
        params.pop(name)
    return params


def detect(
    posts: "DataFrame",
    *,
    partitions: Optional[int] = None,
    progress: bool = True,
    slice_actions: int = SLICE_ACTIONS,
    **options: Any,
) -> Detection:
    """Finds coordinated networks in the Spark DataFrame `posts` (canonical columns, as
    :func:`lockstep.detect` takes them), with the co-action and statistics stages on the
    executors. Every keyword of :func:`lockstep.detect` is accepted with the same default and
    meaning, except `partitions`, which here is the number of Spark partitions; objects with
    more than `slice_actions` actions are swept in slices of that many. The result
    is that of :func:`lockstep.detect` on the same posts in the same order: the DataFrame's
    own order, or for files read with :func:`read`, the order ``lockstep detect`` reads them
    in. Needs a classic Spark session (``sparkContext``); Spark Connect is not supported."""
    keywords = _detect_keywords()
    unknown = sorted(set(options) - set(keywords))
    if unknown:
        raise TypeError(f"lockstep.spark.detect() got unexpected keywords: {', '.join(unknown)}")
    values = {name: p.default for name, p in keywords.items()}
    values.update(options)
    if not values.get("min_evidence"):
        values.pop("min_weight")
        values.pop("min_objects")
    run_dir = tempfile.TemporaryDirectory(prefix="lockstep-spark-")
    args = detect_args([_POSTS], run_dir.name, values)
    timings, note = run(
        [(_POSTS, posts)],
        args,
        partitions=partitions,
        progress=progress,
        parquet_twins=True,
        slice_actions=slice_actions,
    )
    if note and progress:
        sys.stderr.write(f"lockstep: note: {note}\n")
    return Detection(run_dir, values["output_format"], timings, note)
