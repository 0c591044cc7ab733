#!/usr/bin/env bash
# Installs everything the tests need and runs all of them: unit and integration tests (real
# registry, Redis, IPFS node, containerd started on loopback by the tests themselves), then
# the conformance suite. Ends with one "N passed, N failed, N skipped" line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash scripts/install-test-deps.sh
for extra in scripts/*/install.sh; do [ -f "$extra" ] && bash "$extra"; done

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet build Facade.sln -c Release -nologo -v quiet
status=0
dotnet test Facade.sln -c Release --no-build --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1500000 || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  read -r p f s < <(python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
c = ET.parse(sys.argv[1]).getroot().find('{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}ResultSummary/{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}Counters')
print(c.get('passed'), int(c.get('failed')) + int(c.get('error')) + int(c.get('timeout')) + int(c.get('aborted')), int(c.get('notExecuted')) + int(c.get('inconclusive')))
PY
)
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
