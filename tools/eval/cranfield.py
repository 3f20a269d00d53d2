#!/usr/bin/env python3
"""Cranfield ranking evaluation helpers for tools/eval/ranking.sh.

  cranfield.py corpus DATA OUT.jsonl     the 1,400 abstracts as annosearch corpus records
  cranfield.py queries DATA OUT.txt      the 225 questions, one a line, verbatim (lines joined)
  cranfield.py annosearch BIN INDEX QUERIES RUN   runs each question through `annosearch search`
  cranfield.py metrics DATA RUN...       MAP@100, P@10, nDCG@10 of each run file

Conventions (see /work/shared/data/cranfield/SOURCE.md): query i is the i-th question of cran.qry
(cranqrel numbers them by position, not by .I); relevant means grade 1..4 (the one -1 row per
query counts as not relevant); nDCG gains are 5 - grade (grade 1, "complete answer", gains 4).
A run file has lines "QUERY DOCID RANK", QUERY 1-based, DOCID the Cranfield number.
"""
import json
import math
import re
import subprocess
import sys


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read().replace("\r", "")


def documents(data):
    out = []
    for block in re.split(r"^\.I ", read(data + "/cran.all.1400"), flags=re.M)[1:]:
        number = int(block.split("\n", 1)[0])
        fields = dict(re.findall(r"^\.([TABW])\n(.*?)(?=^\.[TABW]\n|\Z)", block, flags=re.M | re.S))
        title = " ".join(fields.get("T", "").split())
        abstract = " ".join(fields.get("W", "").split())
        out.append((number, title, abstract))
    return out


def questions(data):
    blocks = re.split(r"^\.I .*\n\.W\n", read(data + "/cran.qry"), flags=re.M)[1:]
    return [" ".join(b.split()) for b in blocks]


def judgments(data):
    qrels = {}
    for line in read(data + "/cranqrel").split("\n"):
        parts = line.split()
        if len(parts) < 3:
            continue
        q, d, g = int(parts[0]), int(parts[1]), int(parts[2])
        if 1 <= g <= 4:
            qrels.setdefault(q, {})[d] = g
    return qrels


def cmd_corpus(data, out):
    with open(out, "w", encoding="utf-8") as f:
        for number, title, abstract in documents(data):
            # An empty document (471, 995) keeps its place with its number as text.
            text = abstract or title or "cranfield document %d" % number
            rec = {"id": "cran-%d" % number, "title": title, "text": text, "language": "en"}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def cmd_queries(data, out):
    with open(out, "w", encoding="utf-8") as f:
        for q in questions(data):
            f.write(q + "\n")


def cmd_annosearch(binary, index, queries, run):
    refused = 0
    with open(queries, encoding="utf-8") as qf, open(run, "w") as out:
        for i, q in enumerate(qf.read().splitlines(), start=1):
            r = subprocess.run([binary, "search", "--index", index, "--format", "jsonl",
                                "--limit", "100", "--facets", "none", "--", q],
                               capture_output=True, text=True)
            if r.returncode != 0:
                refused += 1
                print("question %d refused: %s" % (i, r.stderr.strip()), file=sys.stderr)
                continue
            for rank, line in enumerate(r.stdout.splitlines(), start=1):
                doc = json.loads(line)["id"]
                out.write("%d %s %d\n" % (i, doc[len("cran-"):], rank))
    if refused:
        print("annosearch refused %d questions" % refused, file=sys.stderr)


def metrics(qrels, run_path, nq):
    ranked = {}
    with open(run_path) as f:
        for line in f:
            q, d, rank = line.split()
            ranked.setdefault(int(q), []).append((int(rank), int(d)))
    ap_sum = p10_sum = ndcg_sum = 0.0
    for q in range(1, nq + 1):
        rel = qrels.get(q, {})
        docs = [d for _, d in sorted(ranked.get(q, []))][:100]
        hits = 0
        ap = 0.0
        for i, d in enumerate(docs, start=1):
            if d in rel:
                hits += 1
                ap += hits / i
        ap_sum += ap / len(rel) if rel else 0.0
        p10_sum += sum(1 for d in docs[:10] if d in rel) / 10.0
        dcg = sum((5 - rel[d]) / math.log2(i + 1) for i, d in enumerate(docs[:10], start=1) if d in rel)
        ideal = sorted((5 - g for g in rel.values()), reverse=True)[:10]
        idcg = sum(g / math.log2(i + 1) for i, g in enumerate(ideal, start=1))
        ndcg_sum += dcg / idcg if idcg > 0 else 0.0
    return ap_sum / nq, p10_sum / nq, ndcg_sum / nq


def cmd_metrics(data, runs):
    qrels = judgments(data)
    nq = len(questions(data))
    print("%-28s %8s %8s %8s" % ("run", "MAP@100", "P@10", "nDCG@10"))
    for spec in runs:
        name, _, path = spec.partition("=")
        m, p, n = metrics(qrels, path, nq)
        print("%-28s %8.4f %8.4f %8.4f" % (name, m, p, n))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "corpus" and len(args) == 2:
        cmd_corpus(*args)
    elif cmd == "queries" and len(args) == 2:
        cmd_queries(*args)
    elif cmd == "annosearch" and len(args) == 4:
        cmd_annosearch(*args)
    elif cmd == "metrics" and len(args) >= 2:
        cmd_metrics(args[0], args[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
