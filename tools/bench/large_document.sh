#!/usr/bin/env bash
# Build time against document size: one document of N MB (lines of 90 characters, one passage
# each), built with the given annosearch binary. Linear building keeps seconds per MB about flat
# as N grows; the quadratic builder of issue 11 took 2.1, 9.1 and 40 s for 1, 2 and 4 MB.
# Usage: tools/bench/large_document.sh BINARY [SIZES_MB...]   (default sizes: 1 2 4)
set -euo pipefail
bin="$1"
shift
[ $# -eq 0 ] && set -- 1 2 4
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf 'MB\tseconds\ts/MB\n'
for mb in "$@"; do
  python3 - "$mb" >"$tmp/doc.jsonl" <<'PY'
import json, sys
mb = float(sys.argv[1])
line = "The quick brown fox jumps over the lazy dog near the river bank in the old town square. "
n = int(mb * 1e6 / (len(line) + 6))
print(json.dumps({"id": "big", "text": "\n".join(line + str(i) for i in range(n))}))
PY
  rm -rf "$tmp/idx"
  start=$(date +%s.%N)
  "$bin" build -q --index "$tmp/idx" "$tmp/doc.jsonl"
  end=$(date +%s.%N)
  python3 -c "s=$end-$start; print('%s\t%.2f\t%.2f' % ('$mb', s, s/$mb))"
done
