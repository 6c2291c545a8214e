"""``python -m lockstep.spark detect INPUT... --out DIR [lockstep detect options]``: detection on
Spark, for ``spark-submit``.

INPUT is anything Spark reads: files or directories of CSV (with a header), JSON Lines,
Parquet or ORC, by extension or ``--input-format``. Every other option is ``lockstep
detect``'s and means the same; the files written are the same too.

    spark-submit --master yarn -m lockstep.spark detect s3://bucket/posts/ --out results
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional, Sequence

from lockstep.spark import INPUT_ORDER, run

_FORMATS = {".csv": "csv", ".tsv": "csv", ".json": "json", ".jsonl": "json", ".ndjson": "json",
            ".parquet": "parquet", ".orc": "orc"}


def _format_of(path: str, given: Optional[str]) -> str:
    if given:
        return given
    name = path.rstrip("/").lower()
    for suffix in (".gz", ".zst", ".bz2"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    for ext, fmt in _FORMATS.items():
        if name.endswith(ext):
            return fmt
    return "parquet"


def read(spark, paths: Sequence[str], input_format: Optional[str]):
    """The posts of `paths` as one DataFrame, every column of text files read as a string.

    Each row carries its input position (the path's index, then the file by name and the
    row's place in it, in ``INPUT_ORDER`` columns) so that the posts reach lockstep in the
    order ``lockstep detect`` reads the same files: the paths in turn, and a directory's files
    by name, as ``lockstep detect DIR/*`` lists them. Spark itself packs a directory's files
    into partitions by size."""
    from pyspark.sql import functions as F

    frames = []
    for i, path in enumerate(paths):
        fmt = _format_of(path, input_format)
        reader = spark.read
        if fmt == "csv":
            sep = "\t" if path.rstrip("/").lower().split(".")[-1] == "tsv" else ","
            reader = reader.options(header=True, multiLine=True, escape='"', sep=sep,
                                    inferSchema=False, emptyValue="")
        elif fmt == "json":
            reader = reader.option("primitivesAsString", True)
        frame = reader.format(fmt).load(path)
        frames.append(
            frame.select(
                "*",
                F.lit(i).alias(INPUT_ORDER[0]),
                F.col("_metadata.file_path").alias(INPUT_ORDER[1]),
                F.col("_metadata.file_block_start").alias(INPUT_ORDER[2]),
            )
        )
    posts = frames[0]
    for f in frames[1:]:
        posts = posts.unionByName(f, allowMissingColumns=True)
    return posts


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lockstep.spark",
        description=__doc__.split("\n\n")[0],
        epilog="Run `lockstep detect --help` for the detection options.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    detect = sub.add_parser("detect", help="detect coordinated networks on Spark")
    detect.add_argument("inputs", nargs="+", metavar="INPUT", help="files or directories Spark reads")
    detect.add_argument("--out", required=True, help="directory for the result files")
    detect.add_argument("--input-format", choices=sorted(set(_FORMATS.values())),
                        help="Spark reader for the inputs (default: by extension, else parquet)")
    detect.add_argument("--spark-partitions", type=int,
                        help="partitions of the actions and co-actions (default: parallelism)")
    detect.add_argument("--quiet", action="store_true", help="no progress on standard error")
    ns, rest = parser.parse_known_args(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("lockstep").getOrCreate()
    posts = read(spark, ns.inputs, ns.input_format)
    name = ",".join(ns.inputs)
    timings, note = run(
        posts,
        [name, "--out", ns.out, "--quiet"] + rest,
        name=name,
        partitions=ns.spark_partitions,
        progress=not ns.quiet,
    )
    if not ns.quiet:
        print(timings, file=sys.stderr)
    if note:
        print(f"note: {note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
