#!/usr/bin/env bash
# The main command: installs what is missing, builds (release), indexes the bundled corpus and runs
# a faceted search. Usage: tools/demo.sh [search arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target annosearch
bin=build/release/tools/annosearch
"$bin" validate corpus/
"$bin" build --index build/demo-index corpus/
if [ $# -eq 0 ]; then set -- --actor Rakhmon --level passage --limit 3; fi
"$bin" search --index build/demo-index "$@"
