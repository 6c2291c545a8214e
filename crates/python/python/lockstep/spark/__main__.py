"""``python -m lockstep.spark detect INPUT... --out DIR [lockstep detect options]``: detection on
Spark, for ``spark-submit``.

INPUT is anything Spark reads: a file or a directory of CSV (with a header), JSON Lines,
Parquet or ORC, by extension or ``--input-format``. Every other option is ``lockstep
detect``'s, parsed by it, and means the same; the files written are the same too.

    spark-submit --master yarn .../lockstep/spark/__main__.py detect s3://bucket/posts/ --out results
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from lockstep import _lockstep
from lockstep.spark import FORMATS, SLICE_ACTIONS, read, run


def _positive(value: str) -> int:
    """A count of at least 1, for argparse."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lockstep.spark",
        description=__doc__.split("\n\n")[0],
        epilog="Every other option is lockstep detect's: run `lockstep detect --help`.",
    )
    parser.add_argument("command", choices=["detect"])
    parser.add_argument(
        "--input-format",
        choices=sorted(set(FORMATS.values())),
        help="Spark reader for the inputs (default: by extension, else parquet)",
    )
    parser.add_argument(
        "--spark-partitions",
        type=_positive,
        help="partitions of the actions and co-actions (default: the default parallelism)",
    )
    parser.add_argument(
        "--spark-slice-actions",
        type=_positive,
        default=SLICE_ACTIONS,
        help="objects with more actions are swept in slices of this many, so that no "
        f"partition holds a viral object whole (default: {SLICE_ACTIONS})",
    )
    ns, args = parser.parse_known_args(argv)
    # lockstep detect's own parser tells the inputs from the options and their values.
    inputs = _lockstep.detect_inputs(args)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("lockstep").getOrCreate()
    quiet = "--quiet" in args
    timings, note = run(
        [(path, read(spark, path, ns.input_format)) for path in inputs],
        args,
        partitions=ns.spark_partitions,
        progress=not quiet,
        slice_actions=ns.spark_slice_actions,
    )
    if not quiet:
        print(timings, file=sys.stderr)
    if note:
        print(f"note: {note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
