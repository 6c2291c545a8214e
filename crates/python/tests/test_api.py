"""The rest of the API: options that mirror the CLI, read, the notebook view, CooRTweet."""

from __future__ import annotations

import csv
import inspect
import json
import re

import pyarrow as pa
import pytest

import lockstep
from lockstep import _lockstep

from conftest import SHARED_DATA

#: CLI options that have no keyword: where to write, and the printed summary.
CLI_ONLY = {"out", "quiet", "top", "help", "version"}
#: Keywords whose CLI option is named differently.
RENAMED = {"column": "columns"}


def cli_options(command: str) -> dict:
    """`--option` -> its default (or None) from `lockstep COMMAND --help`."""
    text = _lockstep.help(command)
    options = {}
    for match in re.finditer(r"^\s+(?:-\w, )?--([a-z-]+)(.*?)(?=^\s+(?:-\w, )?--|\Z)", text, re.M | re.S):
        name = match.group(1).replace("-", "_")
        default = re.search(r"\[default: ([^\]]+)\]", match.group(2))
        options[name] = default.group(1) if default else None
    return options


def test_detect_keywords_mirror_the_cli_options_and_defaults():
    options = {RENAMED.get(k, k): v for k, v in cli_options("detect").items() if k not in CLI_ONLY}
    parameters = inspect.signature(lockstep.detect).parameters
    keywords = {k for k in parameters if k not in ("posts", "progress")}
    assert keywords == set(options)
    for name, default in options.items():
        if default is None:
            continue
        ours = parameters[name].default
        if isinstance(ours, (int, float)) and not isinstance(ours, bool):
            assert float(ours) == float(default), name
        else:
            assert str(ours) == default, name


def test_read_gives_canonical_columns_and_the_accounting(data, tmp_path):
    table = lockstep.read(data.posts_path)
    with open(data.posts_path, newline="", encoding="utf-8") as f:
        rows = sum(1 for _ in csv.reader(f)) - 1
    assert table.num_rows == rows
    assert table.schema.field("timestamp").type == pa.timestamp("ms", tz="UTC")
    assert table.schema.field("urls").type == pa.list_(pa.string())
    accounting = json.loads(table.schema.metadata[b"lockstep.accounting"])
    assert accounting["files"][0]["rows_used"] == rows
    # A native export read the same way: one kept post and one counted rejection.
    jsonl = tmp_path / "reddit.jsonl"
    jsonl.write_text(
        json.dumps({"id": "t1", "author": "alice", "created_utc": 1700000000, "subreddit": "news",
                    "body": "hello", "link_id": "t3_x", "parent_id": "t3_x"}) + "\n"
        + json.dumps({"id": "t2", "created_utc": 1700000001, "subreddit": "news", "body": "x"}) + "\n"
    )
    posts = lockstep.read(jsonl, format="reddit")
    assert posts.column("community").to_pylist() == ["news"]
    accounting = json.loads(posts.schema.metadata[b"lockstep.accounting"])
    assert accounting["files"][0]["rows_read"] == 2


def test_notebook_view_lists_top_networks_and_escapes_text(posts_frame):
    frame = posts_frame.copy()
    frame["account_id"] = "<b>" + frame["account_id"]
    d = lockstep.detect(frame, progress=False)
    page = d._repr_html_()
    assert page.count("<tr>") == min(10, d.networks.num_rows) + 1
    assert "&lt;b&gt;" in page and "<b>" not in page
    first = d.networks.slice(0, 1).to_pylist()[0]
    assert f"<td>{first['id']}</td><td>{first['size']}</td><td>{first['verdict']}</td>" in page


def test_synth_tables(data):
    truth = data.truth
    assert set(truth.column_names) >= {"account_id", "label", "kind"}
    assert data.posts.num_rows > 10_000


def golden(name: str) -> list:
    with open(SHARED_DATA / "coortweet" / name, newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.skipif(
    not (SHARED_DATA / "coortweet").is_dir(),
    reason=f"CooRTweet reference data not found at {SHARED_DATA / 'coortweet'}",
)
def test_coortweet_reference_numbers_from_python():
    shares = SHARED_DATA / "coortweet" / "russian_coord_tweets.csv"
    groups, edges = lockstep.coortweet(shares, time_window=10, min_participation=5, edge_weight=0.5)
    assert groups.num_rows == 22 and edges.num_rows == 20
    assert sum(edges.column("weight").to_pylist()) == 22
    expected = golden("golden_rct_tw10_mp5_edges.csv")
    got = edges.to_pylist()
    key = lambda r: (str(r["from"]), str(r["to"]))  # noqa: E731
    assert sorted(map(key, got)) == sorted(map(key, expected))
    for row in expected:
        match = next(g for g in got if key(g) == key(row))
        assert float(match["avg_time_delta"]) == float(row["avg_time_delta"])
        assert int(match["weight_threshold"]) == int(row["weight_threshold"])
    expected_groups = {(r["content_id"], r["content_id_y"]) for r in golden("golden_rct_tw10_mp5_detect_groups.csv")}
    assert {(r["content_id"], r["content_id_y"]) for r in groups.to_pylist()} == expected_groups
    # With loops kept (the README's last row): 60 rows.
    groups, _ = lockstep.coortweet(shares, time_window=10, min_participation=5, keep_loops=True)
    assert groups.num_rows == 60
