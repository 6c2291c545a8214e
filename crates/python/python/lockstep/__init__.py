"""lockstep finds networks of social-media accounts acting in concert.

>>> import lockstep
>>> d = lockstep.detect("posts.parquet")          # doctest: +SKIP
>>> d.networks                                     # doctest: +SKIP

:func:`detect` takes paths or tables (pandas, polars, pyarrow) and returns a
:class:`Detection`; :func:`read` reads any input format into a pyarrow Table; :func:`synth`,
:func:`evaluate` and :func:`coortweet` are the CLI's ``synth``, ``eval`` and ``coortweet``.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Tuple, Union

import pyarrow as pa
import pyarrow.csv as pacsv

from . import _lockstep
from ._detection import Detection
from ._inputs import PathLike, as_stream, is_path
from ._options import Window, columns_args, command_args, detect_args
from ._progress import StageProgress

__all__ = [
    "Detection",
    "LockstepError",
    "Synthetic",
    "coortweet",
    "detect",
    "evaluate",
    "read",
    "synth",
]
__version__: str = _lockstep.__version__

#: Input or options lockstep cannot use (a ``ValueError``); the message is the CLI's, with the
#: file, line and column.
LockstepError = _lockstep.LockstepError


def _posts_inputs(posts: Any) -> Tuple[list, list]:
    """Command-line inputs and the tables standing behind the placeholder ones."""
    items = list(posts) if isinstance(posts, (list, tuple)) else [posts]
    if not items:
        raise ValueError("posts: give at least one path or table")
    inputs, tables = [], []
    for i, item in enumerate(items):
        if is_path(item):
            inputs.append(os.fspath(item))
        else:
            name = f"<table {i + 1}>" if len(items) > 1 else "<table>"
            inputs.append(name)
            tables.append((name, as_stream(item)))
    return inputs, tables


def detect(
    posts: Any,
    *,
    accounts: Optional[PathLike] = None,
    columns: Union[None, Mapping[str, str], Iterable[str]] = None,
    format: Optional[str] = None,
    window: Window = "1h",
    windows: Optional[Sequence[str]] = None,
    signals: Optional[Sequence[str]] = None,
    fdr: float = 0.01,
    seed: int = 42,
    max_neighbours: int = 100,
    partitions: Optional[int] = None,
    min_evidence: bool = False,
    min_weight: float = 2.0,
    min_objects: int = 3,
    calibrate: bool = False,
    no_popularity_weighting: bool = False,
    min_size: int = 3,
    resolution: float = 1.0,
    max_text_accounts: int = 200,
    text_similarity: float = 0.5,
    text_shingle: int = 2,
    text_urls: str = "drop",
    text_mentions: str = "drop",
    text_hashtags: str = "drop-trailing",
    rejects: Optional[PathLike] = None,
    output_format: str = "csv",
    report: bool = False,
    graph_exports: str = "auto",
    progress: bool = True,
) -> Detection:
    """Finds coordinated networks in `posts`, as ``lockstep detect`` does.

    `posts` is a path, a list of paths, a pandas or polars DataFrame, or a pyarrow Table or
    RecordBatchReader (taken through the Arrow C stream interface, without a copy), or a list
    mixing them. Tables have the canonical columns of FORMATS.md (``account_id``,
    ``timestamp``, ``post_id``, ``urls``, ...; list columns are fine) or are mapped with
    `columns`, ``{"account_id": "userid"}``.

    Every other keyword is the CLI option of the same name with the same default
    (``lockstep detect --help`` explains them): `window` is a duration for every signal but
    domain, a ``{signal: duration}`` dict, a list of ``[SIGNAL=]DURATION`` strings or
    ``"auto"``; `windows` the sensitivity sweep; `signals` the signals swept. `progress`
    prints a line per stage on standard error. The GIL is released while detecting; Ctrl-C
    raises KeyboardInterrupt at once and the run stops at the end of its current stage.

    Raises ``OSError`` for a file that cannot be read and :class:`LockstepError` (a
    ``ValueError``) for input or options lockstep cannot use, with the CLI's message.

    >>> import pandas as pd                                         # doctest: +SKIP
    >>> posts = pd.read_csv("posts.csv")                           # doctest: +SKIP
    >>> d = lockstep.detect(posts, window="10m", fdr=0.05)          # doctest: +SKIP
    >>> d.accounts.to_pandas().query("network_id == 0")             # doctest: +SKIP
    """
    inputs, tables = _posts_inputs(posts)
    options: Dict[str, Any] = dict(
        accounts=accounts,
        columns=columns,
        format=format,
        window=window,
        windows=windows,
        signals=signals,
        fdr=fdr,
        seed=seed,
        max_neighbours=max_neighbours,
        partitions=partitions,
        min_evidence=min_evidence,
        calibrate=calibrate,
        no_popularity_weighting=no_popularity_weighting,
        min_size=min_size,
        resolution=resolution,
        max_text_accounts=max_text_accounts,
        text_similarity=text_similarity,
        text_shingle=text_shingle,
        text_urls=text_urls,
        text_mentions=text_mentions,
        text_hashtags=text_hashtags,
        rejects=rejects,
        output_format=output_format,
        report=report,
        graph_exports=graph_exports,
    )
    if min_evidence:
        options.update(min_weight=min_weight, min_objects=min_objects)
    run_dir = tempfile.TemporaryDirectory(prefix="lockstep-")
    args = detect_args(inputs, run_dir.name, options)
    timings, note = _lockstep.detect(args, tables, StageProgress() if progress else None)
    if note and progress:
        sys.stderr.write(f"lockstep: note: {note}\n")
    return Detection(run_dir, output_format, timings, note)


def read(
    paths: Union[PathLike, Sequence[PathLike]],
    format: Optional[str] = None,
    columns: Union[None, Mapping[str, str], Iterable[str]] = None,
) -> pa.Table:
    """Reads posts files with lockstep's readers (CSV, JSON Lines, Parquet, Arrow and the
    platform exports FORMATS.md lists; gzip or zstd) into a Table with the canonical columns:
    the ids and texts as strings, ``timestamp`` in milliseconds (UTC), ``urls``,
    ``hashtags``, ``mentions`` and ``media`` as lists. Rows a reader rejects are left out
    and counted in the schema metadata ``lockstep.accounting`` (JSON).

    >>> posts = lockstep.read("result.json", format="telegram")     # doctest: +SKIP
    >>> json.loads(posts.schema.metadata[b"lockstep.accounting"])   # doctest: +SKIP
    """
    items = [paths] if is_path(paths) else list(paths)
    capsule = _lockstep.read([os.fspath(p) for p in items], format, columns_args(columns))
    return pa.RecordBatchReader._import_from_c_capsule(capsule).read_all()


class Synthetic:
    """A generated dataset with ground truth: ``posts``, ``accounts`` and ``truth`` tables,
    and the directory holding their CSV files (``posts_path``, ``accounts_path``,
    ``truth_path``)."""

    def __init__(self, directory: Path, keep: Optional[tempfile.TemporaryDirectory]):
        self._keep = keep
        self.directory = directory
        self.posts_path = directory / "posts.csv"
        self.accounts_path = directory / "accounts.csv"
        self.truth_path = directory / "truth.csv"

    @property
    def posts(self) -> pa.Table:
        return _read_csv_strings(self.posts_path)

    @property
    def accounts(self) -> pa.Table:
        return _read_csv_strings(self.accounts_path)

    @property
    def truth(self) -> pa.Table:
        return _read_csv_strings(self.truth_path)


def _read_csv_strings(path: Path) -> pa.Table:
    """A CSV file with every column as strings, empty fields as empty strings."""
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    return pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in header}, strings_can_be_null=False
        ),
    )


def synth(out: Optional[PathLike] = None, **options: Any) -> Synthetic:
    """Generates posts with planted networks, as ``lockstep synth`` does (options: `seed`,
    `accounts`, `days`, `background`; see ``lockstep synth --help``). Written to `out`, or to
    a temporary directory kept as long as the result.

    >>> data = lockstep.synth(seed=7, accounts=2000)                # doctest: +SKIP
    >>> lockstep.evaluate(data.truth_path, lockstep.detect(data.posts_path))  # doctest: +SKIP
    """
    keep = None if out is not None else tempfile.TemporaryDirectory(prefix="lockstep-synth-")
    directory = Path(out) if out is not None else Path(keep.name)
    _lockstep.run_cli(command_args("synth", dict(out=directory, **options)))
    return Synthetic(directory, keep)


def evaluate(truth: PathLike, detection: Union[Detection, PathLike]) -> Dict[str, Any]:
    """Scores a detection against ground truth (truth.csv), as ``lockstep eval --json`` does:
    account precision, recall and F1, the adjusted Rand index, recall per planted network and
    the hard negatives flagged. `detection` is a :class:`Detection` or a run directory."""
    if isinstance(detection, Detection):
        directory = str(detection._dir)
    else:
        directory = os.fspath(detection)
    return json.loads(_lockstep.evaluate(os.fspath(truth), directory))


def coortweet(
    shares: Any,
    *,
    time_window: int = 10,
    min_participation: int = 2,
    edge_weight: float = 0.5,
    keep_loops: bool = False,
) -> Tuple[pa.Table, pa.Table]:
    """CooRTweet's ``detect_groups`` and ``generate_coordinated_network``, reproduced exactly
    (``lockstep coortweet``): returns the two tables with CooRTweet's column names, the
    coordinated pairs and the network edges. `shares` is a CSV path with CooRTweet's columns
    (object_id, account_id, content_id, timestamp_share) or a table with them.

    >>> groups, edges = lockstep.coortweet("shares.csv", time_window=10, min_participation=5)  # doctest: +SKIP
    """
    with tempfile.TemporaryDirectory(prefix="lockstep-coortweet-") as tmp:
        if is_path(shares):
            path = os.fspath(shares)
        else:
            path = os.path.join(tmp, "shares.csv")
            table = as_stream(shares)
            pacsv.write_csv(pa.table(table) if not isinstance(table, pa.Table) else table, path)
        out = os.path.join(tmp, "out")
        options = dict(
            time_window=time_window,
            min_participation=min_participation,
            edge_weight=edge_weight,
            keep_loops=keep_loops,
            out=out,
        )
        _lockstep.run_cli(command_args("coortweet", options, [path]))
        return (
            _read_result_csv(Path(out) / "detect_groups.csv"),
            _read_result_csv(Path(out) / "edges.csv"),
        )


def _read_result_csv(path: Path) -> pa.Table:
    """A CooRTweet result CSV: ids (``*_id``, ``*_id_y``, ``from``, ``to``) as strings, the
    numbers typed."""
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    ids = {
        name: pa.string()
        for name in header
        if name in ("from", "to") or name.endswith("_id") or name.endswith("_id_y")
    }
    return pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=ids)).combine_chunks()
