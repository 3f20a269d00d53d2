#!/usr/bin/env python3
"""The table of tools/bench/run.sh: builds and queries of annosearch against its baselines, with
ratios, from the measurements of one run; also times the query mix as whole processes (the
`annosearch search` command against `annosearch_harness minimal-search`), and writes it all as
JSON. With --minimal - (a run without baselines, as at 1,000,000 articles) only annosearch's own
figures are printed."""
import argparse
import json
import math
import subprocess
import sys
import time


def run_quietly(cmd):
    """Runs one timed process; its notes on stderr ("10 of N written") are shown only on failure."""
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr}")


def pct(values, p):
    if not values:
        return 0.0
    v = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(v)))
    return v[min(len(v), rank) - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--builds", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--minimal", default="-", help="the minimal index, or - for none")
    ap.add_argument("--fts5")
    ap.add_argument("--bin", required=True)
    ap.add_argument("--whole", type=int, default=1, help="whole-process runs of each query")
    ap.add_argument("--json", required=True)
    a = ap.parse_args()

    builds = {}
    with open(a.builds) as f:
        for line in f:
            b = json.loads(line)
            builds[b["label"]] = b
    report = {"articles": a.articles, "corpus": a.corpus, "builds": builds, "queries": {},
              "whole_process": {}}

    print(f"\n## Builds of {a.articles} articles")
    print("| engine | wall s | articles/s | CPU s | peak RSS MiB | on disk MiB | vs minimal (commit 10,000) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    base = builds.get("minimal-commit-10000")
    for label, b in builds.items():
        rate = a.articles / b["wall_s"] if b["wall_s"] > 0 else 0
        b["articles_per_s"] = rate
        ratio = ""
        if base and label != "minimal-compacted":
            ratio = f"{base['wall_s'] / b['wall_s']:.2f}x speed" if b["wall_s"] > 0 else ""
        if label == "minimal-compacted":
            rate = 0
        print(f"| {label} | {b['wall_s']:.1f} | {rate:,.0f} | {b['cpu_s']:.1f} | "
              f"{b['peak_rss_kib'] / 1024:.0f} | {b['bytes'] / 1048576:.1f} | {ratio} |")
    comp = builds.get("minimal-compacted")
    if comp:
        for label, b in builds.items():
            if label.startswith("annosearch"):
                print(f"size {label} / minimal compacted: {b['bytes'] / comp['bytes']:.2f}")

    # In-process queries.
    rows = []
    summaries = {}
    with open(a.queries) as f:
        for line in f:
            j = json.loads(line)
            if "summary" in j:
                summaries[j["summary"]] = j
            else:
                rows.append(j)
    report["queries"] = summaries
    print("\n## Queries in-process (ms; annosearch: 3 exact facets + 10 hits; minimal: 1 "
          "ValueCountMatchSpy + top 10; FTS5: 3 GROUP BY facets + top 10)")
    print("| engine | level | kind | p50 | p95 | p99 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for key in sorted(summaries):
        engine, level, kind = key.split("\t")
        s = summaries[key]
        print(f"| {engine} | {level} | {kind} | {s['p50_ms']:.2f} | {s['p95_ms']:.2f} | "
              f"{s['p99_ms']:.2f} |")
    # Overall per engine and level, and the ratios of the targets.
    overall = {}
    for r in rows:
        overall.setdefault((r["engine"], r["level"]), []).extend(r["ms"])
    print("\n| engine | level | p50 | p95 | p99 | p95 / minimal p95 | p95 / FTS5 p95 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    mp95 = pct(overall.get(("minimal-xapian", "article"), []), 95)
    fp95 = pct(overall.get(("sqlite-fts5", "article"), []), 95)
    report["overall"] = {}
    for (engine, level), ms in sorted(overall.items()):
        p50, p95, p99 = pct(ms, 50), pct(ms, 95), pct(ms, 99)
        report["overall"][f"{engine}/{level}"] = {"p50_ms": p50, "p95_ms": p95, "p99_ms": p99}
        rm = f"{p95 / mp95:.2f}" if mp95 else ""
        rf = f"{p95 / fp95:.2f}" if fp95 else ""
        print(f"| {engine} | {level} | {p50:.2f} | {p95:.2f} | {p99:.2f} | {rm} | {rf} |")

    # Whole processes: each query of the mix as one `annosearch search` and one minimal-search.
    if a.whole > 0:
        # The mix once per query: the rows of one engine and level (annosearch's always exist).
        mix = [r for r in rows if r["engine"] == "annosearch" and r["level"] == "article"]
        times = {"annosearch/article": [], "annosearch/passage": []}
        if a.minimal != "-":
            times["minimal-xapian/article"] = []
        for _ in range(a.whole):
            for q in mix:
                base_args = []
                if q["words"]:
                    base_args.append(q["words"])
                if q["actor"]:
                    base_args += ["--actor", q["actor"]]
                if q["from"]:
                    base_args += ["--from", q["from"], "--to", q["to"]]
                for level in ("article", "passage"):
                    cmd = [f"{a.bin}/annosearch", "search", "--index", a.index, "--format", "json",
                           "--limit", "10", "--level", level] + base_args
                    t = time.perf_counter()
                    run_quietly(cmd)
                    times[f"annosearch/{level}"].append((time.perf_counter() - t) * 1000)
                if a.minimal == "-":
                    continue
                cmd = [f"{a.bin}/annosearch_harness", "minimal-search", a.minimal]
                if q["words"]:
                    cmd += ["--words", q["words"]]
                if q["actor"]:
                    cmd += ["--actor", q["actor"]]
                if q["from"]:
                    cmd += ["--from", q["from"], "--to", q["to"]]
                t = time.perf_counter()
                run_quietly(cmd)
                times["minimal-xapian/article"].append((time.perf_counter() - t) * 1000)
        print("\n## Queries as whole processes (ms)")
        print("| engine | p50 | p95 | p99 | p50 / minimal p50 |")
        print("| --- | --- | --- | --- | --- |")
        m50 = pct(times.get("minimal-xapian/article", []), 50)
        for k, v in times.items():
            p50 = pct(v, 50)
            report["whole_process"][k] = {"p50_ms": p50, "p95_ms": pct(v, 95),
                                          "p99_ms": pct(v, 99), "n": len(v)}
            ratio = f"{p50 / m50:.2f}" if m50 else ""
            print(f"| {k} | {p50:.1f} | {pct(v, 95):.1f} | {pct(v, 99):.1f} | {ratio} |")
    with open(a.json, "w") as f:
        json.dump(report, f, indent=1)
    print(f"\n(JSON: {a.json})")


if __name__ == "__main__":
    sys.exit(main())
