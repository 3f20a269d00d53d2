#!/usr/bin/env bash
# Format and lint checks, pinned to Debian 12's clang-format-14 and clang-tidy-14.
# Usage: tools/lint.sh [--fix]   (--fix rewrites files with clang-format instead of checking)
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
mapfile -t files < <(git ls-files '*.cc' '*.h')
if [ "${1:-}" = "--fix" ]; then
  clang-format-14 -i "${files[@]}"
  exit 0
fi
clang-format-14 --dry-run --Werror "${files[@]}"
echo "lint: clang-format-14 clean (${#files[@]} files)" >&2
build=build/dev
if [ ! -f "$build/compile_commands.json" ]; then cmake --preset dev >/dev/null; fi
mapfile -t sources < <(git ls-files 'core/*.cc' 'indexer/*.cc' 'query/*.cc' 'tools/*.cc')
# Two files at a time (the machine has two cores); any finding fails the run.
printf '%s\n' "${sources[@]}" |
  xargs -P 2 -n 4 clang-tidy-14 -p "$build" --quiet --warnings-as-errors='*' 2>/dev/null
echo "lint: clang-tidy-14 clean (${#sources[@]} files)" >&2
