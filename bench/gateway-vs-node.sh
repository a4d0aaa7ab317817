#!/usr/bin/env bash
# The same HTTP load through a separate gateway process and through the embedded node, in one run
# (bench/README.md, "Gateway vs embedded node").
#
# Builds Release once, starts a node (fresh SQLite file in a temp dir, Akka on a free port) and a
# gateway joined to it as separate processes on 127.0.0.1, then per run: the GET-only phase
# (`gets`) and `http --mix happy` against the node's own listener, then the same against the
# gateway; finally the medians per label. Stops both (SIGTERM, SIGKILL after a deadline) however it ends.
set -euo pipefail

usage() {
  cat <<'EOF2'
usage: bench/gateway-vs-node.sh [options]
  --runs K            repetitions; medians are printed at the end (default 3)
  --clients N         closed-loop clients of every phase (default 256)
  --orders N          measured orders of `http` (default 20000)
  --warmup N          warm-up orders of `http` (default 2000)
  --get-seconds S     measured seconds of each GET-only phase (default 10)
  --seed-orders N     orders placed before each `gets` phase, then read back (default 1000)
  --zero-latency      simulated participants answer at once
  --node-port P       default 5080 (the node's default)
  --gateway-port P    default 5081 (the gateway's default)
  --no-build          use the existing Release output
EOF2
}

runs=3 clients=256 orders=20000 warmup=2000 get_seconds=10 seed_orders=1000
zero_latency=0 build=1 node_port=5080 gateway_port=5081
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift ;;
    --clients) clients=$2; shift ;;
    --orders) orders=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --get-seconds) get_seconds=$2; shift ;;
    --seed-orders) seed_orders=$2; shift ;;
    --zero-latency) zero_latency=1 ;;
    --node-port) node_port=$2; shift ;;
    --gateway-port) gateway_port=$2; shift ;;
    --no-build) build=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
loadgen="$root/bench/LoadGen/bin/Release/net10.0/ActorOrders.LoadGen.dll"
node_dll="$root/src/Cluster.Node/bin/Release/net10.0/ActorOrders.Node.dll"
gateway_dll="$root/src/Gateway/bin/Release/net10.0/ActorOrders.Gateway.dll"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gateway-vs-node.XXXXXX")
results="$tmp/results.log"
node_url="http://127.0.0.1:$node_port"
gateway_url="http://127.0.0.1:$gateway_port"
node_pid='' gateway_pid='' failures=0


cleanup() {
  stop "$gateway_pid" gateway
  stop "$node_pid" node
  rm -f "$tmp"/bench.db*
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }


lg() {
  if ! dotnet "$loadgen" "$@" | tee -a "$results"; then
    failures=$((failures + 1))
    echo "!! LoadGen $* exited non-zero (see above)" | tee -a "$results"
  fi
}

for port in "$node_port" "$gateway_port"; do
  if port_busy "$port"; then echo "127.0.0.1:$port is already in use: stop that server or pick another port" >&2; exit 1; fi
done

if ((build)); then
  dotnet build -c Release "$root/bench/LoadGen/LoadGen.csproj" -nologo -v q
  dotnet build -c Release "$root/src/Gateway/Gateway.csproj" -nologo -v q
fi

akka_port=$(free_port)
node_cmd=(dotnet "$node_dll" --urls "$node_url"
  "--ActorOrders:Persistence:ConnectionString=Data Source=$tmp/bench.db"
  "--ActorOrders:Cluster:Port=$akka_port"
  --ActorOrders:Admin:Url=http://127.0.0.1:0)
((zero_latency)) && node_cmd+=(--ActorOrders:Participants:MinLatency=00:00:00 --ActorOrders:Participants:MaxLatency=00:00:00)
gateway_cmd=(dotnet "$gateway_dll" --urls "$gateway_url"
  "--ActorOrders:Cluster:SeedNodes:0=akka.tcp://ActorOrders@127.0.0.1:$akka_port"
  --Logging:LogLevel:Default=Warning)

(cd "$tmp" && exec "${node_cmd[@]}") >"$tmp/node.log" 2>&1 &
node_pid=$!
wait_ready "$node_url" "$node_pid" node "$tmp/node.log"
(cd "$tmp" && exec "${gateway_cmd[@]}") >"$tmp/gateway.log" 2>&1 &
gateway_pid=$!
wait_ready "$gateway_url" "$gateway_pid" gateway "$tmp/gateway.log"
echo "node pid $node_pid on $node_url (Akka $akka_port); gateway pid $gateway_pid on $gateway_url; $(nproc) cores; logs and results in $tmp"

common=(--clients "$clients" --get-phase-seconds "$get_seconds")
for ((run = 1; run <= runs; run++)); do
  echo "=== run $run of $runs"
  # CPU is the process listening on the URL: through the gateway that is the gateway's share only (the node's is printed by the node line of the same phase kind).
  lg gets --url "$node_url" --server-pid "$node_pid" --label node --run "$run" --seed-orders "$seed_orders" "${common[@]}"
  lg gets --url "$gateway_url" --server-pid "$gateway_pid" --label gateway --run "$run" --seed-orders "$seed_orders" "${common[@]}"
  lg http --url "$node_url" --server-pid "$node_pid" --label node --run "$run" --orders "$orders" --warmup "$warmup" --mix happy --clients "$clients" --get-phase-seconds 0
  lg http --url "$gateway_url" --server-pid "$gateway_pid" --label gateway --run "$run" --orders "$orders" --warmup "$warmup" --mix happy --clients "$clients" --get-phase-seconds 0
done

echo "=== $runs run(s)"
dotnet "$loadgen" summarize --file "$results" | tee -a "$results"
echo "gateway log: $(grep -c '^warn:' "$tmp/gateway.log" || true) warnings, $(grep -c '^fail:' "$tmp/gateway.log" || true) errors ($tmp/gateway.log)"
echo "results: $results"
((failures == 0)) || { echo "$failures LoadGen phase(s) reported errors, mismatches or unfinished orders" >&2; exit 1; }
