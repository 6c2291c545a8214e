"""Reads a Spark event log directory and prints one markdown row: shuffle bytes written and
read, the executors' peak JVM heap and Python RSS, the driver's peak RSS, and whether the run's
result files equal the single-machine run's.

    python bench/spark_metrics.py EVENT_LOG_DIR SINGLE_DIR SPARK_DIR "| row start |" DRIVER_MIB
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FILES = ("accounts.csv", "edges.csv", "evidence.csv", "networks.json")


def main() -> None:
    logs, single, spark, start, driver = sys.argv[1:6]
    written = read = 0
    heap = python_rss = 0
    for log in Path(logs).rglob("events_*"):
        for line in log.open():
            event = json.loads(line)
            kind = event.get("Event")
            if kind == "SparkListenerTaskEnd":
                metrics = event.get("Task Metrics") or {}
                written += metrics.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
                r = metrics.get("Shuffle Read Metrics", {})
                read += r.get("Remote Bytes Read", 0) + r.get("Local Bytes Read", 0)
            peaks = event.get("Task Executor Metrics") or event.get("Executor Metrics") or {}
            if kind in ("SparkListenerTaskEnd", "SparkListenerStageExecutorMetrics"):
                heap = max(heap, peaks.get("JVMHeapMemory", 0))
                python_rss = max(python_rss, peaks.get("ProcessTreePythonRSSMemory", 0))
    same = all(
        (Path(single) / f).read_bytes() == (Path(spark) / f).read_bytes() for f in FILES
    )
    mb = lambda b: f"{b / 1e6:,.0f}"
    mib = lambda b: f"{b / 2**20:,.0f}"
    print(f"{start} {mb(written)} | {mb(read)} | {mib(heap)} | {mib(python_rss)} | {driver} | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
