"""Type stubs of the native module (see crates/python/src/lib.rs)."""

from typing import Any, Callable, Optional, Sequence, Tuple

__version__: str

class LockstepError(ValueError):
    """Input or options lockstep cannot use; the message names the file, line and column."""

def detect(
    args: Sequence[str],
    tables: Sequence[Tuple[str, Any]],
    progress: Optional[Callable[[str, str, float], None]] = None,
) -> Tuple[str, Optional[str]]:
    """Detects with the options of ``lockstep detect ARGS...`` and writes its files; returns
    the timing line and the note on skipped graph exports."""

def run_cli(args: Sequence[str]) -> None:
    """Runs a ``lockstep`` command line (without the program name)."""

def help(command: str) -> str:
    """The long help of ``lockstep COMMAND``."""

def evaluate(truth: str, dir: str) -> str:
    """``lockstep eval --json --truth TRUTH DIR``: the scores as JSON text."""

def write_report(dir: str) -> None:
    """Writes report.html into a run directory."""

def read(paths: Sequence[str], format: Optional[str] = None, columns: Sequence[str] = ...) -> Any:
    """Posts read by lockstep's readers: an Arrow C stream capsule of the canonical columns."""
