#!/usr/bin/env python3
"""Side-by-side near-duplicate text comparison with the QUT Coordination Network Toolkit.

prepare POSTS OUT_DIR: from a lockstep posts CSV (e.g. `lockstep synth` output), keep the
    original posts (not reshares) whose text has at least 5 words after removing @mentions and
    URLs (both tools drop shorter texts differently, so the comparison leaves them out), and
    write OUT_DIR/qut.csv (the toolkit's 8 positional columns, UNIX seconds) and
    OUT_DIR/lockstep.csv (account_id, post_id, timestamp, text).
prepare-posts POSTS OUT_DIR: every post of a lockstep posts CSV as the toolkit's 8 columns
    (OUT_DIR/qut.csv), with reshares as repost_id, replies as reply_id and the URLs, for
    co_retweet and co_link.
export QUT_DB OUT_CSV [NETWORK]: the toolkit's edges (user_1, user_2, weight) of NETWORK
    (default co_similar_tweet) as CSV.
score QUT_EDGES LOCKSTEP_EDGES: recall of the toolkit's account pairs (self-loops removed,
    order ignored) among lockstep's, and the pair counts.
"""
import csv
import datetime
import re
import sqlite3
import sys

WORD = re.compile(r"\w+")


def words(text):
    kept = [t for t in text.split() if not t.startswith("@") and "://" not in t]
    return len(WORD.findall(" ".join(kept)))


def prepare(posts, out_dir):
    with open(posts, newline="", encoding="utf-8") as f, open(
        f"{out_dir}/qut.csv", "w", newline="", encoding="utf-8"
    ) as q, open(f"{out_dir}/lockstep.csv", "w", newline="", encoding="utf-8") as l:
        qw, lw = csv.writer(q), csv.writer(l)
        qw.writerow(["message_id", "user_id", "username", "repost_id", "reply_id",
                     "message", "timestamp", "urls"])
        lw.writerow(["account_id", "post_id", "timestamp", "text"])
        kept = 0
        for row in csv.DictReader(f):
            text = row["text"]
            if row["reshare_of"] or words(text) < 5:
                continue
            ts = datetime.datetime.fromisoformat(row["timestamp"].replace("Z", "+00:00"))
            secs = int(ts.timestamp())
            qw.writerow([row["post_id"], row["account_id"], row["account_id"], "", "",
                         text, secs, ""])
            lw.writerow([row["account_id"], row["post_id"], row["timestamp"], text])
            kept += 1
    print(f"{kept} posts with at least 5 words")


def prepare_posts(posts, out_dir):
    with open(posts, newline="", encoding="utf-8") as f, open(
        f"{out_dir}/qut.csv", "w", newline="", encoding="utf-8"
    ) as q:
        qw = csv.writer(q)
        qw.writerow(["message_id", "user_id", "username", "repost_id", "reply_id",
                     "message", "timestamp", "urls"])
        n = 0
        for row in csv.DictReader(f):
            ts = datetime.datetime.fromisoformat(row["timestamp"].replace("Z", "+00:00"))
            qw.writerow([row["post_id"], row["account_id"], row["account_id"],
                         row["reshare_of"], row["reply_to"], row["text"],
                         int(ts.timestamp()), row["urls"]])
            n += 1
    print(f"{n} posts")


def export(db, out_csv, network="co_similar_tweet"):
    if not network.replace("_", "").isalnum():
        sys.exit(f"bad network name {network!r}")
    rows = sqlite3.connect(db).execute(
        f"select user_1, user_2, weight from {network}_network"
    )
    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["user_1", "user_2", "weight"])
        w.writerows(rows)


def pairs(path, a, b):
    with open(path, newline="", encoding="utf-8") as f:
        out = set()
        for row in csv.DictReader(f):
            x, y = row[a], row[b]
            if x != y:
                out.add((min(x, y), max(x, y)))
        return out


def score(qut_edges, lockstep_edges):
    with open(qut_edges, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    theirs = pairs(qut_edges, header[0], header[1])
    ours = pairs(lockstep_edges, "source", "target")
    found = len(theirs & ours)
    recall = found / len(theirs) if theirs else 1.0
    print(f"toolkit pairs {len(theirs)}, lockstep pairs {len(ours)}, "
          f"toolkit pairs found by lockstep {found}, recall {recall:.4f}, "
          f"lockstep pairs not in the toolkit {len(ours - theirs)}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "prepare-posts":
        prepare_posts(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "export":
        export(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
