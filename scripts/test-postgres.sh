#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for the tests: initdb in a temporary
# folder, a free port on 127.0.0.1, trust authentication for the local
# user. Prints the lines to eval:
#   eval "$(scripts/test-postgres.sh start)"   # exports VERBATIM_TEST_POSTGRES, VERBATIM_PG_DIR
#   scripts/test-postgres.sh stop "$VERBATIM_PG_DIR"
# Needs Debian's postgresql package (postgresql-15); run as root, the
# server runs as the user postgres (it refuses root).
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bindir/initdb" ] || { echo "test-postgres: PostgreSQL binaries not found (Debian package postgresql)" >&2; exit 1; }

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
	dir=$(mktemp -d /tmp/verbatim-pg.XXXXXX)
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	as_pg "$bindir/initdb" -D "$dir/data" -U verbatim --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
	echo "export VERBATIM_TEST_POSTGRES='postgres://verbatim@127.0.0.1:$port/postgres?sslmode=disable'"
	echo "export VERBATIM_PG_DIR='$dir'"
	;;
stop)
	dir=${2:?usage: test-postgres.sh stop DIR}
	as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
*)
	echo "usage: test-postgres.sh start | stop DIR" >&2
	exit 2
	;;
esac
