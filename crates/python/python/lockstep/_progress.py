"""Progress of a detection run on standard error: in a terminal one updating line per stage,
elsewhere (a notebook, which shows standard error under the cell; a log) a line per event."""

from __future__ import annotations

import sys


class StageProgress:
    """Called by the native module as ``progress(event, stage, value)``: ``start``, ``rows``
    (rows read so far) or ``finish`` (seconds taken)."""

    def __init__(self) -> None:
        self._terminal = sys.stderr.isatty()

    def _write(self, text: str) -> None:
        sys.stderr.write(text)
        sys.stderr.flush()

    def __call__(self, event: str, stage: str, value: float) -> None:
        if event == "rows" and self._terminal:
            self._write(f"\rlockstep: {stage}: {int(value):,} rows read")
        elif event == "finish":
            # In a terminal, overwrite the stage's row count and clear the rest of the line.
            prefix, suffix = ("\r", "\033[K") if self._terminal else ("", "")
            self._write(f"{prefix}lockstep: {stage} done in {value:.2f} s{suffix}\n")
        elif event == "start" and not self._terminal:
            self._write(f"lockstep: {stage} ...\n")
