"""lockstep from Python: generate posts with planted networks, detect them from a pandas
DataFrame, look at the networks and score them against the ground truth.

    python examples/python_quickstart.py [OUT_DIR]
"""

import sys
from pathlib import Path

import pandas as pd

import lockstep

out = Path(sys.argv[1] if len(sys.argv) > 1 else "lockstep-python-example")
data = lockstep.synth(out / "data", seed=7, accounts=2000)

posts = pd.read_csv(data.posts_path, dtype=str, keep_default_na=False)
detection = lockstep.detect(posts, accounts=data.accounts_path, window="1h", fdr=0.01)

print(detection)
top = detection.networks.select(["id", "size", "verdict", "score"]).slice(0, 5)
print(top.to_pandas().to_string(index=False))

scores = lockstep.evaluate(data.truth_path, detection)
print(f"precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  F1 {scores['f1']:.3f}")

detection.write(out / "results")
detection.report(out / "results" / "report.html")
print(f"results and report: {out / 'results'}")
assert scores["f1"] > 0.8, "the planted networks should be found"
