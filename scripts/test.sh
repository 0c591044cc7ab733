#!/usr/bin/env bash
# Installs everything the tests need and runs all of them: unit and integration tests (real
# registry, Redis, IPFS node, containerd started on loopback by the tests themselves), then
# the conformance suite. Ends with one "N passed, N failed, N skipped" line.
set -euo pipefail
cd "$(dirname "$0")/.."
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
# The conformance suite against the facade (and the bare registry, for comparison).
if bash scripts/conformance/run-all.sh >"$results/conformance.txt" 2>&1; then
  conformance_status=0
else
  conformance_status=1
  status=1
fi
grep -E '^(facade|bare distribution)' "$results/conformance.txt" || tail -n 30 "$results/conformance.txt"
[ "$conformance_status" -eq 0 ] || echo "conformance run failed"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
