#!/usr/bin/env bash
# SQLite and PostgreSQL side by side (docs/BENCHMARKS.md, "SQLite and
# PostgreSQL"): the same text records ingested into each, then the search
# benchmark (TestSearchLatency) on each database, in turns.
#
#   DURABLE=1 eval "$(scripts/test-postgres.sh start)"   # or any server
#   PG=$VERBATIM_TEST_POSTGRES SPEECHES=50000 scripts/bench-backends.sh
#
# BACKENDS=postgres (or sqlite) measures one database only, leaving the
# other's as it is: a run too long for one sitting can be made in turns.
#
# PG is a URL of a server where the script may create the database
# verbatim_bench (dropped first). Needs the shared corpus and /usr/bin/time.
# The machine's load average is sampled every minute into $WORK/load.txt
# (other work on the machine slows every number down): each step prints
# the lowest and highest seen while it ran.
set -euo pipefail

SPEECHES=${SPEECHES:-50000}
SEED=${SEED:-1}
WORK=${WORK:-/tmp/verbatim-bench}
REPS=${VERBATIM_BENCH_REPS:-30}
BUDGET=${VERBATIM_BENCH_BUDGET:-10}
ROUNDS=${ROUNDS:-2}
BACKENDS=${BACKENDS:-sqlite postgres} # in this order
: "${PG:?set PG to a PostgreSQL URL}"

cd "$(dirname "$0")/.."
mkdir -p "$WORK/bin"
go build -o "$WORK/bin/verbatim" ./cmd/verbatim
go build -o "$WORK/bin/verbatim-corpus" ./cmd/verbatim-corpus
go test -c -o "$WORK/bin/store.test" ./internal/store

TEXT=${TEXT:-"$WORK/text-$SPEECHES-$SEED"} # an existing folder of records: TEXT=DIR
[ -d "$TEXT" ] || "$WORK/bin/verbatim-corpus" -q --format text --out "$TEXT" --speeches "$SPEECHES" --seed "$SEED"

pgdb=$(printf '%s' "$PG" | sed -E 's#(://[^/]*)/[^?]*#\1/verbatim_bench#')
case " $BACKENDS " in *" postgres "*)
	psql "$PG" -qc 'DROP DATABASE IF EXISTS verbatim_bench WITH (FORCE)' -c 'CREATE DATABASE verbatim_bench' ;;
esac
case " $BACKENDS " in *" sqlite "*) rm -f "$WORK/bench.db" "$WORK/bench.db-wal" "$WORK/bench.db-shm" ;; esac

# Load average every 60 s, with the time, while the script runs.
echo "# $(date -u +%H:%M:%S) $BACKENDS" >>"$WORK/load.txt"
(while sleep 60; do echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)" >>"$WORK/load.txt"; done) &
sampler=$!
trap 'kill $sampler 2>/dev/null' EXIT
mark() { wc -l <"$WORK/load.txt"; }
# load_since N: the lowest and highest 1-minute load average sampled since line N.
load_since() {
	tail -n +"$(($1 + 1))" "$WORK/load.txt" | awk -v now="$(cut -d' ' -f1 /proc/loadavg)" '
		BEGIN {lo = hi = now} {if ($2 < lo) lo = $2; if ($2 > hi) hi = $2} END {printf "load %s-%s", lo, hi}'
}

wall_s() {
	awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s}' "$1"
}
cpu_s() { awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$1"; }

for b in $BACKENDS; do
	db="$WORK/bench.db"
	[ "$b" = postgres ] && db=$pgdb
	at=$(mark)
	/usr/bin/time -v "$WORK/bin/verbatim" ingest -q --db "$db" "$TEXT" >"$WORK/ingest-$b.out" 2>"$WORK/ingest-$b.time"
	grep -q "failed 0," "$WORK/ingest-$b.out" || { cat "$WORK/ingest-$b.out" "$WORK/ingest-$b.time"; exit 1; }
	if [ "$b" = sqlite ]; then
		size=$(du -cb "$WORK"/bench.db* | tail -1 | cut -f1)
	else
		size=$(psql "$pgdb" -Atc 'SELECT pg_database_size(current_database())')
	fi
	s=$(wall_s "$WORK/ingest-$b.time")
	echo "ingest $b: $SPEECHES speeches in ${s}s wall ($(cpu_s "$WORK/ingest-$b.time")s CPU of verbatim) = $(awk -v n="$SPEECHES" -v s="$s" 'BEGIN {printf "%.0f", n/s}') speeches/s; peak RSS $(awk -F": " '/Maximum resident/ {printf "%d", $2 / 1000}' "$WORK/ingest-$b.time") MB; database $((size / 1000000)) MB; $(load_since "$at")"
done

for round in $(seq "$ROUNDS"); do
	for b in $BACKENDS; do
		db="$WORK/bench.db"
		[ "$b" = postgres ] && db=$pgdb
		at=$(mark)
		VERBATIM_BENCH_DB="$db" VERBATIM_BENCH_REPS="$REPS" VERBATIM_BENCH_BUDGET="$BUDGET" \
			"$WORK/bin/store.test" -test.run '^TestSearchLatency$' -test.v -test.timeout 0 >"$WORK/search-$b-$round.txt" 2>&1
		# With VERBATIM_TEST_POSTGRES set, the store's tests (this one
		# too) run twice: each file may hold two measurements.
		echo "search $b, round $round (p50 and p99 ms of all queries; with the postings cache, then without):"
		grep '\*\*all' "$WORK/search-$b-$round.txt" | awk -F'|' '{printf "  p50 %s  p99 %s\n", $4, $5}'
		echo "  $(load_since "$at")"
	done
done
