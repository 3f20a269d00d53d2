#!/usr/bin/env bash
# The performance harness: generates an annotated corpus, builds it with annosearch and with the
# baselines in the same run, runs the query mix, and prints the table that docs/performance.md
# records (and writes it as JSON). Usage:
#
#   tools/bench/run.sh [ARTICLES] [WORKDIR]      # default 10000 articles in /tmp/annosearch-bench
#
# Environment: JOBS ("1 2": the --jobs values to build with), ENTITIES (registry size, 20000),
# REPEAT (in-process runs of each query, 5), WHOLE (whole-process runs of each query, 1),
# SKIP_BUILD=1 (reuse the indexes of an earlier run in WORKDIR), DATA (../shared/data),
# NO_SETUP=1 (skip tools/setup.sh), BASELINES=0 (annosearch alone: no minimal or FTS5 build or
# query, as for the 1,000,000-article run, whose baselines would take hours more). The
# Reuters-21578 benchmark is tools/bench/run_reuters.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
articles="${1:-10000}"
work="${2:-/tmp/annosearch-bench}"
jobs_list="${JOBS:-1 2}"
entities="${ENTITIES:-20000}"
data="${DATA:-${ANNOSEARCH_SHARED_DIR:-$src/../shared}/data}"
if [ -z "${NO_SETUP:-}" ]; then tools/setup.sh >/dev/null; fi
cmake --preset release >/dev/null
cmake --build --preset release --target annosearch annosearch_harness >/dev/null
bin=$src/build/release/tools
mkdir -p "$work"
corpus="$work/corpus-$articles-$entities"
results="$work/builds-$articles.jsonl"

if [ ! -f "$corpus/.complete" ]; then
  echo "== generating $articles articles, $entities entities -> $corpus"
  rm -rf "$corpus"
  python3 tools/bench/gen_corpus.py "$corpus" --articles "$articles" --entities "$entities" \
    --data "$data"
  touch "$corpus/.complete"
fi

# measure LABEL DIR COMMAND...: runs the command as its own process and appends its wall time,
# CPU time, peak RSS and the size of DIR ("-": none) to the results.
measure() {
  local label=$1 out=$2
  shift 2
  local tfile
  tfile=$(mktemp)
  /usr/bin/time -f "%e %M %U %S" -o "$tfile" "$@" >"$work/$label.out" 2>"$work/$label.err" || {
    echo "$label failed:" >&2
    cat "$work/$label.err" >&2
    exit 4
  }
  local wall rss user sys bytes=0
  read -r wall rss user sys <"$tfile"
  rm -f "$tfile"
  if [ "$out" != "-" ]; then bytes=$(du -sb "$out" | cut -f1); fi
  echo "{\"label\":\"$label\",\"wall_s\":$wall,\"cpu_s\":$(awk "BEGIN{print $user + $sys}"),\"peak_rss_kib\":$rss,\"bytes\":$bytes}" >>"$results"
  echo "  $label: $wall s wall, $rss KiB peak RSS, $bytes bytes"
}

baselines=${BASELINES:-1}
if [ -z "${SKIP_BUILD:-}" ]; then
  : >"$results"
  echo "== builds of $articles articles (each its own process, one after the other)"
  rm -rf "$work/min-10000" "$work/min-1000" "$work/min-compact" "$work/fts5.db"
  if [ "$baselines" != 0 ]; then
    measure minimal-commit-10000 "$work/min-10000" \
      "$bin/annosearch_harness" minimal-build "$corpus" "$work/min-10000" --commit-every 10000
    measure minimal-commit-1000 "$work/min-1000" \
      "$bin/annosearch_harness" minimal-build "$corpus" "$work/min-1000" --commit-every 1000
    measure minimal-compacted "$work/min-compact" \
      xapian-compact "$work/min-10000" "$work/min-compact"
  fi
  for j in $jobs_list; do
    rm -rf "$work/ours-$j"
    measure "annosearch-jobs-$j" "$work/ours-$j" \
      "$bin/annosearch" build --format json --jobs "$j" --index "$work/ours-$j" "$corpus"
    # Its summary (stdout, JSON) says how much of the wall time merging the parts took.
    python3 -c 'import json, sys; s = json.load(open(sys.argv[1]))
print("  of which merging %d parts: %.1f s" % (s["parts"], s["merge_seconds"]))' \
      "$work/annosearch-jobs-$j.out"
  done
  if [ "$baselines" != 0 ]; then
    measure fts5 "$work/fts5.db" "$bin/annosearch_harness" fts5-build "$corpus" "$work/fts5.db"
  fi
fi
minimal="$work/min-compact"
if [ "$baselines" = 0 ]; then minimal=-; fi

first_jobs=${jobs_list%% *}
echo "== queries"
"$bin/annosearch_harness" queries "$corpus" "$work/ours-$first_jobs" "$minimal" \
  "$work/fts5.db" --repeat "${REPEAT:-5}" >"$work/queries-$articles.jsonl"
python3 tools/bench/report.py --builds "$results" --queries "$work/queries-$articles.jsonl" \
  --articles "$articles" --corpus "$corpus" --index "$work/ours-$first_jobs" \
  --minimal "$minimal" --fts5 "$work/fts5.db" --bin "$bin" --whole "${WHOLE:-1}" \
  --json "$work/report-$articles.json"
