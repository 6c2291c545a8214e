"""lockstep on Spark gives the files of ``lockstep detect``: on ``local[2]`` through the API,
and through ``spark-submit`` of the module on ``local-cluster[2,1,1024]`` (two executor JVMs,
each with its own Python workers), with and without the text signal, whatever the number of
partitions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from pyspark.sql import SparkSession

import lockstep
import lockstep.spark
import lockstep.spark.__main__ as spark_main

from conftest import run_cli

# Bind Spark to the loopback interface: a CI container's host name may not resolve.
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")

#: The exact signals: every default signal but the near-duplicate text.
EXACT = "reshare,reply,link,hashtag,mention"
FILES = ("accounts.csv", "edges.csv", "evidence.csv", "networks.json", "graph.gexf", "graph.graphml")


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> lockstep.Synthetic:
    """A few hundred thousand posts: 5,000 accounts over the default days."""
    return lockstep.synth(tmp_path_factory.mktemp("spark-synth"), seed=7, accounts=5000)


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("lockstep-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


def cli(posts: Path, out: Path, *options: str) -> Path:
    run_cli(["detect", str(posts), "--out", str(out), "--quiet", *options])
    return out


def assert_same_files(single: Path, cluster: Path) -> None:
    names = list(FILES) + (["narratives.csv"] if (single / "narratives.csv").exists() else [])
    assert (single / "narratives.csv").exists() == (cluster / "narratives.csv").exists()
    for name in names:
        assert (single / name).read_bytes() == (cluster / name).read_bytes(), name

    def run_json(d: Path) -> dict:
        run = json.loads((d / "run.json").read_text())
        for key in ("timings_s", "peak_memory_mib"):
            run.pop(key, None)
        # The input is a file to the CLI and an Arrow table to the driver.
        for f in run["input"]["files"]:
            f.pop("source")
            f.pop("format")
        return run

    assert run_json(single) == run_json(cluster)


def test_spark_detect_gives_the_files_of_lockstep_detect(big, spark, tmp_path, monkeypatch):
    single = cli(big.posts_path, tmp_path / "single")
    posts = lockstep.spark.read(spark, str(big.posts_path))
    # The near-duplicate search takes every band's bucket pairs from the executors: at the
    # default similarity of 0.5, 35 bands of 3 MinHash values.
    bands = []
    band = lockstep.spark._ExecutorBuckets.band
    monkeypatch.setattr(
        lockstep.spark._ExecutorBuckets, "band", lambda self, b: bands.append(b) or band(self, b)
    )
    # Objects of more than 40 actions are swept in slices: most co-actions come from them.
    d = lockstep.spark.detect(posts, partitions=3, progress=False, slice_actions=40)
    assert bands == list(range(35))
    assert d.networks.num_rows >= 5
    d.write(tmp_path / "spark")
    assert_same_files(single, tmp_path / "spark")
    # The planted networks are found, as the CLI finds them.
    scores = json.loads(lockstep._lockstep.evaluate(str(big.truth_path), str(tmp_path / "spark")))
    assert scores["f1"] > 0.8, scores


def test_partitions_and_typed_parquet_do_not_change_the_files_without_text(big, spark, tmp_path):
    single = cli(big.posts_path, tmp_path / "single", "--signals", EXACT, "--window", "10m")
    # The same posts as Parquet with typed columns (timestamps, lists), as lakes hold them: a
    # directory of three files, the largest second, which Spark reads first.
    parquet = tmp_path / "posts"
    parquet.mkdir()
    table = lockstep.read(big.posts_path)
    cuts = [0, table.num_rows // 10, table.num_rows * 8 // 10, table.num_rows]
    for i in range(3):
        pq.write_table(table.slice(cuts[i], cuts[i + 1] - cuts[i]), parquet / f"part-{i}.parquet")
    # One partition with every object whole, five with objects of more than 25 actions cut.
    inputs = {1: (big.posts_path, lockstep.spark.SLICE_ACTIONS), 5: (parquet, 25)}
    for n, (path, slice_actions) in inputs.items():
        posts = lockstep.spark.read(spark, str(path))
        out = tmp_path / f"spark-{n}"
        args = [str(path), "--out", str(out), "--quiet", "--signals", EXACT, "--window", "10m"]
        lockstep.spark.run(
            [(str(path), posts)], args, partitions=n, progress=False, slice_actions=slice_actions
        )
        assert not (out / "narratives.csv").exists()
        assert_same_files(single, out)


@pytest.mark.parametrize("option", ["--spark-partitions", "--spark-slice-actions"])
@pytest.mark.parametrize("value", ["0", "many"])
def test_spark_counts_must_be_whole_and_positive(option, value, capsys):
    with pytest.raises(SystemExit) as exit:
        spark_main.main(["detect", "posts.csv", "--out", "out", option, value])
    assert exit.value.code == 2
    assert option in capsys.readouterr().err


def test_unknown_keywords_are_refused(spark):
    posts = spark.createDataFrame([("a", "2024-01-01T00:00:00Z", "p")], "account_id string, timestamp string, post_id string")
    with pytest.raises(TypeError, match="windo"):
        lockstep.spark.detect(posts, windo="1h")


def test_spark_submit_on_a_local_cluster(big, tmp_path):
    single = cli(big.posts_path, tmp_path / "single", "--fdr", "0.05")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    submit = Path(sys.executable).parent / "spark-submit"
    out = tmp_path / "cluster"
    subprocess.run(
        [
            str(submit),
            "--master", "local-cluster[2,1,1024]",
            "--conf", "spark.ui.enabled=false",
            spark_main.__file__,
            # Options before the input: lockstep detect's parser tells them apart.
            "detect", "--fdr", "0.05", "--spark-partitions", "4", "--spark-slice-actions", "60",
            str(big.posts_path),
            "--out", str(out), "--quiet",
        ],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert_same_files(single, out)
    run = json.loads((out / "run.json").read_text())
    assert run["input"]["files"][0]["source"] == str(big.posts_path)
