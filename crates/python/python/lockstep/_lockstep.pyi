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

def sweep_partition(plan: bytes, actions: Any) -> Any:
    """Sweeps one partition of the actions of objects sent whole; an Arrow C stream capsule of
    co-action, object and part rows (see lockstep.spark.SWEPT_SCHEMA)."""

def pair_slices_partition(plan: bytes, actions: Any) -> Any:
    """Pairs one partition of the slices of cut objects (whole slices); an Arrow C stream
    capsule of one batch per slice, made as it is read, of co-action rows before episodes are
    counted (see lockstep.spark.SLICE_COACTION_SCHEMA)."""

def merge_parts(a: bytes, b: bytes) -> bytes:
    """Merges two model parts of one signal (the ``part`` of rows of kind 2) into one; exact,
    in any order."""

def episodes_partition(plan: bytes, coactions: Any) -> Any:
    """Reduces one partition of the co-actions found in slices (whole objects and account
    pairs) to one per episode; an Arrow C stream capsule of co-action and part rows (see
    lockstep.spark.SWEPT_SCHEMA)."""

def band_keys_partition(similarity: float, shingle_size: int, texts: Any) -> Any:
    """The MinHash band keys of one partition of the distinct texts (``text``, ``value``); an
    Arrow C stream capsule of ``band``, ``key``, ``text`` rows (see
    lockstep.spark.BAND_KEY_SCHEMA)."""

def bucket_pairs_partition(keys: Any) -> Any:
    """The pairs of texts to compare in the buckets of one partition of the band keys (every
    key of each bucket it holds); an Arrow C stream capsule of ``band``, ``a``, ``b`` rows (see
    lockstep.spark.BUCKET_PAIR_SCHEMA)."""

def trace_partition(args: Sequence[str], large: bool, posts: Any) -> Any:
    """Traces one partition of the posts of ``lockstep detect ARGS...`` (consecutive rows of
    one input, in order); an Arrow C stream capsule of the rows' own columns (text and list
    columns emptied unless ARGS write rejected rows) followed by the prepared ones (see
    lockstep.spark.TRACED_COLUMNS), texts as 64-bit offset strings when `large`."""

class Weigher:
    """The sweep plan and chance model an executor weighs its partitions against."""

    def __init__(self, plan: bytes, model: bytes) -> None: ...
    def weigh(self, coactions: Any) -> Any:
        """Weighs one partition of the co-actions (whole account pairs); an Arrow C stream
        capsule of kept co-action rows and the tally row (see lockstep.spark.WEIGHED_SCHEMA)."""

class ClusterDriver:
    """The driver of a cluster run of ``lockstep detect ARGS...``; tables traced by
    :func:`trace_partition` are committed as the executors prepared them."""

    def __init__(
        self,
        args: Sequence[str],
        tables: Sequence[Tuple[str, Any]],
        progress: Optional[Callable[[str, str, float], None]] = None,
        parquet_twins: bool = False,
        buckets: Optional[Any] = None,
    ) -> None: ...
    def plan(self) -> bytes: ...
    def cut(self, slice_actions: int) -> int: ...
    def actions(self) -> Any: ...
    def model(self, rows: Any, parts: Sequence[Tuple[int, bytes]]) -> bytes: ...
    def select(self, tallies: Sequence[bytes]) -> Tuple[str, float]: ...
    def finish(self, selected: Any) -> Tuple[str, Optional[str]]: ...

def detect_inputs(args: Sequence[str]) -> list:
    """The inputs ``lockstep detect ARGS...`` names, as given."""
