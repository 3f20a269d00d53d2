#!/usr/bin/env bash
# The test command: installs what is missing, builds with a CMake preset (default: dev) and runs
# every test. Usage: tools/check.sh [PRESET...]   e.g. tools/check.sh dev asan
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
tests/browser/setup.sh  # npm ci of playwright-core into tests/browser/node_modules (idempotent)
[ $# -eq 0 ] && set -- dev
for preset in "$@"; do
  echo "== preset $preset" >&2
  extra=()
  if [ "${CI:-}" = "true" ]; then extra+=(-DANNOSEARCH_WARNINGS_AS_ERRORS=ON); fi
  cmake --preset "$preset" "${extra[@]}" >/dev/null
  cmake --build --preset "$preset"
  ctest --preset "$preset"
done
