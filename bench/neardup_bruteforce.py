#!/usr/bin/env python3
"""Checks lockstep's LSH candidate search against brute force on bench/gen_text_posts.py data.

Usage: neardup_bruteforce.py POSTS.csv LOCKSTEP_EDGES.csv [THRESHOLD] [WINDOW_S]

Brute force: for each campaign (accounts c<k>_<m>), exact Jaccard on word bigrams (lowercase,
hashtags and punctuation dropped) for every pair of its posts, single linkage at THRESHOLD
(default 0.5), then the account pairs with posts in one group at most WINDOW_S (default 300)
seconds apart. Prints those pairs, the campaign pairs lockstep linked, and lockstep's links
between accounts of different campaigns or random accounts. Run lockstep with
`--signals text --window text=5m --min-evidence --min-weight 0 --min-objects 1`.
"""
import collections
import csv
import re
import sys


def bigrams(text):
    words = [re.sub(r"[^\w]", "", t) for t in text.lower().split() if not t.startswith("#")]
    words = [w for w in words if w]
    return set(zip(words, words[1:])) if len(words) > 1 else {tuple(words)}


def main():
    posts_csv, edges_csv = sys.argv[1], sys.argv[2]
    threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
    window = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    campaigns = collections.defaultdict(list)
    for r in csv.DictReader(open(posts_csv, newline="")):
        if r["account_id"].startswith("c"):
            campaign = r["account_id"].split("_")[0]
            campaigns[campaign].append((r["account_id"], int(r["timestamp"]), bigrams(r["text"])))
    expected = set()
    for posts in campaigns.values():
        parent = list(range(len(posts)))

        def root(x):
            while parent[x] != x:
                x = parent[x]
            return x

        for i in range(len(posts)):
            for j in range(i):
                a, b = posts[i][2], posts[j][2]
                if len(a & b) / len(a | b) >= threshold:
                    parent[root(i)] = root(j)
        for i in range(len(posts)):
            for j in range(i):
                (x, tx, _), (y, ty, _) = posts[i], posts[j]
                if x != y and root(i) == root(j) and abs(tx - ty) <= window:
                    expected.add((min(x, y), max(x, y)))
    linked, stray = set(), 0
    for r in csv.DictReader(open(edges_csv, newline="")):
        x, y = r["source"], r["target"]
        if x.startswith("c") and y.startswith("c") and x.split("_")[0] == y.split("_")[0]:
            linked.add((min(x, y), max(x, y)))
        else:
            stray += 1
    print(f"brute force {len(expected)} pairs, lockstep {len(linked)}, both {len(expected & linked)}, "
          f"lockstep links outside campaigns {stray}")


if __name__ == "__main__":
    main()
