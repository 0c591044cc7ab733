#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: the real registry, Redis, runtime
# clients (skopeo, containerd, the Docker engine), network tools, and the C compiler and OpenSSL
# headers the bench's floor relay is built with. Idempotent: a machine that has
# everything installs nothing.
set -euo pipefail
packages=(docker-registry mmdebstrap redis-server redis-sentinel prometheus skopeo containerd docker.io wrk apache2-utils iproute2 iptables git nfs-common tar curl util-linux python3 gcc libssl-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Node.js runs the IPFS node and the S3 test server; the machine image usually has it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
# The Debian packages start their services; the tests start their own on random ports.
systemctl disable --now docker-registry redis-server redis-sentinel prometheus prometheus-node-exporter containerd docker docker.socket >/dev/null 2>&1 || true
