#!/usr/bin/env bash
# Starts a js-ipfs node bound to 127.0.0.1 for tests and returns once its RPC API answers.
# Usage: start.sh <repo-dir> <api-port> <swarm-port>
# Prints the daemon's process id (also written to <repo-dir>/daemon.pid); the daemon runs in
# its own process group, so `kill -- -<pid>` stops it and everything it started.
# Its output goes to <repo-dir>/daemon.log.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 <repo-dir> <api-port> <swarm-port>" >&2
  exit 2
fi
repo=$1
api_port=$2
swarm_port=$3
for p in "$api_port" "$swarm_port"; do
  if ! [[ $p =~ ^[0-9]+$ ]] || [ "$p" -lt 1 ] || [ "$p" -gt 65535 ]; then
    echo "invalid port: $p" >&2
    exit 2
  fi
done

here=$(cd "$(dirname "$0")" && pwd)
jsipfs=$here/node_modules/.bin/jsipfs
if [ ! -x "$jsipfs" ]; then
  echo "js-ipfs is not installed: run $here/install.sh first" >&2
  exit 1
fi

mkdir -p "$repo"
repo=$(cd "$repo" && pwd)
export IPFS_PATH=$repo
# The CLI reads its own update checks and telemetry from nowhere, but make sure no proxy
# from the environment turns a loopback call into an outside one.
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

if [ ! -f "$repo/config" ]; then
  "$jsipfs" init --profile=test --empty-repo >"$repo/init.log" 2>&1 || {
    cat "$repo/init.log" >&2
    exit 1
  }
fi
node "$here/configure.js" "$repo/config" "$api_port" "$swarm_port"
rm -f "$repo/api" "$repo/repo.lock"

setsid "$jsipfs" daemon --enable-preload=false >"$repo/daemon.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$repo/daemon.pid"

# Wait for the RPC API; give up (and stop the daemon) if it dies or takes too long.
deadline=$((SECONDS + ${IPFS_START_TIMEOUT:-60}))
until curl -sf -X POST --max-time 2 "http://127.0.0.1:$api_port/api/v0/id" >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "js-ipfs daemon exited during start:" >&2
    cat "$repo/daemon.log" >&2
    exit 1
  fi
  if [ $SECONDS -ge $deadline ]; then
    echo "js-ipfs daemon did not answer on port $api_port in time:" >&2
    cat "$repo/daemon.log" >&2
    kill -- "-$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 0.2
done
echo "$pid"
