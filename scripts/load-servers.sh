#!/usr/bin/env bash
# N verbatim serve processes on one database (a postgres:// URL, or a
# file), each under its own wrk at once, the result cache off: do several
# servers answer correctly side by side? Loopback only, bounded in time.
#
#   scripts/load-servers.sh DB [SERVERS] [SECONDS] [CONNECTIONS-EACH]
#
# Uses the query rotation of scripts/load-search.sh. Needs wrk.
set -euo pipefail
db=${1:?usage: scripts/load-servers.sh DB [SERVERS] [SECONDS] [CONNECTIONS-EACH]}
n=${2:-2}
secs=${3:-15}
conns=${4:-8}
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
go build -o /tmp/verbatim-load ./cmd/verbatim
lua=$(mktemp --suffix=.lua)
sed -n "/^cat >\"\$lua\" <<'LUA'$/,/^LUA$/p" scripts/load-search.sh | sed '1d;$d' >"$lua"
pids=()
ports=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -f "$lua"' EXIT
for i in $(seq "$n"); do
	port=$((20000 + RANDOM % 20000))
	/tmp/verbatim-load serve -q --db "$db" --addr "127.0.0.1:$port" --cache 0 >/dev/null &
	pids+=($!)
	ports+=("$port")
done
for port in "${ports[@]}"; do
	for _ in $(seq 100); do
		curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
		sleep 0.1
	done
done
outs=()
loads=()
for port in "${ports[@]}"; do
	out=$(mktemp)
	outs+=("$out")
	wrk -t1 -c"$conns" -d"${secs}s" --latency -s "$lua" "http://127.0.0.1:$port" >"$out" &
	loads+=($!)
done
wait "${loads[@]}"
for i in "${!outs[@]}"; do
	echo "== server $((i + 1)) (port ${ports[$i]})"
	grep -E "Requests/sec|Non-2xx|Socket errors|50%|99%" "${outs[$i]}"
	rm -f "${outs[$i]}"
done
