#!/usr/bin/env bash
# Installs the S3-compatible test server (npm package s3rver) from the committed lockfile.
# Idempotent: returns at once when already installed.
set -euo pipefail
cd "$(dirname "$0")"
[ -x node_modules/.bin/s3rver ] && exit 0
npm ci --no-audit --no-fund --loglevel=error
