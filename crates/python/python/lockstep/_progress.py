"""Progress of a detection run, on standard error: a line per stage in a terminal or a
notebook (Jupyter shows standard error under the cell)."""

from __future__ import annotations

import sys


class StageProgress:
    """Called by the native module as ``progress(event, stage, value)``."""

    def __init__(self) -> None:
        self._terminal = sys.stderr.isatty()

    def __call__(self, event: str, stage: str, value: float) -> None:
        if event == "rows":
            if self._terminal:
                sys.stderr.write(f"\rlockstep: {stage}: {int(value):,} rows read")
                sys.stderr.flush()
        elif event == "finish":
            end = "\r" if self._terminal else ""
            sys.stderr.write(f"{end}lockstep: {stage} done in {value:.2f} s\033[K\n" if self._terminal
                             else f"lockstep: {stage} done in {value:.2f} s\n")
            sys.stderr.flush()
        elif event == "start" and not self._terminal:
            sys.stderr.write(f"lockstep: {stage} ...\n")
            sys.stderr.flush()
