#!/usr/bin/env bash
# Failover, scale-out and graceful-leave times of the multi-node process tests
# (tests/Cluster.Node.Tests/MultiNode), K runs on the shipped cluster timings and K runs on tuned ones,
# side by side in one run; medians at the end. Each run is the real test: 3 nodes and the participants
# host on PostgreSQL, orders flowing, a node SIGKILLed (failover: kill -> every in-flight order of the dead
# node has a new event), a fourth node joining and one leaving on SIGTERM (handoff: SIGTERM -> exit 0).
# TUNED: the other profile's settings (also given to the participants host, so every member has the same
# timings); FILTER: which tests (default: the whole class; e.g. FILTER=SIGKILL for the two failover tests).
# Each run's log keeps every member's output (Akka's timestamps show when the victim was marked unreachable, when
# the resolver downed it and when its orders recovered elsewhere). Needs ACTORORDERS_POSTGRES.
set -euo pipefail
runs=${1:-3}
tuned=${TUNED:-"ActorOrders:Cluster:SplitBrainStableAfter=00:00:04;ActorOrders:Cluster:DownRemovalMargin=00:00:01;ActorOrders:Saga:ResumeInterval=00:00:01"}
filter="FullyQualifiedName~MultiNode.ClusterMembershipTests${FILTER:+&FullyQualifiedName~$FILTER}"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${ACTORORDERS_POSTGRES:?set ACTORORDERS_POSTGRES}"
out=$(mktemp -d "${TMPDIR:-/tmp}/cluster-failover.XXXXXX")
dotnet build "$root/tests/Cluster.Node.Tests" --nologo -v q >/dev/null
echo "date $(date -u +%FT%TZ); $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((run = 1; run <= runs; run++)); do
  for profile in shipped tuned; do
    settings=""; [[ $profile == tuned ]] && settings=$tuned
    ACTORORDERS_CLUSTER_BENCH_SETTINGS="$settings" ACTORORDERS_TEST_PROCESS_OUTPUT=always dotnet test "$root/tests/Cluster.Node.Tests" --no-build \
      --filter "$filter" --logger "console;verbosity=detailed" >"$out/$profile-$run.log" 2>&1 || echo "$profile run $run failed: $out/$profile-$run.log"
    grep -h "FIGURE" "$out/$profile-$run.log" | sed "s/^/$profile $run /" | tee -a "$out/figures"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out/figures" <<'PY'
import re, statistics, sys, collections
values = collections.defaultdict(list)
for line in open(sys.argv[1]):
    m = re.match(r"(\w+) \d+ .*FIGURE ([^(:]+).*?: ([0-9.]+) s", line)
    if m: values[(m.group(1), m.group(2).strip())].append(float(m.group(3)))
for (profile, figure), v in sorted(values.items()):
    print(f"{profile:8} {figure:20} median {statistics.median(v):5.1f} s  runs {v}")
PY
