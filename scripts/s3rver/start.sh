#!/bin/sh
# Starts the S3-compatible test server in the foreground.
# usage: start.sh <data-dir> <port> <bucket>
# Installs the pinned packages from package-lock.json first when they are missing.
set -eu
cd "$(dirname "$0")"
# Test fixtures start several servers at once; the lock makes one of them install while the
# others wait, so none sees a half-written node_modules. install.sh returns at once when done.
flock .install.lock bash ./install.sh >&2
exec node node_modules/s3rver/bin/s3rver.js -d "$1" -a 127.0.0.1 -p "$2" --configure-bucket "$3" --silent
