#!/usr/bin/env bash
# Load test of the search API: starts verbatim serve on loopback over a
# database and runs wrk against /api/search with a rotating set of frequent
# and rare Chinese and English queries. Requests go to 127.0.0.1 only, and
# the run is bounded in time.
#
#   scripts/load-search.sh DB [SECONDS] [CONNECTIONS]
#
# CACHE=0 turns off the server's cache of recent results, so that every
# request is searched (the default keeps 1,000, as verbatim serve does).
# WARMUP=S first runs the same load for S seconds, unreported, so that the
# report is of a server that has read its index (the default, 0, includes
# the start).
#
# Needs wrk (apt-get install wrk). Prints wrk's report with latency
# percentiles.
set -euo pipefail
db=${1:?usage: scripts/load-search.sh DB [SECONDS] [CONNECTIONS]}
secs=${2:-20}
conns=${3:-16}
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

go build -o /tmp/verbatim-load ./cmd/verbatim
port=$((20000 + RANDOM % 20000))
/tmp/verbatim-load serve -q --db "$db" --addr "127.0.0.1:$port" --cache "${CACHE:-1000}" >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/api/stats" >/dev/null 2>&1 && break
  sleep 0.1
done

lua=$(mktemp --suffix=.lua)
cat >"$lua" <<'LUA'
local queries = {
  "%E5%92%8C%E5%B9%B3",                         -- 和平
  "%E6%81%90%E6%80%96%E4%B8%BB%E4%B9%89",       -- 恐怖主义
  "%E5%AE%89%E5%85%A8%E7%90%86%E4%BA%8B%E4%BC%9A", -- 安全理事会
  "%E9%9B%86%E4%BD%93%E5%AE%89%E5%85%A8%E6%9D%A1%E7%BA%A6%E7%BB%84%E7%BB%87", -- 集体安全条约组织
  "%E5%93%88%E8%90%A8%E5%85%8B%E6%96%AF%E5%9D%A6", -- 哈萨克斯坦
  "%22rule%20of%20law%22",
  "terror*",
  "humanitarian",
  "Kazakhstan",
  "%22cross-border%22",
  "%E5%92%8C%E5%B9%B3&country=CHN&lang=zh",
  "peace&body=S&from=2010-01-01",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?limit=20&q=" .. queries[(i % #queries) + 1])
end
LUA
if [ "${WARMUP:-0}" -gt 0 ]; then
  wrk -t2 -c"$conns" -d"${WARMUP}s" -s "$lua" "http://127.0.0.1:$port" >/dev/null
fi
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$lua" "http://127.0.0.1:$port"
rm -f "$lua"
