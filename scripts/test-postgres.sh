#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for the tests: initdb in a temporary
# folder, a free port on 127.0.0.1, trust authentication for the local
# user. Prints the lines to eval:
#   eval "$(scripts/test-postgres.sh start)"   # exports VERBATIM_TEST_POSTGRES, VERBATIM_PG_DIR
#   scripts/test-postgres.sh stop "$VERBATIM_PG_DIR"
# Needs Debian's postgresql package (postgresql-15); run as root, the
# server runs as the user postgres (it refuses root). Tests run it without
# fsync; DURABLE=1 keeps PostgreSQL's defaults (for benchmarks).
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bindir/initdb" ] || { echo "test-postgres: PostgreSQL binaries not found (Debian package postgresql)" >&2; exit 1; }

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
	# initdb runs shell commands that write to /dev/null.
	[ -c /dev/null ] || { echo "test-postgres: /dev/null is not a device on this machine; initdb cannot run" >&2; exit 1; }
	dir=$(mktemp -d /tmp/verbatim-pg.XXXXXX)
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	as_pg "$bindir/initdb" -D "$dir/data" -U verbatim --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	# A free port: one nothing answers on; another try if the server
	# lost it to someone else meanwhile.
	for try in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
		opts="-h 127.0.0.1 -p $port -k $dir -c max_connections=200"
		[ -n "${DURABLE:-}" ] || opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
		if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null; then
			break
		fi
		[ "$try" = 5 ] && { cat "$dir/server.log" >&2; exit 1; }
	done
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
