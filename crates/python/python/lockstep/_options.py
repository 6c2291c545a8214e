"""Keyword options turned into the command line ``lockstep detect`` takes.

The native module parses that command line with the CLI's own parser, so options, defaults,
checks and error messages are the CLI's.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

#: A duration such as ``"10s"``, ``"1m"`` or ``"2h"``, or ``"auto"``.
Window = Union[str, Mapping[str, str], Sequence[str]]


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def columns_args(columns: Union[None, Mapping[str, str], Iterable[str]]) -> list[str]:
    """`FIELD=COLUMN` strings from a ``{field: column}`` mapping or such strings."""
    if columns is None:
        return []
    if isinstance(columns, Mapping):
        return [f"{field}={column}" for field, column in columns.items()]
    return [str(c) for c in columns]


def _windows(window: Window) -> list[str]:
    if isinstance(window, str):
        return [window]
    if isinstance(window, Mapping):
        return [f"{signal}={duration}" for signal, duration in window.items()]
    return [str(w) for w in window]


def _path(value: Union[str, "os.PathLike[str]"]) -> str:
    return os.fspath(value)


def detect_args(inputs: Sequence[str], out: str, options: Mapping[str, Any]) -> list[str]:
    """The ``lockstep detect`` arguments (without ``detect``) for `options`.

    Every option is passed, defaults included, so that what runs is exactly what is shown.
    """
    args: list[str] = list(inputs) + ["--out", out, "--quiet"]
    for name, value in options.items():
        if value is None or value is False:
            continue
        if name == "columns":
            for c in columns_args(value):
                args += ["--column", c]
        elif name == "window":
            for w in _windows(value):
                args += ["--window", w]
        elif name in ("windows", "signals"):
            items = [value] if isinstance(value, str) else list(value)
            args += [_flag(name), ",".join(str(v) for v in items)]
        elif name in ("accounts", "rejects"):
            args += [_flag(name), _path(value)]
        elif value is True:
            args.append(_flag(name))
        else:
            args += [_flag(name), str(value)]
    return args


def command_args(command: str, options: Mapping[str, Any], positional: Optional[Sequence[str]] = None) -> list[str]:
    """A ``lockstep COMMAND`` command line: each keyword becomes ``--keyword value`` (or a bare
    ``--keyword`` when it is True; False and None are left out)."""
    args = [command] + list(positional or [])
    for name, value in options.items():
        if value is None or value is False:
            continue
        if value is True:
            args.append(_flag(name))
        else:
            args += [_flag(name), _path(value) if isinstance(value, os.PathLike) else str(value)]
    return args
