#!/bin/sh
# Starts the S3-compatible test server in the foreground.
# usage: start.sh <data-dir> <port> <bucket>
# Installs the pinned packages from package-lock.json first when they are missing.
set -eu
cd "$(dirname "$0")"
if [ ! -d node_modules/s3rver ]; then
    npm ci --no-audit --no-fund --silent >&2
fi
exec node node_modules/s3rver/bin/s3rver.js -d "$1" -a 127.0.0.1 -p "$2" --configure-bucket "$3" --silent
