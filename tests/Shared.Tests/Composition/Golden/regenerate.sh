#!/usr/bin/env bash
# Rewrites the expected-* files of every golden case from the current composer. Run it only
# after a deliberate change of the composed output, then review `git diff` before committing.
# The test run fails on purpose while regenerating, so that nothing is regenerated silently.
set -u
cd "$(dirname "$0")/../../../.."
FACADE_REGENERATE_GOLDEN=1 dotnet test tests/Shared.Tests --filter "FullyQualifiedName~GoldenTests" >/dev/null
git status --short tests/Shared.Tests/Composition/Golden
