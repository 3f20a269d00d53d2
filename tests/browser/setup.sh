#!/usr/bin/env bash
# Installs what the browser tests (tests/browser/run.mjs) need that Debian's packages do not
# give: playwright-core (drives the browser) and axe-core (the accessibility audit), pinned in
# package.json and package-lock.json, into node_modules/ here (never committed). Idempotent: when
# node_modules/ already holds the locked versions it prints nothing and touches nothing. The
# browser itself is Debian's chromium (tools/setup.sh).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "browser setup: installing nodejs and npm (Debian)" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "browser setup: node $(node --version) is too old; playwright-core (package.json) needs node 20 or later" >&2
  exit 1
fi

# Up to date when every package of the lock file is installed at its locked version.
stale=$(node -e '
  const fs = require("fs");
  const lock = require("./package-lock.json").packages;
  for (const [where, p] of Object.entries(lock)) {
    if (!where.startsWith("node_modules/")) continue;
    let have = "";
    try { have = JSON.parse(fs.readFileSync(where + "/package.json", "utf8")).version; } catch (e) {}
    if (have !== p.version) { console.log(where.slice(13) + "@" + p.version); }
  }')
if [ -z "$stale" ]; then exit 0; fi

echo "browser setup: npm ci ($(echo $stale | tr '\n' ' '))" >&2
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
