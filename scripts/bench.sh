#!/usr/bin/env bash
# Builds Release and runs the end-to-end load run (upstream registry vs facade vs distribution
# proxy), then the IPFS run and the composition run; results go to
# bench/results/{load,ipfs,compose}-<date>.{md,json}. About 5 minutes on 2 cores.
#
#   bash scripts/bench.sh                 # all three runs
#   bash scripts/bench.sh --ipfs          # only IPFS vs upstream cold blob pulls (~30 s + js-ipfs install)
#   bash scripts/bench.sh --compose       # only composed manifest latency (~20 s)
#   bash scripts/bench.sh --load          # only the load run (the parts combine: --ipfs --compose)
#   bash scripts/bench.sh --micro         # load run, then the BenchmarkDotNet suite (short job)
#   bash scripts/bench.sh --micro-only    # only the BenchmarkDotNet suite
#   bash scripts/bench.sh --quick         # smoke load run (64 MiB blob, 3 s per measurement)
#   bash scripts/bench.sh --tls           # only the TLS + HTTP/2 upstream at 20 ms RTT: facade vs direct client
#   bash scripts/bench.sh --soak [--minutes N]  # soak: mixed load, flapping upstream, a restart (30 min)
# Other arguments go to the load tool (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

load=1
micro=0
load_args=()
for arg in "$@"; do
  case "$arg" in
    --micro) micro=1 ;;
    --micro-only) micro=1; load=0 ;;
    *) load_args+=("$arg") ;;
  esac
done

build() { dotnet build "$1" -c Release -v quiet -nologo | grep -E "error|warn" || true; }

if [[ $load == 1 ]]; then
  for tool in docker-registry wrk ss; do
    command -v "$tool" >/dev/null || { echo "missing '$tool': run scripts/install-test-deps.sh" >&2; exit 1; }
  done
  if [[ " ${load_args[*]-} " == *" --ipfs "* ]]; then
    for tool in redis-server node npm; do
      command -v "$tool" >/dev/null || { echo "missing '$tool' (needed by --ipfs): run scripts/install-test-deps.sh" >&2; exit 1; }
    done
  fi
  build src/Facade
  build bench/Load
  dotnet bench/Load/bin/Release/net10.0/Facade.Load.dll --repo-root "$PWD" "${load_args[@]}"
fi

if [[ $micro == 1 ]]; then
  build bench/Benchmarks
  stamp=$(date -u +%Y-%m-%d-%H%M)
  artifacts=$(mktemp -d)
  trap 'rm -rf "$artifacts"' EXIT
  # In-process toolchain and the short job: the whole suite in a few minutes on 2 cores.
  dotnet bench/Benchmarks/bin/Release/net10.0/Facade.Benchmarks.dll --filter '*' --job short --inProcess \
    --exporters github --artifacts "$artifacts"
  mkdir -p bench/results
  {
    echo "## BenchmarkDotNet $stamp UTC (short job, in-process)"
    echo
    echo "Load average (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
    for report in "$artifacts"/results/*-report-github.md; do
      echo
      echo "### $(basename "$report" -report-github.md)"
      echo
      cat "$report"
    done
  } > "bench/results/micro-$stamp.md"
  echo "written to bench/results/micro-$stamp.md"
fi
