# Helpers of the benches (sourced): processes, the throw-away PostgreSQL, the host (bench/soak; bench/calls uses the process ones).
# Expects: root, work (the run's folder), PG_BIN, HTTP (the host's HTTP port), host_args (the host's arguments).

pids=()
running() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }   # not gone, not a zombie
drop_pid() { local q keep=(); for q in "${pids[@]}"; do [ "$q" = "$1" ] || keep+=("$q"); done; pids=("${keep[@]}"); }
stop() { # PID...: processes we started; SIGTERM, up to 30 s to finish, then SIGKILL
  local p _ left
  for p in "$@"; do kill "$p" 2>/dev/null || true; done
  for _ in $(seq 1 150); do
    left=0; for p in "$@"; do running "$p" && left=1; done
    [ $left -eq 1 ] || break; sleep 0.2
  done
  for p in "$@"; do running "$p" && kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; drop_pid "$p"; done
}
cleanup() {
  [ ${#pids[@]} -eq 0 ] || stop "${pids[@]}"
  [ -f "$work/pg/PG_VERSION" ] && runuser -u postgres -- $PG_BIN/pg_ctl stop -D "$work/pg" -m immediate >/dev/null 2>&1 || true
  if [ -n "${KEEP_LOGS:-}" ]; then echo "Logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

check_ports() {
  local port
  for port in "$@"; do
    if ss -Hlntu "( sport = :$port )" | grep -q .; then echo "Port $port is in use; stop what holds it." >&2; exit 1; fi
  done
}

start_pg() { # WORK PORT: a throw-away cluster (fsync on: a real server's durability)
  log "Throw-away PostgreSQL on 127.0.0.1:$2"
  chown postgres "$1"
  runuser -u postgres -- $PG_BIN/initdb -D "$1/pg" -U postgres --auth=trust --no-sync >/dev/null
  start_pg_again "$1" "$2"
}
start_pg_again() { runuser -u postgres -- $PG_BIN/pg_ctl start -D "$1/pg" -w -l "$1/pg.log" -o "-c listen_addresses=127.0.0.1 -p $2 -k $1" >/dev/null; }
stop_pg() { runuser -u postgres -- $PG_BIN/pg_ctl stop -D "$1/pg" -m fast -w >/dev/null; }
sql() { psql -h 127.0.0.1 -p "$PG" -U postgres -d postgres -qtAX -F, -c "$1"; }

always_open_policy() { # FILE: the repository's routing policy with every queue open around the clock (its "hours" removed),
  # as the tests load it, so the figures do not depend on the hour (the shipped operator queue keeps office hours)
  python3 - "$root/sip-config/routing.json" "$1" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
# JSON with comments: drop // comments outside strings, and trailing commas
text = re.sub(r'("(?:\\.|[^"\\])*")|//[^\n]*', lambda m: m.group(1) or "", text)
text = re.sub(r",(\s*[}\]])", r"\1", text)
policy = json.loads(text)
for queue in policy.get("queues", []):
    queue.pop("hours", None)
json.dump(policy, open(sys.argv[2], "w"))
PY
}

build_host() {
  log "Building the host (Release)"
  dotnet build "$root/src/ContactCenter.Host" -c Release -nologo -clp:ErrorsOnly > "$1/build.log" 2>&1 \
    || { tail -20 "$1/build.log" >&2; echo "Build of the host failed." >&2; exit 1; }
}

host=
start_host() { # LOG: start the host with host_args and wait (3 min at most) until it answers /health
  (cd "$root" && exec dotnet "$root/src/ContactCenter.Host/bin/Release/net10.0/ContactCenter.Host.dll" "${host_args[@]}" > "$1" 2>&1) &
  host=$!; pids+=($host)
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$HTTP/health" >/dev/null && return 0; running $host || break; sleep 1; done
  echo "The host did not start; its log:" >&2; tail -30 "$1" >&2; exit 1
}

metrics_text() { # the host's /metrics (admin), Prometheus text
  curl -sf -m 5 -u admin:admin-demo "http://127.0.0.1:$HTTP/metrics"
}

sum_metric() { # NAME [LABEL]: the sum of a counter/gauge over its label sets (those holding LABEL, e.g. lane="crm") in the text on stdin
  awk -v n="$1" -v l="${2:-}" '($1 == n || index($1, n "{") == 1) && index($1, l) { s += $NF; f = 1 } END { if (f) printf "%d\n", s; else exit 1 }'
}

metric() { # NAME: the sum of a counter/gauge over its label sets, from the host's /metrics
  metrics_text | sum_metric "$1"
}

# Call events the call log does not have yet. On one machine (the CRM in the host) that is the backlog of the spool's
# "crm" lane (issue #14/#15: the call log reads the spool with its own cursor); with the CRM behind RabbitMQ, the events
# the host put on the bus minus those the call log applied or recognised as duplicates (other types stay in this one).
event_gap() {
  local m p a d
  m=$(metrics_text) || return 1
  sum_metric contactcenter_call_events_backlog 'lane="crm"' <<< "$m" && return 0
  p=$(sum_metric contactcenter_call_events_published_total <<< "$m") || return 1
  a=$(sum_metric contactcenter_crm_call_events_applied_total <<< "$m") || a=0
  d=$(sum_metric contactcenter_crm_call_events_duplicates_total <<< "$m") || d=0
  echo $((p - a - d))
}

# sampler FILE: every 2 s "seconds cpu_ticks rss_kB" of the host whose pid is in $work/sampled-pid
sampler() {
  local p
  echo "$host" > "$work/sampled-pid"
  while :; do
    p=$(cat "$work/sampled-pid")
    if [ -r "/proc/$p/stat" ]; then
      echo "$(date +%s.%N) $(awk '{print $14+$15}' "/proc/$p/stat") $(awk '/^VmRSS/ {print $2}' "/proc/$p/status") $p" >> "$1"
    fi
    sleep 2
  done
}
