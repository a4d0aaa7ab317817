#!/usr/bin/env bash
# The node over HTTP next to the HTTP floor, in one run (bench/README.md explains the figures).
#
# Builds Release once, starts bench/Floor and the node (fresh SQLite file in a temp dir) as
# separate processes on 127.0.0.1, then per run: the GET-only phase against both with the same
# client settings, `LoadGen http` against the node (and, happy orders only, against the floor),
# optionally the in-process `perf` mode; finally the medians and the ratios. Stops both servers
# (SIGTERM, SIGKILL after a deadline) however the script ends.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/http-vs-floor.sh [options]
  --runs K            repetitions; medians are printed at the end (default 3)
  --clients N         closed-loop clients of every phase (default 256)
  --orders N          measured orders of `http` (default 20000)
  --warmup N          warm-up orders of `http` and `perf` (default 2000)
  --mix NAME          happy | standard | full for the node's `http` (default standard)
  --get-seconds S     measured seconds of each GET-only phase (default 10)
  --seed-orders N     orders placed before each `gets` phase, then read back (default 1000)
  --perf              also run the in-process `perf` mode each run (HTTP orders/s ÷ in-process orders/s)
  --zero-latency      simulated participants answer at once on the node, as they do in `perf`
  --node-arg ARG      extra node argument, repeatable (e.g. --node-arg --ActorOrders:Http:MaxInFlight=2000);
                      --ActorOrders:K=V arguments are given to the in-process perf node as well
  --node-port P       default 5080 (the node's default)
  --floor-port P      default 5090
  --no-build          use the existing Release output
EOF
}

runs=3 clients=256 orders=20000 warmup=2000 mix=standard get_seconds=10 seed_orders=1000
perf=0 zero_latency=0 build=1 node_port=5080 floor_port=5090
node_args=()
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift ;;
    --clients) clients=$2; shift ;;
    --orders) orders=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --mix) mix=$2; shift ;;
    --get-seconds) get_seconds=$2; shift ;;
    --seed-orders) seed_orders=$2; shift ;;
    --perf) perf=1 ;;
    --zero-latency) zero_latency=1 ;;
    --node-arg) node_args+=("$2"); shift ;;
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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/http-vs-floor.XXXXXX")
results="$tmp/results.log"
node_url="http://127.0.0.1:$node_port"
floor_url="http://127.0.0.1:$floor_port"
node_pid='' floor_pid='' failures=0 node_log_start=0


cleanup() {
  stop "$node_pid" node
  stop "$floor_pid" floor
  rm -f "$tmp"/bench.db*
}
trap cleanup EXIT
trap 'exit 130' INT TERM



# Each LoadGen phase: its lines go to the terminal and to the results file; a non-zero exit
# (errors, mismatches, unfinished orders) is counted but does not stop the comparison.
lg() {
  if ! dotnet "$loadgen" "$@" | tee -a "$results"; then
    failures=$((failures + 1))
    echo "!! LoadGen $* exited non-zero (see above)" | tee -a "$results"
  fi
}

for port in "$node_port" "$floor_port"; do
  if port_busy "$port"; then echo "127.0.0.1:$port is already in use: stop that server or pick another port" >&2; exit 1; fi
done

if ((build)); then
  # LoadGen references the node, so these two builds produce all three programs.
  dotnet build -c Release "$root/bench/LoadGen/LoadGen.csproj" -nologo -v q
  dotnet build -c Release "$root/bench/Floor/Floor.csproj" -nologo -v q
fi

node_cmd=(dotnet "$node_dll" --urls "$node_url"
  "--ActorOrders:Persistence:ConnectionString=Data Source=$tmp/bench.db"
  --ActorOrders:Cluster:Port=0)
((zero_latency)) && node_cmd+=(--ActorOrders:Participants:MinLatency=00:00:00 --ActorOrders:Participants:MaxLatency=00:00:00)
node_cmd+=("${node_args[@]}")
# The in-process node gets the same ActorOrders settings as the node process (--node-arg --ActorOrders:K=V),
# so that HTTP ÷ in-process compares like with like.
perf_set=''
for arg in "${node_args[@]}"; do
  [[ $arg == --ActorOrders:*=* ]] && perf_set+="${arg#--};"
done

# Started from the temp dir so that nothing either server writes lands in the work tree.
(cd "$tmp" && exec dotnet "$floor_dll" --urls "$floor_url") >"$tmp/floor.log" 2>&1 &
floor_pid=$!
(cd "$tmp" && exec "${node_cmd[@]}") >"$tmp/node.log" 2>&1 &
node_pid=$!
wait_ready "$floor_url" "$floor_pid" floor "$tmp/floor.log"
wait_ready "$node_url" "$node_pid" node "$tmp/node.log"
# Start-up logs "Unhealthy" until the shards answer; only what the node logs under load is counted at the end.
node_log_start=$(wc -l <"$tmp/node.log")

echo "floor pid $floor_pid on $floor_url; node pid $node_pid on $node_url ($([[ $zero_latency == 1 ]] && echo zero-latency || echo default) participants); $(nproc) cores; logs and results in $tmp"
((perf && !zero_latency)) && echo "note: perf runs zero-latency participants, the node 5–25 ms ones; add --zero-latency to compare like with like"

common=(--clients "$clients" --get-phase-seconds "$get_seconds")
for ((run = 1; run <= runs; run++)); do
  echo "=== run $run of $runs"
  lg gets --url "$floor_url" --server-pid "$floor_pid" --label floor --run "$run" --seed-orders "$seed_orders" "${common[@]}"
  lg gets --url "$node_url" --server-pid "$node_pid" --label node --run "$run" --seed-orders "$seed_orders" "${common[@]}"
  lg http --url "$node_url" --server-pid "$node_pid" --label node --run "$run" --orders "$orders" --warmup "$warmup" --mix "$mix" "${common[@]}"
  # The floor answers Completed to everything, so only happy orders match; its GETs were measured above.
  lg http --url "$floor_url" --server-pid "$floor_pid" --label floor --run "$run" --orders "$orders" --warmup "$warmup" --mix happy --clients "$clients" --get-phase-seconds 0
  ((perf)) && lg perf --journal sqlite --orders "$orders" --in-flight "$clients" --warmup "$warmup" --run "$run" ${perf_set:+--set "$perf_set"}
  ((runs > 1)) && { dotnet "$loadgen" summarize --file "$results" --run "$run" | grep -v '^{' || true; }
done

echo "=== $runs run(s)"
dotnet "$loadgen" summarize --file "$results" | tee -a "$results"
under_load=$(tail -n +"$((node_log_start + 1))" "$tmp/node.log")
echo "node log after start-up: $(grep -c '^warn:' <<<"$under_load" || true) warnings, $(grep -c '^fail:' <<<"$under_load" || true) errors ($tmp/node.log)"
echo "results: $results"
((failures == 0)) || { echo "$failures LoadGen phase(s) reported errors, mismatches or unfinished orders" >&2; exit 1; }
