#!/usr/bin/env python3
"""Writes a posts CSV for the text-signal scale benchmark.

Usage: gen_text_posts.py N_POSTS OUT.csv [SEED]

Posts average 20 words (uniform 12..28) drawn from a Zipf-like vocabulary of 50,000 words,
from 500,000 accounts over 30 days. One post in 100 belongs to a copy-paste campaign: one of
N_POSTS/1000 messages, posted by the campaign's 8 accounts within 10 minutes, each copy with
one or two small edits (a word swapped or dropped, an emoji or hashtag appended, upper case).
"""
import csv
import itertools
import random
import sys

VOCAB = 50_000
ACCOUNTS = 500_000
DAYS = 30
START = 1_725_235_200  # 2024-09-02T00:00:00Z


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    words = [f"w{i}" for i in range(VOCAB)]
    cum = list(itertools.accumulate(1.0 / (i + 1) for i in range(VOCAB)))
    campaigns = max(1, n // 1000)
    messages = [rng.choices(words, cum_weights=cum, k=rng.randint(12, 28)) for _ in range(campaigns)]
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["account_id", "post_id", "timestamp", "text"])
        post = 0
        while post < n:
            if rng.random() < 0.01 / 8 and post + 8 <= n:
                c = rng.randrange(campaigns)
                t0 = START + rng.randrange(DAYS * 86400)
                for m in range(8):
                    text = list(messages[c])
                    for _ in range(rng.randint(1, 2)):
                        edit = rng.randrange(4)
                        if edit == 0:
                            text[rng.randrange(len(text))] = rng.choice(words)
                        elif edit == 1 and len(text) > 2:
                            text.pop(rng.randrange(len(text)))
                        elif edit == 2:
                            text.append(rng.choice(["🔥", "#wakeup", "!!!"]))
                        else:
                            text[0] = text[0].upper()
                    w.writerow([f"c{c}_{m}", post, t0 + rng.randrange(600), " ".join(text)])
                    post += 1
            else:
                text = rng.choices(words, cum_weights=cum, k=rng.randint(12, 28))
                w.writerow([rng.randrange(ACCOUNTS), post, START + rng.randrange(DAYS * 86400),
                            " ".join(text)])
                post += 1


if __name__ == "__main__":
    main()
