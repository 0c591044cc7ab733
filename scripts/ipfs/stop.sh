#!/usr/bin/env bash
# Stops a node started by start.sh: its whole process group, politely first.
# Usage: stop.sh <repo-dir>
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 <repo-dir>" >&2
  exit 2
fi
pidfile=$1/daemon.pid
[ -f "$pidfile" ] || exit 0
pid=$(cat "$pidfile")
kill -TERM -- "-$pid" 2>/dev/null || exit 0
for _ in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; exit 0; }
  sleep 0.1
done
kill -KILL -- "-$pid" 2>/dev/null || true
rm -f "$pidfile"
