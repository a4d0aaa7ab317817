#!/usr/bin/env bash
# The same node on its embedded default (SQLite, embedded broker, participants over Kafka) measured
# two ways in one run: storefront clients over HTTP (POST, then poll GET until terminal) and PlaceOrder
# records produced to orders.commands (timed to each order's terminal event on orders.events). Then a
# flash sale: --flash orders produced as fast as the producer goes, with the ingest's lag and the
# node's RSS every second. Medians of --runs runs.
set -euo pipefail

runs=3 orders=20000 warmup=2000 clients=256 flash=50000 node_port=5380 build=1
usage() {
  cat <<'TXT'
bench/kafka-vs-http.sh [--runs 3] [--orders 20000] [--warmup 2000] [--clients 256] [--flash 50000 (0 skips)]
                       [--node-port 5380] [--no-build]
TXT
}
while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --orders) orders=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --flash) flash=$2; shift 2 ;;
    --node-port) node_port=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
loadgen="$root/bench/LoadGen/bin/Release/net10.0/ActorOrders.LoadGen.dll"
node_dll="$root/src/Cluster.Node/bin/Release/net10.0/ActorOrders.Node.dll"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kafka-vs-http.XXXXXX")
results="$tmp/results.log"
node_url="http://127.0.0.1:$node_port"
node_pid=''

stop() {
  local pid=$1 deadline=$((SECONDS + 30))
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
trap 'stop "$node_pid"; rm -rf "$tmp/data"' EXIT
trap 'exit 130' INT TERM

if (exec 3<>"/dev/tcp/127.0.0.1/$node_port") 2>/dev/null; then echo "127.0.0.1:$node_port is in use" >&2; exit 1; fi
((build)) && dotnet build -c Release "$root/bench/LoadGen/LoadGen.csproj" -nologo -v q

# The node's defaults (appsettings.json: participants over Kafka), zero-latency simulators, its own
# folder (data/ with the journal and kafka-bootstrap.txt), Akka and admin on free ports.
(cd "$tmp" && exec dotnet "$node_dll" --urls "$node_url" --ActorOrders:Cluster:Port=0 --ActorOrders:Admin:Url=http://127.0.0.1:0 \
  --ActorOrders:Participants:MinLatency=00:00:00 --ActorOrders:Participants:MaxLatency=00:00:00 \
  --Logging:LogLevel:Default=Warning) >"$tmp/node.log" 2>&1 &
node_pid=$!
deadline=$((SECONDS + 120))
until curl -sf -o /dev/null "$node_url/health/ready"; do
  if ! kill -0 "$node_pid" 2>/dev/null || ((SECONDS >= deadline)); then tail -20 "$tmp/node.log" >&2; exit 1; fi
  sleep 0.25
done
bootstrap="$tmp/data/kafka-bootstrap.txt"

lg() { dotnet "$loadgen" "$@" | tee -a "$results" || echo "!! LoadGen $* exited non-zero" | tee -a "$results"; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results"
for run in $(seq 1 "$runs"); do
  lg http --url "$node_url" --mix happy --clients "$clients" --orders "$orders" --warmup "$warmup" --get-phase-seconds 0 --server-pid "$node_pid" --label http --run "$run"
  lg kafka --bootstrap-file "$bootstrap" --mix happy --orders "$orders" --warmup "$warmup" --server-pid "$node_pid" --run "$run"
  echo "load after run $run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results"
done
((flash > 0)) && lg kafka --bootstrap-file "$bootstrap" --mix happy --orders "$flash" --warmup 0 --server-pid "$node_pid" --label flash --run 1
dotnet "$loadgen" summarize --file "$results" | tee -a "$results" || true
echo "results: $results; node log: $tmp/node.log"
