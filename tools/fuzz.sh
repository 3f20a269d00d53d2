#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang-14, ASan+UBSan) and fuzzes each for the
# given number of seconds (default 5: the smoke run of .ci/run), starting from its seed corpus in
# tests/fuzz/corpus/TARGET. New inputs go to a scratch directory, not the repository; a crash or a
# violated property fails the run and leaves the input in build/fuzz/artifacts/ (copy it into
# tests/fuzz/corpus/TARGET/ as a regression test once fixed).
# Usage: tools/fuzz.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
seconds="${1:-5}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
mkdir -p build/fuzz/artifacts
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1"
for target in fuzz_document fuzz_json_split fuzz_registry fuzz_date fuzz_query fuzz_import fuzz_annotate \
  fuzz_http; do
  scratch="$(mktemp -d)"
  echo "== $target: ${seconds} s" >&2
  log="build/fuzz/$target.log"
  status=0
  build/fuzz/tests/fuzz/$target -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix="build/fuzz/artifacts/$target-" -print_final_stats=1 \
    "$scratch" "tests/fuzz/corpus/$target" >"$log" 2>&1 || status=$?
  grep -E "^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)|ERROR|property violated|SUMMARY" "$log" >&2 || true
  rm -rf "$scratch"
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $target failed (status $status); see build/fuzz/artifacts/" >&2
    exit 1
  fi
done
