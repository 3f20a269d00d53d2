#!/usr/bin/env bash
# Peak memory of `annosearch export` at 10,000 and 100,000 hits over a generated 100,000-document
# index (docs/performance.md). Usage: tools/bench/export_memory.sh [ANNOSEARCH_BINARY]
# Documents: two short paragraphs, one actor mention, one theme; every tenth has the theme trade,
# so `--theme trade` exports 10,000 articles and the empty query all 100,000.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${1:-build/dev/tools/annosearch}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
cp corpus/entities.jsonl corpus/themes.json "$work/corpus/"
python3 - "$work/corpus/docs.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as out:
    for i in range(100000):
        name = "Taliban" if i % 2 == 0 else "Tajikistan"
        first = "Report %d on the border." % i
        second = "The %s discussed trade and security near the river." % name
        start = len(first) + 1 + 4
        doc = {"id": "gen-%d" % i, "title": first, "date": "2021-%02d-%02d" % (i % 12 + 1, i % 28 + 1),
               "source": "Generated", "text": first + "\n" + second,
               "entities": [{"id": "taliban" if i % 2 == 0 else "tajikistan",
                             "mentions": [{"start": start, "end": start + len(name)}]}],
               "themes": [{"id": "trade" if i % 10 == 0 else "security"}]}
        out.write(json.dumps(doc) + "\n")
PY
/usr/bin/time -f "build: %e s wall, %M KiB peak RSS" "$bin" build --quiet --index "$work/idx" "$work/corpus"
for args in "--theme trade" ""; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "export ${args:-(all)}: %e s wall, %M KiB peak RSS" \
    "$bin" export --index "$work/idx" $args 2>&1 >"$work/out.jsonl" | grep -v '^annosearch: exported'
  echo "  lines written: $(wc -l <"$work/out.jsonl")"
done
# The same through `search --limit all` (hits held in memory), for comparison.
for args in "--theme trade" ""; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "search --limit all ${args:-(all)}: %e s wall, %M KiB peak RSS" \
    "$bin" search --index "$work/idx" --limit all --facets none --format jsonl $args 2>&1 \
    >/dev/null | grep -v '^annosearch: '
done
