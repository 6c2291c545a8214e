"""Errors are Python exceptions with the CLI's messages."""

from __future__ import annotations

import _thread
import signal

import pandas as pd
import pyarrow as pa
import pytest

import lockstep


def test_missing_column_names_it(posts_frame):
    with pytest.raises(ValueError, match="account_id"):
        lockstep.detect(posts_frame.drop(columns=["account_id"]), progress=False)


def test_ill_typed_column_names_it_and_what_was_expected(posts_frame):
    frame = posts_frame.head(50).copy()
    frame["timestamp"] = True
    with pytest.raises(ValueError, match="timestamp") as e:
        lockstep.detect(frame, progress=False)
    assert isinstance(e.value, lockstep.LockstepError)


def test_a_bad_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("account_id,timestamp\na,notatime\nb,2024-13-45\n")
    with pytest.raises(lockstep.LockstepError, match=r"posts\.csv: 2 of 2 rows rejected .*first at line 2"):
        lockstep.detect(path, progress=False)
    path.write_text("user,timestamp\na,2024-01-01T00:00:00Z\n")
    with pytest.raises(lockstep.LockstepError, match=r"posts\.csv:1:1: no 'account_id' column"):
        lockstep.detect(path, progress=False)


def test_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError, match="nothere.csv"):
        lockstep.detect(tmp_path / "nothere.csv", progress=False)


def test_a_bad_option_is_a_value_error_with_the_cli_message(posts_frame):
    with pytest.raises(ValueError, match="--fdr must lie strictly between 0 and 1"):
        lockstep.detect(posts_frame, fdr=2.0, progress=False)
    with pytest.raises(ValueError, match="unknown signal|invalid"):
        lockstep.detect(posts_frame, signals=["nosuch"], progress=False)


def test_not_a_table_is_a_type_error():
    with pytest.raises(TypeError, match="DataFrame"):
        lockstep.detect(42, progress=False)


def test_ctrl_c_interrupts_a_run(data, monkeypatch):
    """KeyboardInterrupt reaches the caller while the native run is going on: Ctrl-C is sent
    from the first progress event, which the native run sends once it has started."""
    posts = pd.read_csv(data.posts_path, dtype=str, keep_default_na=False)
    big = pd.concat(
        [posts.assign(post_id=posts["post_id"] + f"-{i}") for i in range(6)], ignore_index=True
    )
    events = []

    class InterruptOnFirstEvent:
        def __call__(self, event: str, stage: str, value: float) -> None:
            events.append((event, stage))
            if len(events) == 1:
                _thread.interrupt_main()

    monkeypatch.setattr(lockstep, "StageProgress", InterruptOnFirstEvent)
    # A process started in the background by a shell inherits Ctrl-C ignored, and then Python
    # has no handler for it to raise; a terminal's Python has this one.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            lockstep.detect(big, progress=True)
    finally:
        # None: the previous handler was not installed from Python; leave Python's in place.
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    assert events[0][0] == "start"
