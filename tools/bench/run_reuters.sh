#!/usr/bin/env bash
# Runs the benchmarks on Reuters-21578 with the release build and prints the figures that
# docs/performance.md records. Usage: tools/bench/run_reuters.sh [SHARED_DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-../shared/data}/reuters21578"
tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target annosearch annosearch_bench annosearch_annotate_bench \
  >/dev/null
bin=build/release/tools
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== import (Reuters-21578, $(du -sh "$data" | cut -f1))"
/usr/bin/time -f "import: %e s wall, %M KiB peak RSS" \
  "$bin/annosearch" import reuters21578 "$data" -o "$work/reuters" --quiet
echo "== indexing, ours vs plain Xapian in one process"
"$bin/annosearch_bench" index "$work/reuters"
echo "== build command (whole pipeline: read, validate, build, publish)"
/usr/bin/time -f "build: %e s wall, %M KiB peak RSS" \
  "$bin/annosearch" build --quiet --index "$work/idx" "$work/reuters"
"$bin/annosearch" compact --index "$work/idx"
echo "== search, ours (exact facets, hits) vs a plain top-10 Enquire"
"$bin/annosearch_bench" search "$work/idx" --repeat 20
echo "== annotation speed, one core: the seed registry vs 10,000 more entities, vs tokenizing"
"$bin/annosearch_annotate_bench" "$work/reuters/documents.jsonl" corpus/entities.jsonl 10000 3
echo "== build --annotate auto vs off (Reuters-21578 with its own registry)"
/usr/bin/time -f "build --annotate off: %e s wall, %U s user" \
  "$bin/annosearch" build --quiet --annotate off --index "$work/idx-off" "$work/reuters"
/usr/bin/time -f "build --annotate auto: %e s wall, %U s user" \
  "$bin/annosearch" build --quiet --annotate auto --index "$work/idx-auto" "$work/reuters"
