# Shell functions shared by the bench scripts (sourced, not run).

# Stops a server: SIGTERM lets a node run CoordinatedShutdown (~1.5 s measured); SIGKILL only if it hangs 20 s.
stop() {
  local pid=$1 name=$2 deadline=$((SECONDS + 20))
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name (pid $pid) still running after SIGTERM: SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# True when something listens on 127.0.0.1:$1.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until $url/health/ready answers 2xx; exits with the log's last lines if the process dies or
# ${READY_SECONDS:-90} s pass.
wait_ready() {
  local url=$1 pid=$2 name=$3 log=$4 deadline=$((SECONDS + ${READY_SECONDS:-90}))
  until curl -sf -o /dev/null "$url/health/ready"; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "$name did not become ready; last lines of $log:" >&2
      tail -20 "$log" >&2
      exit 1
    fi
    sleep 0.25
  done
}
