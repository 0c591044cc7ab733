#!/usr/bin/env bash
# Runs the conformance suite (all four workflows) against a throwaway Debian docker-registry
# (CNCF distribution 2.8) on a random free 127.0.0.1 port with filesystem storage in a temp dir.
# Arguments are passed to the suite (e.g. --allow-failures). Exit code is the suite's.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
registry_bin=${REGISTRY_BIN:-/usr/bin/docker-registry}
report_dir=${OCI_REPORT_DIR:-$repo/conformance/results}

if [[ ! -x $registry_bin ]]; then
  echo "docker-registry not found at $registry_bin (apt-get install docker-registry)" >&2
  exit 2
fi
for tool in ss dotnet; do
  command -v "$tool" >/dev/null || { echo "$tool is required on PATH" >&2; exit 2; }
done

work=$(mktemp -d)
registry_pid=""
cleanup() {
  if [[ -n $registry_pid ]]; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A port nothing listens on right now; the start loop below retries if another process takes it first.
pick_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if [[ -z $(ss -Hltn "sport = :$port") ]]; then
      echo "$port"
      return
    fi
  done
}

start_registry() {
  local port=$1
  mkdir -p "$work/storage"
  cat >"$work/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
  "$registry_bin" serve "$work/config.yml" >"$work/registry.log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 1 50); do
    if ! kill -0 "$registry_pid" 2>/dev/null; then
      wait "$registry_pid" 2>/dev/null || true
      registry_pid=""
      return 1
    fi
    if [[ -n $(ss -Hltn "sport = :$port") ]]; then
      return 0
    fi
    sleep 0.1
  done
  echo "docker-registry did not listen on 127.0.0.1:$port within 5s" >&2
  cat "$work/registry.log" >&2
  exit 2
}

port=""
for _ in 1 2 3; do
  port=$(pick_port)
  if start_registry "$port"; then
    break
  fi
  port=""
done
if [[ -z $port ]]; then
  echo "docker-registry failed to start:" >&2
  cat "$work/registry.log" >&2
  exit 2
fi
echo "docker-registry $("$registry_bin" --version | awk '{print $NF}') on 127.0.0.1:$port (storage $work/storage)"

dotnet build "$repo/conformance/Conformance.csproj" -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 2; }

status=0
OCI_ROOT_URL="http://127.0.0.1:$port" \
OCI_NAMESPACE=conformance/main \
OCI_CROSSMOUNT_NAMESPACE=conformance/crossmount \
OCI_TEST_PULL=1 OCI_TEST_PUSH=1 OCI_TEST_CONTENT_DISCOVERY=1 OCI_TEST_CONTENT_MANAGEMENT=1 \
OCI_REPORT_DIR="$report_dir" \
  dotnet run --no-build --no-launch-profile --project "$repo/conformance/Conformance.csproj" -- "$@" || status=$?

mkdir -p "$report_dir"
cp "$work/registry.log" "$report_dir/registry.log"
exit "$status"
