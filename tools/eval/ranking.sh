#!/bin/sh
# Ranking quality on Cranfield (docs/performance.md, "Ranking quality"): indexes the 1,400
# abstracts with annosearch and with plain Xapian BM25 (TermGenerator, QueryParser default OR,
# English stemming) and runs the 225 questions verbatim through both; prints MAP@100, P@10 and
# nDCG@10 for each, in the same run.
#
# Usage: tools/eval/ranking.sh [BUILD_DIR]   (default build/dev; builds annosearch and xapian_bm25)
# Data: $ANNOSEARCH_SHARED_DIR/data/cranfield, else ../shared/data/cranfield beside the checkout.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/dev}
shared=${ANNOSEARCH_SHARED_DIR:-$root/../shared}
data=$shared/data/cranfield
if [ ! -f "$data/cran.all.1400" ]; then
  echo "ranking.sh: no Cranfield data at $data (set ANNOSEARCH_SHARED_DIR)" >&2
  exit 2
fi
cmake --build "$build" --target annosearch xapian_bm25 >/dev/null
work=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT; echo "work: $work" >&2
py="python3 $root/tools/eval/cranfield.py"
mkdir -p "$work/corpus/documents"
$py corpus "$data" "$work/corpus/documents/cranfield.jsonl"
$py queries "$data" "$work/questions.txt"
"$build/tools/annosearch" build --quiet --index "$work/idx" "$work/corpus"
$py annosearch "$build/tools/annosearch" "$work/idx" "$work/questions.txt" "$work/annosearch.run"
"$build/tools/xapian_bm25" "$work/corpus/documents/cranfield.jsonl" "$work/questions.txt" \
  "$work/xapian" >"$work/xapian.run"
echo "Cranfield: 1,400 abstracts, 225 questions verbatim; relevant = grade 1-4; nDCG gain 5-grade"
$py metrics "$data" "annosearch=$work/annosearch.run" "plain Xapian BM25=$work/xapian.run"
