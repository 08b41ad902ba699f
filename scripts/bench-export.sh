#!/usr/bin/env bash
# Measures exports of a benchmark database (docs/BENCHMARKS.md, "Exports"):
# reading the store through Export alone (TestExportRead), then
# "verbatim export" to CSV and to TEI under /usr/bin/time -v: speeches/s,
# MB/s written, peak RSS.
#
#   scripts/bench-export.sh /tmp/verbatim-bench/search-1000000-1.db
#
# The database is one scripts/bench-store.sh (or cmd/verbatim-corpus
# --format db) wrote. Needs Go and /usr/bin/time (Debian package "time").
set -euo pipefail

DB=${1:?usage: scripts/bench-export.sh DATABASE}
WORK=${WORK:-/tmp/verbatim-bench}
cd "$(dirname "$0")/.."
mkdir -p "$WORK/bin"
go build -o "$WORK/bin/verbatim" ./cmd/verbatim

peak_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
wall_s() {
	awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s}' "$1"
}
cpu_s() { awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$1"; }

echo "== reading the store through Export, writing nothing"
VERBATIM_BENCH_DB="$DB" go test -count=1 -run '^TestExportRead$' -v -timeout 0 ./internal/store | grep -E 'export_bench_test|FAIL' || true

speeches=$("$WORK/bin/verbatim" stats --db "$DB" --json | sed -n 's/.*"speeches": *\([0-9]*\).*/\1/p' | head -1)
for format in csv tei; do
	out="$WORK/export-$format"
	rm -rf "$out" "$out.csv"
	echo
	echo "== verbatim export --format $format ($speeches speeches)"
	if [ "$format" = csv ]; then
		dest="$out.csv"
	else
		dest="$out"
	fi
	sync
	/usr/bin/time -v "$WORK/bin/verbatim" export -q --db "$DB" --format "$format" --out "$dest" 2>"$WORK/export-$format.time"
	bytes=$(du -sb "$dest" | cut -f1)
	secs=$(wall_s "$WORK/export-$format.time")
	echo "$format: $((bytes / 1000000)) MB in ${secs}s wall ($(cpu_s "$WORK/export-$format.time")s CPU) =" \
		"$(awk -v n="$speeches" -v s="$secs" 'BEGIN {printf "%.0f", n/s}') speeches/s," \
		"$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.1f", b/1e6/s}') MB/s; peak RSS $(peak_mb "$WORK/export-$format.time") MB"
	rm -rf "$dest"
done
