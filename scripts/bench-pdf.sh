#!/usr/bin/env bash
# Measures PDF → record against a baseline build, the two alternated in
# one run so that the machine's drift hits both alike (docs/BENCHMARKS.md,
# "PDF: extraction and parsing"):
#   - end to end: "verbatim parse FILE.pdf" of each build, wall time;
#   - extraction alone: the new path's mutool runs (draw -F stext.json and
#     pages, as the extractor runs them: in parallel) against the
#     baseline's pdftotext -raw.
# Parsing is end to end less extraction.
#
#   scripts/bench-pdf.sh [BASELINE_REV] [ROUNDS]
#
# BASELINE_REV defaults to d830db3 (the last build on pdftotext); files
# default to the 2020 Security Council records of the corpus. Needs git,
# Go, mutool (mupdf-tools) and pdftotext (poppler-utils) for the baseline.
set -euo pipefail

BASE=${1:-d830db3}
ROUNDS=${2:-7}
WORK=${WORK:-/tmp/verbatim-bench-pdf}
cd "$(dirname "$0")/.."
CORPUS=${VERBATIM_CORPUS:-../shared/corpus}
mkdir -p "$WORK"
go build -o "$WORK/new" ./cmd/verbatim
if [[ ! -x "$WORK/base-$BASE" ]]; then
  rm -rf "$WORK/src"
  git worktree add -q --detach "$WORK/src" "$BASE"
  (cd "$WORK/src" && go build -o "$WORK/base-$BASE" ./cmd/verbatim)
  git worktree remove --force "$WORK/src"
fi

ms() { # wall time of a command in milliseconds
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mutool_both() {
  mutool draw -q -F stext.json -o /dev/null "$1" & mutool pages "$1" >/dev/null; wait
}

printf '%-24s %5s  %9s %9s %6s  %9s %9s %6s\n' record pages "base(ms)" "new(ms)" ratio "pdftotext" "mutool" ratio
for f in "$CORPUS"/en/pdf/S_PV.87*.pdf; do
  pages=$(mutool pages "$f" 2>/dev/null | grep -c '<page ')
  : >"$WORK/b" ; : >"$WORK/n"; : >"$WORK/pt"; : >"$WORK/mu"
  for ((r = 0; r < ROUNDS; r++)); do
    ms "$WORK/base-$BASE" parse -q "$f" >>"$WORK/b"
    ms "$WORK/new" parse -q "$f" >>"$WORK/n"
    ms pdftotext -raw "$f" - >>"$WORK/pt"
    ms mutool_both "$f" >>"$WORK/mu"
  done
  b=$(median <"$WORK/b"); n=$(median <"$WORK/n"); pt=$(median <"$WORK/pt"); mu=$(median <"$WORK/mu")
  printf '%-24s %5d  %9d %9d %5.1fx  %9d %9d %5.1fx\n' "$(basename "$f" .pdf)" "$pages" "$b" "$n" \
    "$(echo "$b / $n" | bc -l)" "$pt" "$mu" "$(echo "$pt / ($mu + 0.001)" | bc -l)"
done
