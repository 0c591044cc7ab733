#!/usr/bin/env bash
# Installs the js-ipfs test node from the committed lockfile (npm registry only).
# Idempotent: when node_modules already matches the lockfile it returns at once.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

# Test runs in parallel may call this at once: one installs, the others wait for it.
exec 9>"$here/.install.lock"
flock 9

stamp=node_modules/.facade-install-stamp
want=$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ -x node_modules/.bin/jsipfs ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

# Install scripts stay off: the packages that have them either ship prebuilt binaries
# (classic-level) or only generate browser files, and a script is a way out to the internet.
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
echo "$want" >"$stamp"
