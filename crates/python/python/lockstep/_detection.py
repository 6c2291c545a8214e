"""The result of a detection run."""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Dict, Optional

import pyarrow as pa
import pyarrow.parquet as pq

from . import _lockstep

#: The result tables, as the files the CLI writes.
TABLES = ("accounts", "networks", "edges", "evidence", "narratives")


class Detection:
    """Networks found by :func:`lockstep.detect`, with the evidence behind them.

    The tables are pyarrow Tables with the columns of FORMATS.md: ``accounts``, ``edges``,
    ``evidence`` and ``narratives`` (``None`` when texts were not compared) as in their CSV
    files, typed; ``networks`` one row per network of networks.json. ``run`` is run.json.

    >>> d = lockstep.detect("posts.csv")                    # doctest: +SKIP
    >>> d.networks.select(["id", "size", "verdict"])        # doctest: +SKIP
    >>> d.to_pandas("accounts").head()                      # doctest: +SKIP
    """

    def __init__(
        self,
        run_dir: tempfile.TemporaryDirectory,
        output_format: str,
        timings: str,
        note: Optional[str] = None,
    ):
        self._tmp = run_dir
        self._dir = Path(run_dir.name)
        self._output_format = output_format
        self._tables: Dict[str, Optional[pa.Table]] = {}
        self.timings: str = timings
        """One line with the time of every stage, as the CLI prints it."""
        self.note: Optional[str] = note
        """Why the graph exports were not written, when they were skipped for the run's size."""

    def _table(self, name: str) -> Optional[pa.Table]:
        if name not in self._tables:
            if name == "networks":
                networks = json.loads((self._dir / "networks.json").read_text())["networks"]
                self._tables[name] = pa.Table.from_pylist(networks)
            else:
                path = self._dir / f"{name}.parquet"
                self._tables[name] = pq.read_table(path) if path.exists() else None
        return self._tables[name]

    @property
    def accounts(self) -> pa.Table:
        """accounts.csv: one row per account in a network or on an edge."""
        return self._table("accounts")

    @property
    def networks(self) -> pa.Table:
        """networks.json's networks, one row each, ranked."""
        return self._table("networks")

    @property
    def edges(self) -> pa.Table:
        """edges.csv: the kept account pairs with their chance model figures."""
        return self._table("edges")

    @property
    def evidence(self) -> pa.Table:
        """evidence.csv: every co-action behind every kept edge."""
        return self._table("evidence")

    @property
    def narratives(self) -> Optional[pa.Table]:
        """narratives.csv, or None when the text signal was not swept."""
        return self._table("narratives")

    @property
    def run(self) -> Dict[str, Any]:
        """run.json: parameters, input accounting, statistics and timings."""
        return json.loads((self._dir / "run.json").read_text())

    @property
    def networks_json(self) -> Dict[str, Any]:
        """networks.json as written, with its scoring notes."""
        return json.loads((self._dir / "networks.json").read_text())

    def to_pandas(self, name: Optional[str] = None) -> Any:
        """The table `name` as a pandas DataFrame, or all of them in a dict."""
        if name is not None:
            table = self._table(name)
            return None if table is None else table.to_pandas()
        return {n: self.to_pandas(n) for n in TABLES}

    def to_polars(self, name: Optional[str] = None) -> Any:
        """The table `name` as a polars DataFrame, or all of them in a dict."""
        import polars as pl

        if name is not None:
            table = self._table(name)
            return None if table is None else pl.from_arrow(table)
        return {n: self.to_polars(n) for n in TABLES}

    def to_networkx(self) -> Any:
        """The account graph with the graph exports' attributes (graph.graphml): one node per
        account (``network``, ``score``, ``inauthenticity``, ``verdict``, ``role``), one edge per
        kept pair (``weight``, ``signals``, ``leader``, ``p_value``)."""
        import networkx as nx

        path = self._dir / "graph.graphml"
        if not path.exists():
            raise _lockstep.LockstepError(self.note or "graph exports were not written (graph_exports='never')")
        return nx.read_graphml(path)

    def write(self, directory: "str | os.PathLike[str]") -> Path:
        """Writes exactly the files ``lockstep detect --out DIRECTORY`` writes; returns it."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        for path in sorted(self._dir.iterdir()):
            if path.suffix == ".parquet" and self._output_format != "parquet":
                continue
            shutil.copyfile(path, out / path.name)
        return out

    def report(self, path: "str | os.PathLike[str]" = "report.html") -> Path:
        """Writes the self-contained HTML report to `path`; returns it."""
        _lockstep.write_report(str(self._dir))
        target = Path(path)
        shutil.copyfile(self._dir / "report.html", target)
        return target

    def __repr__(self) -> str:
        n = self.networks.num_rows
        accounts = sum(self.networks.column("size").to_pylist()) if n else 0
        return f"<lockstep.Detection: {n} networks, {accounts} accounts, {self.edges.num_rows} edges>"

    def _repr_html_(self, top: int = 10) -> str:
        rows = self.networks.slice(0, top).to_pylist() if self.networks.num_rows else []
        cells = []
        for net in rows:
            members = net.get("members") or []
            shown = ", ".join(str(m) for m in members[:5]) + (" ..." if len(members) > 5 else "")
            signals = ", ".join(str(s) for s in (net.get("signals") or []))
            cells.append(
                "<tr>"
                + "".join(
                    f"<td>{html.escape(str(v))}</td>"
                    for v in (net.get("id"), net.get("size"), net.get("verdict"),
                              f"{float(net.get('score') or 0):.3g}", signals, shown)
                )
                + "</tr>"
            )
        header = "".join(f"<th>{h}</th>" for h in ("id", "size", "verdict", "score", "signals", "members"))
        title = html.escape(repr(self))
        return (
            f"<div><p>{title}</p><table><thead><tr>{header}</tr></thead>"
            f"<tbody>{''.join(cells)}</tbody></table></div>"
        )
