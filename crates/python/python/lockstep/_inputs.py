"""Posts and accounts given as paths or as tables."""

from __future__ import annotations

import os
from typing import Any, Union

import pyarrow as pa

PathLike = Union[str, "os.PathLike[str]"]


def is_path(value: Any) -> bool:
    return isinstance(value, (str, os.PathLike))


def as_stream(table: Any) -> Any:
    """An object exporting the Arrow C stream interface for `table`: a pyarrow Table or
    RecordBatchReader, a polars or pandas DataFrame, or anything with ``__arrow_c_stream__``.

    Objects that export the interface are passed as they are (their buffers are shared, not
    copied); an older pandas DataFrame goes through ``pyarrow.Table.from_pandas``.
    """
    if hasattr(table, "__arrow_c_stream__"):
        return table
    module = type(table).__module__.split(".")[0]
    if module == "pandas":
        return pa.Table.from_pandas(table, preserve_index=False)
    if module == "polars" and hasattr(table, "to_arrow"):
        return table.to_arrow()
    raise TypeError(
        "posts must be a path, a list of paths, a pandas or polars DataFrame, or a pyarrow "
        f"Table or RecordBatchReader; got {type(table).__name__}"
    )
