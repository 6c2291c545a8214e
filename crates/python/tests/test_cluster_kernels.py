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


def test_model_parts_merged_in_any_order_build_the_same_model(tmp_path: Path) -> None:
    # Four accounts on two tags, swept in two partitions (one tag each): the model built from
    # the two parts apart, and from them merged either way round, is the same.
    posts = tmp_path / "posts.csv"
    rows = [f"{a},2024-01-01T00:{m:02d}:{s:02d}Z,{tag}"
            for m in range(0, 50, 7) for s, (a, tag) in enumerate(
                [("a", "x"), ("b", "x"), ("c", "x"), ("b", "y"), ("c", "y"), ("d", "y")])]
    posts.write_text("account_id,timestamp,hashtags\n" + "\n".join(rows) + "\n")

    def driver():
        d = _lockstep.ClusterDriver(
            ["posts", "--out", str(tmp_path / "out"), "--quiet"], [("posts", lockstep.read(posts))]
        )
        d.cut(1 << 16)
        return d

    first = driver()
    plan = first.plan()
    actions = _read(first.actions())
    swept = [
        _read(_lockstep.sweep_partition(plan, actions.filter(pc.equal(actions["object"], o))))
        for o in (0, 1)
    ]
    objects = pa.concat_tables([t.filter(pc.equal(t["kind"], 1)) for t in swept])
    (signal_a, part_a), (signal_b, part_b) = [
        (t.filter(pc.equal(t["kind"], 2))["signal"][0].as_py(),
         t.filter(pc.equal(t["kind"], 2))["part"][0].as_py())
        for t in swept
    ]
    assert signal_a == signal_b
    apart = first.model(objects, [(signal_a, part_a), (signal_b, part_b)])
    merged = _lockstep.merge_parts(part_a, part_b)
    assert driver().model(objects, [(signal_a, merged)]) == apart
    assert driver().model(objects, [(signal_a, _lockstep.merge_parts(part_b, part_a))]) == apart
    with pytest.raises(Exception, match="decoding a cluster message"):
        _lockstep.merge_parts(part_a, b"\xff")
