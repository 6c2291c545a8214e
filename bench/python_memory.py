"""Peak memory of detection from a pandas DataFrame against the CLI on the same posts.

    python bench/python_memory.py POSTS.csv [detect options...]

Runs, each in a fresh process: `lockstep detect POSTS.csv --out TMP --quiet OPTIONS` (peak RSS
from /usr/bin/time -v), and `pandas.read_csv` of the same file (every column
as strings) followed by `lockstep.detect(frame, OPTIONS)` (RSS after loading, peak RSS). Needs
the package installed (`pip install ./`) and /usr/bin/time. Prints a markdown table.
"""

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
import pandas as pd
import lockstep

def rss_mib():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

posts, args = sys.argv[1], json.loads(sys.argv[2])
t = time.time()
frame = pd.read_csv(posts, dtype=str, keep_default_na=False)
loaded, load_s = rss_mib(), time.time() - t
t = time.time()
d = lockstep.detect(frame, progress=False, **args)
detect_s = time.time() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(dict(rows=len(frame), loaded=loaded, load_s=load_s, detect_s=detect_s,
                      peak=peak, networks=d.networks.num_rows, edges=d.edges.num_rows,
                      dtype=str(frame.dtypes.iloc[0]))))
"""


def keywords(options):
    """`--window 60s --signals a,b` as detect() keywords."""
    out, i = {}, 0
    while i < len(options):
        name = options[i].lstrip("-").replace("-", "_")
        value = options[i + 1]
        out[name] = value.split(",") if name == "signals" else value
        i += 2
    return out


def main():
    posts, options = sys.argv[1], sys.argv[2:]
    binary = REPO / "target" / "release" / "lockstep"
    with tempfile.TemporaryDirectory() as out:
        t = time.time()
        done = subprocess.run(
            ["/usr/bin/time", "-v", str(binary), "detect", posts, "--out", out, "--quiet", *options],
            capture_output=True, text=True, check=True,
        )
        cli_s = time.time() - t
        cli_peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) / 1024
        cli_edges = sum(1 for _ in open(Path(out) / "edges.csv")) - 1
    child = subprocess.run(
        [sys.executable, "-c", CHILD, posts, json.dumps(keywords(options))],
        capture_output=True, text=True,
    )
    if child.returncode != 0:
        sys.exit(child.stderr)
    py = json.loads(child.stdout.strip().splitlines()[-1])
    assert py["edges"] == cli_edges, (py["edges"], cli_edges)
    print("| rows | CLI wall s | CLI peak MiB | DataFrame loaded MiB | Python detect s | Python peak MiB | peak / CLI peak | column dtype |")
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| {py['rows']:,} | {cli_s:.1f} | {cli_peak:,.0f} | {py['loaded']:,.0f} | {py['detect_s']:.1f} "
        f"| {py['peak']:,.0f} | {py['peak'] / cli_peak:.2f} | {py['dtype']} |"
    )


if __name__ == "__main__":
    main()
