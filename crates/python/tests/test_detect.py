"""Detection from Python gives the CLI's results, whatever form the posts arrive in."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import lockstep

#: Files whose bytes do not depend on how the posts were handed over.
SAME_BYTES = [
    "accounts.csv",
    "edges.csv",
    "evidence.csv",
    "narratives.csv",
    "networks.json",
    "graph.gexf",
    "graph.graphml",
]


def comparable_run(path: Path) -> dict:
    """run.json without what differs between two runs of the same data: times, memory and the
    input's name."""
    run = json.loads(path.read_text())
    run.pop("timings_s", None)
    run.pop("peak_memory_mib", None)
    for f in run["input"]["files"]:
        f.pop("source", None)
        f.pop("format", None)
    return run


def test_dataframe_detection_equals_cli_file_for_file(posts_frame, cli_run, tmp_path):
    d = lockstep.detect(posts_frame, progress=False)
    out = d.write(tmp_path / "py")
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in cli_run.iterdir())
    for name in SAME_BYTES:
        assert (out / name).read_bytes() == (cli_run / name).read_bytes(), name
    assert comparable_run(out / "run.json") == comparable_run(cli_run / "run.json")
    # The run found the planted networks, not nothing.
    assert d.networks.num_rows >= 10
    assert d.accounts.num_rows > 200


def test_pandas_polars_and_pyarrow_give_identical_results(posts_frame, data):
    table = pa.Table.from_pandas(posts_frame, preserve_index=False)
    results = [
        lockstep.detect(posts_frame, progress=False),
        lockstep.detect(pl.from_pandas(posts_frame), progress=False),
        lockstep.detect(table, progress=False),
        lockstep.detect(pa.RecordBatchReader.from_batches(table.schema, table.to_batches(50_000)), progress=False),
        lockstep.detect(str(data.posts_path), progress=False),
    ]
    first = results[0]
    for other in results[1:]:
        for name in ("accounts", "edges", "evidence", "narratives", "networks"):
            assert getattr(other, name).equals(getattr(first, name)), name


def test_parquet_in_and_out_round_trips(posts_frame, tmp_path):
    path = tmp_path / "posts.parquet"
    pq.write_table(pa.Table.from_pandas(posts_frame, preserve_index=False), path)
    d = lockstep.detect(path, output_format="parquet", progress=False)
    out = d.write(tmp_path / "out")
    for name in ("accounts", "edges", "evidence", "narratives"):
        written = pq.read_table(out / f"{name}.parquet")
        assert written.equals(getattr(d, name)), name
        assert written.num_rows == len((out / f"{name}.csv").read_text().splitlines()) - 1
    assert d.accounts.schema.field("network_id").type == pa.int64()
    assert d.edges.schema.field("p_value").type == pa.float64()
    # The same networks as from the DataFrame.
    assert d.accounts.equals(lockstep.detect(posts_frame, progress=False).accounts)
    # Without output_format the CLI's files only.
    plain = lockstep.detect(path, progress=False).write(tmp_path / "plain")
    assert not list(plain.glob("*.parquet"))


def test_options_reach_the_pipeline(posts_frame):
    d = lockstep.detect(posts_frame, window="10s", signals=["reshare", "link"], fdr=0.05, progress=False)
    params = d.run["parameters"]
    assert set(params["windows"]) == {"reshare", "link"}
    assert set(params["windows"].values()) == {"10s"}
    assert params["selection"] == {"rule": "fdr", "target": 0.05}
    assert d.narratives is None
    signals = set()
    for s in d.edges.column("signals").to_pylist():
        signals.update(s.split(";") if s else [])
    assert signals <= {"reshare", "link"}


def test_networkx_graph_has_the_export_attributes(posts_frame):
    d = lockstep.detect(posts_frame, progress=False)
    g = d.to_networkx()
    assert g.number_of_edges() == d.edges.num_rows
    ids = set(d.accounts.column("account_id").to_pylist())
    assert ids <= set(g.nodes)
    member = d.accounts.column("account_id")[0].as_py()
    assert g.nodes[member]["verdict"] == d.accounts.column("verdict")[0].as_py()
    u, v, attributes = next(iter(g.edges(data=True)))
    assert "weight" in attributes and "p_value" in attributes


def test_to_pandas_and_to_polars(posts_frame):
    d = lockstep.detect(posts_frame, progress=False)
    frames = d.to_pandas()
    assert set(frames) == {"accounts", "networks", "edges", "evidence", "narratives"}
    assert len(frames["edges"]) == d.edges.num_rows
    assert d.to_polars("accounts").height == d.accounts.num_rows


def test_report_is_written(posts_frame, tmp_path):
    d = lockstep.detect(posts_frame, progress=False)
    page = d.report(tmp_path / "r.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page


def test_evaluate_scores_against_the_truth(data):
    d = lockstep.detect(data.posts_path, accounts=data.accounts_path, progress=False)
    scores = lockstep.evaluate(data.truth_path, d)
    # Flagged: in a network whose verdict is not authentic-looking.
    flagged = [
        r for r in d.accounts.to_pylist()
        if r["network_id"] is not None and r["verdict"] != "authentic_looking"
    ]
    assert scores["flagged_accounts"] == len(flagged)
    assert scores["f1"] > 0.8


def test_graph_exports_can_be_left_out(posts_frame, tmp_path):
    d = lockstep.detect(posts_frame, graph_exports="never", progress=False)
    out = d.write(tmp_path / "out")
    assert not (out / "graph.gexf").exists() and not (out / "graph.graphml").exists()
    assert (out / "edges.csv").exists()
    with pytest.raises(lockstep.LockstepError, match="never"):
        d.to_networkx()
    with pytest.raises(ValueError, match="graph-exports"):
        lockstep.detect(posts_frame, graph_exports="sometimes", progress=False)
