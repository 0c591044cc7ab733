#!/usr/bin/env bash
# Runs the facade with its embedded default configuration (src/Facade/appsettings.json):
# a pull-through mirror for docker.io on http://127.0.0.1:5000, disk cache under .cache/facade.
# No Redis or IPFS needed. Extra arguments are configuration, e.g. --Urls http://0.0.0.0:5000
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Facade -c Release -v quiet -nologo >/dev/null
out=$PWD/src/Facade/bin/Release/net10.0
# appsettings.json (the embedded default) sits beside the binary; the cache path in it is
# relative to the working directory, the repository root.
exec dotnet "$out/Facade.dll" --contentRoot "$out" "$@"
