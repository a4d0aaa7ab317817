#!/usr/bin/env bash
# Orders/s through HTTP with polling clients: one node against three, side by side in one run, on PostgreSQL.
#
# Per run: a fresh database, one node (Formation Alone) and `LoadGen http` with C clients; then a fresh
# database, three nodes (static seeds) and three `LoadGen http` at once, one per node, C/3 clients each (the
# figure is the sum of their orders/s, their phases overlapping). Participants are each node's simulators
# (Simulated mode), Kafka off: HTTP, sharding across nodes and the journal on PostgreSQL. Medians at the end.
# Needs ACTORORDERS_POSTGRES (an Npgsql connection string to a server where the user may CREATE DATABASE) and psql.
set -euo pipefail

runs=3 clients=96 orders=3000 warmup=600 build=1
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift ;;
    --clients) clients=$2; shift ;;
    --orders) orders=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n 2,9p "$0"; echo "usage: $0 [--runs 3] [--clients 96] [--orders 3000] [--warmup 600] [--no-build]"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

: "${ACTORORDERS_POSTGRES:?set ACTORORDERS_POSTGRES to an Npgsql connection string}"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
loadgen="$root/bench/LoadGen/bin/Release/net10.0/ActorOrders.LoadGen.dll"
node_dll="$root/src/Cluster.Node/bin/Release/net10.0/ActorOrders.Node.dll"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cluster-throughput.XXXXXX")
results="$tmp/results.log"
pids=()

# Npgsql "Host=..;Port=..;Username=..;Password=..;Database=.." → libpq variables for psql.
pg() { local key=$1; tr ';' '\n' <<<"$ACTORORDERS_POSTGRES" | sed -n "s/^$key=//Ip" | head -n1; }
export PGHOST=$(pg Host) PGPORT=$(pg Port) PGUSER=$(pg Username) PGPASSWORD=$(pg Password)
admin_db=$(pg Database)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  local deadline=$((SECONDS + 40))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap 'stop_all; rm -rf "$tmp"' EXIT

# node NAME DB AKKA_PORT HTTP_PORT SEED_PORTS...: starts a node in the background, its log in $tmp/NAME.log
node() {
  local name=$1 db=$2 akka=$3 http=$4; shift 4
  local args=(--urls "http://127.0.0.1:$http" --Logging:LogLevel:Default=Warning
    --ActorOrders:Cluster:Port="$akka" --ActorOrders:Persistence:Provider=PostgreSql
    "--ActorOrders:Persistence:ConnectionString=Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db"
    --ActorOrders:Participants:Mode=Simulated --ActorOrders:Kafka:Enabled=false --ActorOrders:Admin:Enabled=false)
  local i=0
  for seed in "$@"; do args+=("--ActorOrders:Cluster:SeedNodes:$i=akka.tcp://ActorOrders@127.0.0.1:$seed"); i=$((i + 1)); done
  dotnet "$node_dll" "${args[@]}" >"$tmp/$name.log" 2>&1 &
  pids+=($!)
}

ready() {
  local url=$1 deadline=$((SECONDS + 120))
  until curl -sf "$url/health/ready" >/dev/null; do
    ((SECONDS < deadline)) || { echo "$url not ready within 120 s" >&2; tail -n 30 "$tmp"/*.log >&2; exit 1; }
    sleep 0.5
  done
}

loadgen() { # URL CLIENTS ORDERS LABEL RUN
  dotnet "$loadgen" http --url "$1" --clients "$2" --orders "$3" --warmup "$((warmup * $2 / clients))" --get-phase-seconds 0 --label "$4" --run "$5" --mix happy
}

if ((build)); then dotnet build -c Release "$root/bench/LoadGen" --nologo -v q >/dev/null; fi
echo "date $(date -u +%FT%TZ); $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$tmp/header"

for ((run = 1; run <= runs; run++)); do
  db="actororders_bench_$$_${run}_one"
  psql -d "$admin_db" -qc "CREATE DATABASE \"$db\""
  a=$(free_port) h=$(free_port)
  node one "$db" "$a" "$h"
  ready "http://127.0.0.1:$h"
  loadgen "http://127.0.0.1:$h" "$clients" "$orders" one-node "$run" | tee -a "$results" | grep -v '^{' || true
  stop_all
  psql -d "$admin_db" -qc "DROP DATABASE \"$db\" WITH (FORCE)"

  db="actororders_bench_$$_${run}_three"
  psql -d "$admin_db" -qc "CREATE DATABASE \"$db\""
  a1=$(free_port) a2=$(free_port) a3=$(free_port) h1=$(free_port) h2=$(free_port) h3=$(free_port)
  node n1 "$db" "$a1" "$h1" "$a1" "$a2" "$a3"
  ready "http://127.0.0.1:$h1" # the journal's tables exist before the others start
  node n2 "$db" "$a2" "$h2" "$a1" "$a2" "$a3"
  node n3 "$db" "$a3" "$h3" "$a1" "$a2" "$a3"
  ready "http://127.0.0.1:$h2"; ready "http://127.0.0.1:$h3"
  for h in "$h1" "$h2" "$h3"; do loadgen "http://127.0.0.1:$h" "$((clients / 3))" "$((orders / 3))" three-nodes "$run" >"$tmp/lg-$h.out" & done
  wait_for=$(jobs -p | tail -n 3); for j in $wait_for; do wait "$j" || true; done
  cat "$tmp"/lg-*.out >>"$results"; grep -hv '^{' "$tmp"/lg-*.out || true; rm -f "$tmp"/lg-*.out
  stop_all
  psql -d "$admin_db" -qc "DROP DATABASE \"$db\" WITH (FORCE)"
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" <<'EOF'
import json, statistics, sys, collections
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
per = collections.defaultdict(lambda: collections.defaultdict(list))
for r in rows:
    if r.get("phase") == "orders": per[r["label"]][r["run"]].append(r)
for label, runs in per.items():
    totals = [sum(x["ordersPerSec"] for x in rs) for rs in runs.values()]
    p99 = [max(x["p99Ms"] for x in rs) for rs in runs.values()]
    count = lambda v: sum(v.values()) if isinstance(v, dict) else (v or 0)
    errors = sum(count(x["httpErrors"]) + count(x["transportErrors"]) + count(x["unfinished"]) for rs in runs.values() for x in rs)
    print(json.dumps({"label": label, "ordersPerSecMedian": statistics.median(totals), "runs": totals, "p99MsMedian": statistics.median(p99), "errors": errors}))
EOF
