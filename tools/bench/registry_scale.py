#!/usr/bin/env python3
"""Whole-process search time against the size of the entity registry (issue 10, "Registry and
taxonomy by key"): the same 300 generated documents indexed twice, once with a registry of 100
entities and once with 1,000,000, then the same searches run as whole `annosearch search`
processes against each; prints the median and p95 per registry size and their ratio.

Usage: registry_scale.py ANNOSEARCH_BIN WORKDIR [ENTITIES=1000000] [RUNS=30]
"""
import json
import os
import random
import statistics
import subprocess
import sys
import time

WORDS = ("refugees border security talks minister government aid trade energy water river "
         "election army visit summit agreement oil price market bank loan school health").split()


def write_corpus(root, n_entities, docs):
    os.makedirs(os.path.join(root, "documents"), exist_ok=True)
    with open(os.path.join(root, "entities.jsonl"), "w") as f:
        for i in range(n_entities):
            e = {"id": "e%07d" % i, "name": "Entity %d Name" % i, "type": ("PERSON", "ORG", "GPE")[i % 3],
                 "aliases": ["Alias%d" % i, "E%d" % i]}
            if i > 0 and i % 10 == 0:
                e["related"] = [{"relation": "member-of", "id": "e%07d" % (i - 1)}]
            f.write(json.dumps(e) + "\n")
    with open(os.path.join(root, "themes.json"), "w") as f:
        json.dump([{"id": "t1", "label": "Theme one"}], f)
    with open(os.path.join(root, "documents", "docs.jsonl"), "w") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")


def make_docs(n_entities_small):
    rnd = random.Random(7)
    docs = []
    for i in range(300):
        paragraphs = [" ".join(rnd.choice(WORDS) for _ in range(50)) for _ in range(5)]
        ents = sorted({"e%07d" % rnd.randrange(n_entities_small) for _ in range(5)})
        docs.append({"id": "doc-%d" % i, "title": "Document %d" % i, "date": "2021-%02d" % (1 + i % 12),
                     "text": "\n".join(paragraphs), "entities": [{"id": e} for e in ents],
                     "themes": [{"id": "t1"}]})
    return docs


def build(binary, root, index):
    t = time.time()
    subprocess.run([binary, "build", "--quiet", "--index", index, root], check=True)
    return time.time() - t


QUERIES = [["refugees"], ["--actor", "e0000042"], ["border", "security", "--actor", "Alias17"],
           ["--actor", "Entity 55 Name", "--from", "2021-03", "--to", "2021-09"]]


def run_once(binary, index, q):
    t = time.perf_counter()
    subprocess.run([binary, "search", "--index", index, "--format", "json"] + q, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def searches(binary, indexes, runs):
    """Interleaved (each query against each index in turn), so that a busy machine slows both."""
    times = {i: [] for i in indexes}
    for i in indexes:
        for q in QUERIES:
            run_once(binary, i, q)  # warm the page cache
    for _ in range(runs):
        for q in QUERIES:
            for i in indexes:
                times[i].append(run_once(binary, i, q))
    out = {}
    for i, ts in times.items():
        ts.sort()
        out[i] = (statistics.median(ts), ts[int(len(ts) * 0.95) - 1])
    return out


def main(argv):
    binary, work = argv[1], argv[2]
    big = int(argv[3]) if len(argv) > 3 else 1000000
    runs = int(argv[4]) if len(argv) > 4 else 30
    docs = make_docs(100)
    indexes = {}
    for n in (100, big):
        root = os.path.join(work, "corpus-%d" % n)
        index = os.path.join(work, "index-%d" % n)
        if not os.path.exists(index):
            write_corpus(root, n, docs)
            print("build with %d entities: %.1f s" % (n, build(binary, root, index)), flush=True)
        indexes[n] = index
    results = searches(binary, [indexes[100], indexes[big]], runs)
    small, large = results[indexes[100]], results[indexes[big]]
    for n, r in ((100, small), (big, large)):
        print("search, registry of %7d entities: p50 %.1f ms, p95 %.1f ms" %
              (n, r[0] * 1000, r[1] * 1000))
    print("ratio %d / 100 entities: p50 %.2fx, p95 %.2fx" % (big, large[0] / small[0], large[1] / small[1]))


if __name__ == "__main__":
    main(sys.argv)
