#!/usr/bin/env bash
# What metrics and tracing cost a storefront's orders/s: the node with both off, with metrics only (the
# default) and with both on, in interleaved runs (bench/README.md explains the figures).
#
# Builds Release once and starts bench/Floor, which here stands in for an OTLP/HTTP collector
# (POST /v1/traces, read and dropped). Then per round, in an order that rotates between rounds,
# a fresh node (new SQLite file, embedded Kafka, zero-latency participants) per mode and `LoadGen http`
# against it (POST, then poll GET /orders/{id} until terminal):
#   off:     ActorOrders:Telemetry:Metrics:Enabled=false, no OTLP endpoint (no SDK, nothing sampled);
#   metrics: the defaults (metrics on, no OTLP endpoint);
#   on:      metrics on and every trace exported to the collector (the default sampler samples every
#            request that arrives without a trace context, i.e. all of LoadGen's);
#   sampled: as on with ActorOrders:Telemetry:Traces:SampleRatio=0.1 (one new trace in ten recorded).
# Checks each mode did what it says (/metrics 404 vs 200, exports received), prints the medians
# and on ÷ off. Stops what it started (SIGTERM, SIGKILL after a deadline) however it ends.
set -euo pipefail
READY_SECONDS=120

usage() {
  cat <<'EOF'
usage: bench/telemetry-cost.sh [options]
  --rounds K          rounds, each one run of each mode (default 5)
  --modes LIST        comma-separated, of off, metrics, on, sampled (default off,metrics,on)
  --clients N         closed-loop clients (default 256)
  --orders N          measured orders per run (default 10000)
  --warmup N          warm-up orders per run (default 2000)
  --mix NAME          happy | standard | full (default standard)
  --node-port P       default 5080
  --floor-port P      default 5090
  --no-build          use the existing Release output
EOF
}

modes=off,metrics,on rounds=5 clients=256 orders=10000 warmup=2000 mix=standard node_port=5080 floor_port=5090 build=1
while (($#)); do
  case "$1" in
    --rounds) rounds=$2; shift ;;
    --modes) modes=$2; shift ;;
    --clients) clients=$2; shift ;;
    --orders) orders=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --mix) mix=$2; shift ;;
    --node-port) node_port=$2; shift ;;
    --floor-port) floor_port=$2; shift ;;
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
floor_dll="$root/bench/Floor/bin/Release/net10.0/ActorOrders.Floor.dll"
node_dll="$root/src/Cluster.Node/bin/Release/net10.0/ActorOrders.Node.dll"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/telemetry-cost.XXXXXX")
results="$tmp/results.jsonl"
node_url="http://127.0.0.1:$node_port"
floor_url="http://127.0.0.1:$floor_port"
node_pid='' floor_pid='' failures=0

cleanup() { stop "$node_pid" node; stop "$floor_pid" floor; rm -rf "$tmp"/data "$tmp"/*.db*; }
trap cleanup EXIT
trap 'exit 130' INT TERM

exports() { curl -sf "$floor_url/otlp/received" | python3 -c 'import json,sys; print(json.load(sys.stdin)["exports"])'; }

for port in "$node_port" "$floor_port"; do
  if port_busy "$port"; then echo "127.0.0.1:$port is already in use: stop that server or pick another port" >&2; exit 1; fi
done
if ((build)); then
  dotnet build -c Release "$root/bench/LoadGen/LoadGen.csproj" -nologo -v q
  dotnet build -c Release "$root/bench/Floor/Floor.csproj" -nologo -v q
fi

(cd "$tmp" && exec dotnet "$floor_dll" --urls "$floor_url") >"$tmp/floor.log" 2>&1 &
floor_pid=$!
wait_ready "$floor_url" "$floor_pid" floor "$tmp/floor.log"
echo "collector (bench/Floor) pid $floor_pid on $floor_url; $(nproc) cores; logs and results in $tmp"

run_mode() {
  local mode=$1 round=$2
  local dir="$tmp/run-$round-$mode"
  mkdir -p "$dir"
  local cmd=(dotnet "$node_dll" --urls "$node_url" --ActorOrders:Cluster:Port=0
    "--ActorOrders:Persistence:ConnectionString=Data Source=$dir/bench.db"
    --ActorOrders:Participants:MinLatency=00:00:00 --ActorOrders:Participants:MaxLatency=00:00:00)
  case $mode in
    off) cmd+=(--ActorOrders:Telemetry:Metrics:Enabled=false) ;;
    metrics) ;;
    on) cmd+=("--ActorOrders:Telemetry:Otlp:Endpoint=$floor_url/v1/traces" --ActorOrders:Telemetry:Otlp:Protocol=http/protobuf) ;;
    sampled) cmd+=("--ActorOrders:Telemetry:Otlp:Endpoint=$floor_url/v1/traces" --ActorOrders:Telemetry:Otlp:Protocol=http/protobuf
      --ActorOrders:Telemetry:Traces:SampleRatio=0.1) ;;
    *) echo "unknown mode $mode (off, metrics, on, sampled)" >&2; exit 2 ;;
  esac
  (cd "$dir" && exec "${cmd[@]}") >"$dir/node.log" 2>&1 &
  node_pid=$!
  wait_ready "$node_url" "$node_pid" "node ($mode)" "$dir/node.log"
  local before metrics_status
  before=$(exports)
  metrics_status=$(curl -s -o /dev/null -w '%{http_code}' "$node_url/metrics")
  echo "--- round $round, telemetry $mode: node pid $node_pid, /metrics $metrics_status"
  if ! dotnet "$loadgen" http --url "$node_url" --server-pid "$node_pid" --label "$mode" --run "$round" \
      --orders "$orders" --warmup "$warmup" --mix "$mix" --clients "$clients" --get-phase-seconds 0 | tee -a "$results"; then
    failures=$((failures + 1)); echo "!! LoadGen ($mode, round $round) exited non-zero"
  fi
  # The batch exporter sends every 5 s: stop the node (which flushes) before counting what arrived.
  stop "$node_pid" node; node_pid=''
  local received
  received=$(( $(exports) - before ))
  echo "    trace exports received during the run: $received"
  if [[ $mode == off && ( $metrics_status != 404 || $received -ne 0 ) ]]; then
    echo "!! telemetry off still served /metrics ($metrics_status) or exported traces ($received)"; failures=$((failures + 1))
  fi
  if [[ $mode == metrics && ( $metrics_status != 200 || $received -ne 0 ) ]]; then
    echo "!! metrics only did not serve /metrics ($metrics_status) or exported traces ($received)"; failures=$((failures + 1))
  fi
  if [[ ( $mode == on || $mode == sampled ) && ( $metrics_status != 200 || $received -eq 0 ) ]]; then
    echo "!! telemetry on did not serve /metrics ($metrics_status) or export traces ($received)"; failures=$((failures + 1))
  fi
  rm -rf "$dir"/bench.db* "$dir"/data
}

IFS=, read -r -a mode_list <<<"$modes"
for ((round = 1; round <= rounds; round++)); do
  # Rotate the order (off metrics on; metrics on off; …) so a drift of the machine favours no mode.
  for ((i = 0; i < ${#mode_list[@]}; i++)); do
    run_mode "${mode_list[(i + round - 1) % ${#mode_list[@]}]}" "$round"
  done
done

echo "=== $rounds round(s)"
python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
rows = [r for r in rows if r.get("tool") == "LoadGen" and r.get("phase") == "orders"]
def series(mode, key): return [r[key] for r in sorted(rows, key=lambda r: r["run"]) if r["label"] == mode]
modes = [m for m in ["off", "metrics", "on", "sampled"] if series(m, "ordersPerSec")]
for key in ["ordersPerSec", "p50Ms", "p99Ms", "serverCpuUsPerOrder"]:
    for i, m in enumerate(modes):
        values = series(m, key)
        print(f"  {key if i == 0 else '':20} {m:8} {statistics.median(values):9.1f} {values}")
off = series("off", "ordersPerSec")
for m in [m for m in modes if m != "off"]:
    other = series(m, "ordersPerSec")
    if not off: break
    pairs = [b / a for a, b in zip(off, other)]
    print(f"  orders/s {m} ÷ off: median of rounds {statistics.median(pairs):.3f} {[round(p, 3) for p in pairs]}; "
          f"ratio of medians {statistics.median(other) / statistics.median(off):.3f}")
PY
echo "results: $results"
((failures == 0)) || { echo "$failures run(s) reported errors, mismatches, unfinished orders or a mode that did not hold" >&2; exit 1; }
