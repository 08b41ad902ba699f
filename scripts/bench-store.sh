#!/usr/bin/env bash
# Measures the store's targets end to end (docs/BENCHMARKS.md, "Store:
# ingest and search"):
#   a. ingest: verbatim-corpus --format text writes INGEST_SPEECHES speeches
#      as extracted-text records; "verbatim ingest" reads them back under
#      /usr/bin/time -v (speeches/s, peak RSS);
#   b. search: verbatim-corpus --format db stores SEARCH_SPEECHES speeches
#      straight into a database (time, size on disk); TestSearchLatency
#      (internal/store/bench_test.go) runs the query set on it.
#
# The defaults finish in a few minutes. The 1M-speech measurement:
#   INGEST_SPEECHES=50000 SEARCH_SPEECHES=1000000 scripts/bench-store.sh
# A database already built for the same size and seed by the same code is
# reused; set REBUILD=1 to build it again. Needs Go, /usr/bin/time (Debian package
# "time"), the shared corpus ($VERBATIM_CORPUS or ../shared/corpus) and,
# for speed, mutool (mupdf-tools).
set -euo pipefail

INGEST_SPEECHES=${INGEST_SPEECHES:-5000}
SEARCH_SPEECHES=${SEARCH_SPEECHES:-20000}
SEED=${SEED:-1}
WORK=${WORK:-/tmp/verbatim-bench}
REPS=${VERBATIM_BENCH_REPS:-50}
BUDGET=${VERBATIM_BENCH_BUDGET:-20}

cd "$(dirname "$0")/.."
mkdir -p "$WORK/bin"
go build -o "$WORK/bin/verbatim" ./cmd/verbatim
go build -o "$WORK/bin/verbatim-corpus" ./cmd/verbatim-corpus

# peak MB and wall seconds from a /usr/bin/time -v report
peak_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
wall_s() {
	awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s}' "$1"
}

echo "== a. ingest: $INGEST_SPEECHES speeches as text records, seed $SEED"
TEXT="$WORK/text-$INGEST_SPEECHES-$SEED"
rm -rf "$TEXT" "$WORK/ingest.db" "$WORK/ingest.db-wal" "$WORK/ingest.db-shm"
"$WORK/bin/verbatim-corpus" -q --format text --out "$TEXT" --speeches "$INGEST_SPEECHES" --seed "$SEED"
echo "text: $(find "$TEXT" -name '*.txt' | wc -l) files, $(du -sm "$TEXT" | cut -f1) MB"
sync
/usr/bin/time -v "$WORK/bin/verbatim" ingest -q --db "$WORK/ingest.db" "$TEXT" 2>"$WORK/ingest.time" | tee "$WORK/ingest.out"
grep -q "failed 0," "$WORK/ingest.out" || { echo "ingest failed"; cat "$WORK/ingest.time"; exit 1; }
stored=$(sed -n 's/.*; \([0-9]*\) speeches in.*/\1/p' "$WORK/ingest.out")
[ "$stored" = "$INGEST_SPEECHES" ] || { echo "ingest stored $stored speeches, $INGEST_SPEECHES were written"; exit 1; }
secs=$(wall_s "$WORK/ingest.time")
echo "ingest: $stored speeches in ${secs}s wall = $(awk -v n="$stored" -v s="$secs" 'BEGIN {printf "%.0f", n/s}') speeches/s, peak RSS $(peak_mb "$WORK/ingest.time") MB, database $(du -m "$WORK/ingest.db" | cut -f1) MB"

echo
echo "== b. search: $SEARCH_SPEECHES speeches stored straight into a database, seed $SEED"
DB="$WORK/search-$SEARCH_SPEECHES-$SEED.db"
# A database is reused only if the code that writes it has not changed.
writer=$(git log -1 --format=%H -- internal/index internal/store internal/search cmd/verbatim-corpus 2>/dev/null || echo unknown)
if [ -n "${REBUILD:-}" ] || [ "$(cat "$DB.done" 2>/dev/null)" != "$writer" ]; then
	rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.done"
	/usr/bin/time -v "$WORK/bin/verbatim-corpus" -q --format db --db "$DB" --speeches "$SEARCH_SPEECHES" --seed "$SEED" 2>"$DB.time"
	echo "$writer" >"$DB.done"
fi
bytes=$(stat -c %s "$DB")
echo "build: $(wall_s "$DB.time")s wall, peak RSS $(peak_mb "$DB.time") MB; database $((bytes / 1000000)) MB = $((bytes / SEARCH_SPEECHES)) bytes a speech = $(awk -v b="$bytes" -v n="$SEARCH_SPEECHES" 'BEGIN {printf "%.1f", b/n*1e6/1e9}') GB per million speeches"
VERBATIM_BENCH_DB="$DB" VERBATIM_BENCH_REPS="$REPS" VERBATIM_BENCH_BUDGET="$BUDGET" \
	go test -count=1 -run '^TestSearchLatency$' -v -timeout 0 ./internal/store | grep -v -e '^=== RUN' -e '^--- PASS' -e '^PASS' -e '^ok '
