#!/usr/bin/env bash
# with-postgres.sh CMD [ARG...] : run CMD with DATABASE_URL pointing at PostgreSQL.
#
# If DATABASE_URL already names a PostgreSQL database, CMD runs against it unchanged. Otherwise a
# throwaway cluster is made: initdb into a temporary directory, the server listens on a Unix socket
# in that directory only (no TCP port), DATABASE_URL is exported for CMD, and the cluster is stopped
# and deleted when this script exits, whatever the outcome. As root, the server runs as the
# `postgres` OS user (PostgreSQL refuses to run as root). PostgreSQL itself is installed from
# Debian's packages when missing. Exit status: CMD's.
set -euo pipefail

(( $# > 0 )) || { echo "usage: $0 CMD [ARG...]" >&2; exit 2; }

case "${DATABASE_URL:-}" in
    postgres://* | postgresql://* | pgsql://* | postgis://*)
        exec "$@"
        ;;
esac

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

find_bindir() {
    if [[ -n ${PG_BINDIR:-} ]]; then
        echo "$PG_BINDIR"
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n $dir && -x $dir/initdb ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

bindir=$(find_bindir)
if [[ -z $bindir ]]; then
    "$here/ensure-debian-packages.sh" postgresql
    bindir=$(find_bindir)
fi
[[ -n $bindir && -x $bindir/initdb ]] || { echo "with-postgres: cannot find initdb" >&2; exit 1; }

# The server's OS user: ourselves, or `postgres` when we are root.
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { echo "with-postgres: running as root but no 'postgres' user" >&2; exit 1; }
    as_pg=(runuser -u postgres --)
fi

# Short path: a Unix socket path must stay under ~100 bytes.
workdir=$(mktemp -d /tmp/thidua-pg.XXXXXX)
data="$workdir/data"
sock="$workdir"
started=0

cleanup() {
    local rc=$?
    if (( started )); then
        "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$workdir"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

if (( ${#as_pg[@]} )); then
    chown postgres: "$workdir"
fi
chmod 700 "$workdir"

"${as_pg[@]}" "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$workdir/initdb.log" 2>&1 || { cat "$workdir/initdb.log" >&2; exit 1; }

# Tuned for throwaway test data: no durability, no TCP.
started=1
"${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -l "$workdir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }

"${as_pg[@]}" "$bindir/createdb" -h "$sock" -U postgres thidua

export DATABASE_URL="postgres://postgres@${sock//\//%2F}/thidua"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on ${sock}" >&2

# CMD runs in the background (stdin kept) so that a signal reaches us at once: it is passed on to
# CMD, we wait for CMD to finish, and the EXIT trap removes the cluster.
child=0
forward() {
    local sig=$1 code=$2
    trap - "$sig"
    (( child )) && kill -"$sig" "$child" 2>/dev/null || true
    (( child )) && wait "$child" 2>/dev/null || true
    exit "$code"
}
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM
trap 'forward HUP 129' HUP
"$@" <&0 &
child=$!
set +e
wait "$child"
rc=$?
set -e
exit "$rc"
