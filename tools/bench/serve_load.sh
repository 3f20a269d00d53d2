#!/usr/bin/env bash
# Load test of `annosearch serve` (docs/performance.md, "HTTP API under load"): starts the server
# on a free loopback port over INDEX, then runs wrk (bounded: DURATION seconds, CONNECTIONS
# connections, 2 threads, 1 with one connection) against each URL path given, printing wrk's report, requests/s and the
# 50th, 95th and 99th percentile latencies (wrk --latency prints no p95: a Lua done() hook does).
#
# Usage: tools/bench/serve_load.sh ANNOSEARCH INDEX PATH...
#   env: DURATION (default 20), CONNECTIONS (default 8), THREADS (server --threads, default 8)
# Example:
#   tools/bench/serve_load.sh build/release/tools/annosearch /work/bench/index-100k \
#     '/api/search?q=government&facets=actor,theme,date'
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
bin=$1
index=$2
shift 2
duration=${DURATION:-20}
connections=${CONNECTIONS:-8}
threads=${THREADS:-8}
command -v wrk >/dev/null || { echo "serve_load: wrk is missing (tools/setup.sh installs it)" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests: %d in %.1f s = %.1f requests/s; errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.requests, seconds, summary.requests / seconds, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("latency ms: p50 %.2f, p95 %.2f, p99 %.2f, max %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
EOF

"$bin" serve --index "$index" --port 0 --threads "$threads" --quiet >"$work/serve.log" 2>&1 &
server_pid=$!
base=""
for _ in $(seq 1 400); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" || true)
  [ -n "$base" ] && break
  sleep 0.05
done
[ -n "$base" ] || { echo "serve_load: the server did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "server: $(head -1 "$work/serve.log")"

for path in "$@"; do
  url="$base$path"
  # One request first: the answer must be a 200 (a load test of error pages measures nothing).
  status=$(curl -s -o "$work/first.json" -w '%{http_code}' "$url")
  if [ "$status" != 200 ]; then
    echo "serve_load: $path answers $status: $(head -c 300 "$work/first.json")" >&2
    exit 1
  fi
  total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("total", "-"))' "$work/first.json")
  echo "== GET $path (total $total)"
  # --timeout 60s: a slow answer is measured, not dropped as a wrk "timeout" (default 2 s).
  wrk_threads=$((connections < 2 ? connections : 2))
  echo "wrk -t$wrk_threads -c$connections -d${duration}s --timeout 60s --latency $url"
  wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 60s --latency -s "$work/report.lua" "$url"
done
