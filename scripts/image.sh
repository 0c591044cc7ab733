#!/usr/bin/env bash
# Builds the facade's container image offline (no container registry needed): a Debian root file
# system from Debian packages (mmdebstrap) as the base layer, a self-contained publish of the facade
# as the second layer, written as an OCI image layout and optionally pushed with skopeo.
# Everything is in a temp directory that is removed on exit; outputs are replaced, never merged.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/image.sh [--push HOST[:PORT]/NAME:TAG] [--oci-dir DIR] [--suite SUITE]

Builds the registry facade's container image from Debian packages and a self-contained
publish, without any container registry on the network.

  --push REF      push the image with skopeo to REF (TLS verification off for loopback hosts)
  --oci-dir DIR   write the image as an OCI image layout to DIR (replaced if it exists);
                  its index.json names the image by the tag of --push, else "latest"
  --suite SUITE   Debian suite of the base layer (default: the host's, else bookworm)
  -h, --help      print this help

At least one of --push and --oci-dir is required. Needs mmdebstrap, dotnet, python3, tar,
gzip, sha256sum (and skopeo for --push). The image runs as uid 65532 with entry point
/app/Facade and default arguments --Urls=http://0.0.0.0:5000; the cache is /var/cache/facade.
EOF
}

fail() { echo "image.sh: $*" >&2; exit 2; }

push="" oci_dir="" suite=""
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --push) [ $# -ge 2 ] || fail "--push needs a reference"; push="$2"; shift 2 ;;
    --oci-dir) [ $# -ge 2 ] || fail "--oci-dir needs a directory"; oci_dir="$2"; shift 2 ;;
    --suite) [ $# -ge 2 ] || fail "--suite needs a name"; suite="$2"; shift 2 ;;
    *) usage >&2; fail "unknown argument '$1'" ;;
  esac
done
[ -n "$push$oci_dir" ] || { usage >&2; fail "nothing to do: give --push and/or --oci-dir"; }
tag=latest
if [ -n "$push" ]; then
  [[ "$push" =~ ^[a-zA-Z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+:([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$ ]] \
    || fail "--push wants HOST[:PORT]/NAME:TAG, got '$push'"
  tag="${BASH_REMATCH[2]}"
fi
tools=(mmdebstrap dotnet python3 tar gzip sha256sum)
[ -z "$push" ] || tools+=(skopeo)
for t in "${tools[@]}"; do command -v "$t" >/dev/null || fail "'$t' is not installed (scripts/install-test-deps.sh installs it)"; done
if [ -z "$suite" ]; then
  suite=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  suite=${suite:-bookworm}
fi
case "$(dpkg --print-architecture)" in
  amd64) arch=amd64 rid=linux-x64 ;;
  arm64) arch=arm64 rid=linux-arm64 ;;
  *) fail "unsupported architecture $(dpkg --print-architecture)" ;;
esac

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/facade-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Timestamps from the last commit, not the clock, so the same sources give the same digests.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 0)}

echo "image.sh: base root file system ($suite, $arch)" >&2
# essential: dpkg needs a shell for the maintainer scripts (ca-certificates builds its bundle);
# the packages are what a self-contained .NET program loads (InvariantGlobalization: no ICU).
mmdebstrap --quiet --variant=essential --architectures="$arch" \
  --include=libc6,libstdc++6,libgcc-s1,libssl3,zlib1g,ca-certificates,tzdata \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook='echo "nonroot:x:65532:65532:nonroot:/nonexistent:/usr/sbin/nologin" >> "$1/etc/passwd"' \
  --customize-hook='echo "nonroot:x:65532:" >> "$1/etc/group"' \
  --customize-hook='mkdir -p "$1/var/cache/facade" && chown 65532:65532 "$1/var/cache/facade"' \
  --customize-hook='rm -rf "$1"/var/log/* "$1"/var/cache/ldconfig/aux-cache "$1"/var/cache/debconf/*-old' \
  "$suite" "$work/base.tar"

echo "image.sh: publishing the facade ($rid, self-contained)" >&2
# A copy of the sources without bin/ and obj/, so the publish neither reads nor rewrites the
# checkout's build outputs (a RID-specific restore would change its project.assets.json).
mkdir -p "$work/src"
tar -C "$repo" --exclude=bin --exclude=obj -cf - src Directory.Build.props Directory.Packages.props global.json \
  | tar -C "$work/src" -xf -
dotnet publish "$work/src/src/Facade/Facade.csproj" -c Release -r "$rid" --self-contained -nologo -v quiet \
  -p:DebugType=none -p:GenerateDocumentationFile=false -o "$work/app/app" >&2
tar -C "$work/app" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  --mode='u+rwX,go+rX,go-w' -cf "$work/app.tar" app

echo "image.sh: writing the OCI layout" >&2
layout="$work/oci"
python3 "$repo/scripts/image/layout.py" --out "$layout" --arch "$arch" --tag "$tag" \
  --created "$SOURCE_DATE_EPOCH" --layer "$work/base.tar" "debian $suite ($(basename "$work/base.tar"))" \
  --layer "$work/app.tar" "facade self-contained publish"

if [ -n "$push" ]; then
  tls=()
  case "${push%%/*}" in 127.0.0.1*|localhost*|\[::1\]*) tls=(--dest-tls-verify=false) ;; esac
  skopeo --insecure-policy copy --quiet "${tls[@]}" "oci:$layout:$tag" "docker://$push" >&2
  echo "image.sh: pushed $push" >&2
fi
if [ -n "$oci_dir" ]; then
  rm -rf "$oci_dir"
  mkdir -p "$(dirname "$oci_dir")"
  mv "$layout" "$oci_dir"
  echo "image.sh: OCI layout in $oci_dir" >&2
fi
