#!/usr/bin/env bash
# ensure-debian-packages.sh PKG... : install the Debian packages that are missing, and nothing else.
# Runs `apt-get update` once, only when something is missing. Non-interactive; uses sudo only when not
# root. Recommended packages are installed too (LibreOffice's fonts among them), as on the developers'
# machines, so that documents render the same in CI. Used by `make test` and by
# scripts/with-postgres.sh so that a fresh machine sets itself up.
set -euo pipefail

(( $# > 0 )) || { echo "usage: $0 PKG..." >&2; exit 2; }

if ! command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "$@"; do echo "  $pkg" >&2; done
    echo "ensure-debian-packages: not a Debian-like system; install the packages above by hand." >&2
    exit 1
fi

missing=()
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$pkg")
done
(( ${#missing[@]} == 0 )) && exit 0

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "ensure-debian-packages: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
fi

echo "ensure-debian-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" </dev/null
