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


def _posts_partition() -> pa.Table:
    return pa.table(
        {
            "account_id": ["a", "", "b", "c"],
            "timestamp": ["2024-01-01T00:00:00Z"] * 4,
            "post_id": ["p1", "p2", "p1", "p3"],
            "text": [
                "RT @bob: Read THIS, now: please friends! https://x.org #Tag",
                "never read: no account",
                "too short",
                None,
            ],
            "urls": ["HTTPS://WWW.Example.COM/a/?utm_source=x&b=2 mailto:me@x.org", None, None, ""],
            "hashtags": ["#Vote vote #ＯＴＨＥＲ", None, None, None],
            "mentions": ["@Bob", None, None, None],
        }
    )


def test_a_partition_is_traced_on_the_executor() -> None:
    # Each row's traces, worked out from the rules of canonical links (scheme, case, www. and
    # tracking parameters dropped), folded tags and mentions, and normalised texts (retweet
    # marker, links and trailing tags dropped, punctuation separating words). The row without
    # an account makes no post; the duplicate post id is the driver's to reject, so it is
    # traced here. The text and list columns go back empty.
    traced = _read(_lockstep.trace_partition(["posts", "--out", "unused"], False, _posts_partition()))
    assert traced.column("__lockstep_traced").to_pylist() == [True, False, True, True]
    assert traced.column("__lockstep_links").to_pylist() == [["example.com/a?b=2"], None, [], []]
    assert traced.column("__lockstep_domains").to_pylist()[0] == ["example.com"]
    assert traced.column("__lockstep_hashtags").to_pylist()[0] == ["vote", "other"]
    assert traced.column("__lockstep_mentions").to_pylist()[0] == ["bob"]
    assert traced.column("__lockstep_urls_not_links").to_pylist() == [1, 0, 0, 0]
    assert traced.column("__lockstep_text").to_pylist() == [
        "read this now please friends", None, None, None
    ]
    assert traced.column("__lockstep_text_too_short").to_pylist() == [False, False, True, False]
    assert traced.column("account_id").to_pylist() == ["a", "", "b", "c"]
    assert traced.column("post_id").to_pylist() == ["p1", "p2", "p1", "p3"]
    for emptied in ("text", "urls", "hashtags", "mentions"):
        assert traced.column(emptied).null_count == 4, emptied


def test_a_run_writing_rejected_rows_gets_them_whole(tmp_path: Path) -> None:
    # The rejects file shows a rejected row's fields, the driver's duplicates among them.
    args = ["posts", "--out", "unused", "--rejects", str(tmp_path / "rejects.csv")]
    traced = _read(_lockstep.trace_partition(args, True, _posts_partition()))
    assert traced.column("text").to_pylist() == _posts_partition().column("text").to_pylist()
    assert traced.column("urls").null_count == 2
    assert traced.schema.field("__lockstep_text").type == pa.large_string()


def test_the_driver_commits_what_the_executors_prepared(tmp_path: Path) -> None:
    # Two accounts using one tag 10 s apart, in a partition traced on an executor whose
    # prepared tag was then changed: the driver's actions are on the prepared tag (one object
    # for both, where the raw tags differ), and the duplicate post id is rejected.
    posts = pa.table(
        {
            "account_id": ["a", "b", "c"],
            "timestamp": ["2024-01-01T00:00:00Z", "2024-01-01T00:00:10Z", "2024-01-01T00:00:20Z"],
            "post_id": ["p1", "p2", "p1"],
            "hashtags": ["x", "y", "x"],
        }
    )
    args = ["posts", "--out", str(tmp_path / "out"), "--quiet", "--signals", "hashtag"]
    traced = _read(_lockstep.trace_partition(args, False, posts))
    index = traced.schema.get_field_index("__lockstep_hashtags")
    traced = traced.set_column(
        index, traced.schema.field(index), pa.array([["z"], ["z"], ["z"]], pa.list_(pa.string()))
    )
    driver = _lockstep.ClusterDriver(args, [("posts", traced)])
    driver.cut(1 << 16)
    actions = _read(driver.actions())
    assert actions.num_rows == 2
    assert set(actions.column("object").to_pylist()) == {0}
    assert actions.column("account").to_pylist() == [0, 1]
