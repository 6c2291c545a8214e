"""Shared data: one generated dataset with ground truth, detected once from its CSV."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import lockstep
from lockstep import _lockstep

REPO = Path(__file__).resolve().parents[3]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def data(tmp_path_factory) -> lockstep.Synthetic:
    """2,000 accounts over the default days, with planted networks and hard negatives."""
    return lockstep.synth(tmp_path_factory.mktemp("synth"), seed=5, accounts=2000)


@pytest.fixture(scope="session")
def posts_frame(data) -> pd.DataFrame:
    """The generated posts as a pandas DataFrame of strings (as the CSV has them)."""
    return pd.read_csv(data.posts_path, dtype=str, keep_default_na=False)


def run_cli(args: list[str]) -> None:
    """Runs the lockstep CLI: the binary named by LOCKSTEP_BIN, or the same code in-process."""
    binary = os.environ.get("LOCKSTEP_BIN")
    if binary:
        subprocess.run([binary, *args], check=True, stdout=subprocess.DEVNULL)
    else:
        _lockstep.run_cli(args)


@pytest.fixture(scope="session")
def cli_run(data, tmp_path_factory) -> Path:
    """``lockstep detect posts.csv --out DIR`` on the generated CSV."""
    out = tmp_path_factory.mktemp("cli")
    run_cli(["detect", str(data.posts_path), "--out", str(out), "--quiet"])
    return out
