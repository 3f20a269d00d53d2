#!/usr/bin/env bash
# Installs the Debian 12 packages annosearch needs to build and test. Idempotent: when nothing is
# missing it prints nothing and touches nothing. Needs root (or sudo) only when it has to install.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git python3
  libxapian-dev xapian-tools libicu-dev libcli11-dev nlohmann-json3-dev catch2
  clang-format-14 clang-tidy-14
  libsqlite3-dev time  # the benchmark harness (tools/bench/): FTS5 baseline, /usr/bin/time
  clang-14 libclang-rt-14-dev  # the fuzz preset (libFuzzer, tests/fuzz)
  libcpp-httplib-dev curl wrk  # annosearch serve (HTTP), its doc-example test, its load test
  chromium  # the browser tests (tests/browser/run.mjs drive /usr/bin/chromium headless)
  libgweather-4-common wamerican  # import reuters21578: city gazetteer, English word list
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
