"""The cluster kernels lockstep.spark runs, called directly: a viral object goes out in slices
that the slice kernel pairs, and each kernel refuses the other's rows."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

import lockstep
from lockstep import _lockstep


def _read(capsule) -> pa.Table:
    return pa.RecordBatchReader._import_from_c_capsule(capsule).read_all()


def test_a_viral_object_goes_out_in_slices_that_pair_as_the_whole(tmp_path: Path) -> None:
    # One tag used by three accounts 10 s apart: cut at two actions, two slices, the second
    # carrying the first two actions as the context of the third.
    posts = tmp_path / "posts.csv"
    posts.write_text(
        "account_id,timestamp,hashtags\n"
        "a,2024-01-01T00:00:00Z,x\nb,2024-01-01T00:00:10Z,x\nc,2024-01-01T00:00:20Z,x\n"
    )
    out = tmp_path / "out"
    driver = _lockstep.ClusterDriver(
        ["posts", "--out", str(out), "--quiet"], [("posts", lockstep.read(posts))]
    )
    plan = driver.plan()
    assert driver.cut(2) == 2
    actions = _read(driver.actions())
    assert actions.column("slice").to_pylist() == [1, 1, 2, 2, 2]
    assert actions.column("owned").to_pylist() == [True, True, False, False, True]
    assert set(actions.column("accounts").to_pylist()) == {3}
    found = _read(_lockstep.pair_slices_partition(plan, actions))
    # One batch per slice: a-b in the first, a-c and b-c in the second; every pair once.
    assert [b.num_rows for b in found.to_batches()] == [1, 2]
    pairs = sorted(zip(found.column("a").to_pylist(), found.column("b").to_pylist()))
    assert pairs == [(0, 1), (0, 2), (1, 2)]
    assert set(found.column("kind").to_pylist()) == {3}
    with pytest.raises(ValueError, match="pair_slices_partition"):
        _lockstep.sweep_partition(plan, actions)
    whole = actions.set_column(
        actions.schema.get_field_index("slice"), "slice", pc.multiply(actions["slice"], 0)
    )
    with pytest.raises(ValueError, match="sweep_partition"):
        _lockstep.pair_slices_partition(plan, whole)
