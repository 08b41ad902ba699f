#!/bin/sh
# Writes the inputs of the memory-bound measurements (docs/BENCHMARKS.md,
# "Memory bounded for any accepted input") into DIR: a real record's text
# repeated to 200 MB and 60 MB, and texts just under the text limit
# (8 MiB) in the shapes that cost the parser the most memory per byte.
# Usage: scripts/limit-inputs.sh CORPUS_DIR DIR
set -eu
corpus=$1 dir=$2
mkdir -p "$dir"
pdftotext -raw -enc UTF-8 "$corpus/en/pdf/A_76_PV.102-EN.pdf" "$dir/one.txt"
python3 - "$dir" "$corpus" <<'PY'
import sys
d, corpus = sys.argv[1], sys.argv[2]
one = open(d + "/one.txt", "rb").read()
open(d + "/big200.txt", "wb").write((one * (200_000_000 // len(one) + 1))[:200_000_000])
open(d + "/big60.txt", "wb").write((one * (60_000_000 // len(one) + 1))[:60_000_000])
N = 8 * 1024 * 1024 - 4096
def at(name, unit):
    b = (unit * (N // len(unit) + 1))[:N]
    open(d + "/" + name, "wb").write(b[: b.rfind(b"\n") + 1])
at("m_en.txt", one)
at("m_zh.txt", open(corpus + "/zh/S_PV.7796-ZH.txt", "rb").read())
at("m_labels.txt", b"Mr. Smith (France) (spoke in French): We thank you.\n")
at("m_zhlab.txt", "别所先生（日本）（以英语发言）：谢谢。\n".encode())
at("m_votes.txt", b"In favour:\nArgentina, Brazil, Chile, Norway, Peru, France, Ghana, Japan\n")
at("m_adopt.txt", b"Draft resolution A/64/L.72 was adopted (resolution 64/299).\n")
at("m_decided.txt", b"It was so decided.\n")
sym = b"A/64/L.72 S/RES/1373 (2001) S/2020/1 A/RES/65/182 "
open(d + "/m_syms.txt", "wb").write(b"The President: " + (sym * (N // len(sym)))[: N - 20] + b"\n")
PY
