#!/usr/bin/env bash
# Soak (issue #15): 100 concurrent calls placed continuously for DURATION seconds through the real host (CRM in process,
# as the Quick start runs it), with PostgreSQL stopped for the middle 2/3 of the run and the host killed with -9 once
# after the database is back (then started again on the same ports: crash recovery sends BYE). Trunk sipp
# (trunk-call.xml: 25 s calls with A-law speech from a pcap, -l 100) -> service number 7000 -> the operator queue ->
# three sipp agents (1001-1003, registered with digest, answering and echoing the audio). At the end it compares every
# sipp call with the call log in PostgreSQL and prints a one-screen summary (README.md beside this file).
# Usage: bench/soak/run.sh                  (DURATION=900 by default; DURATION=120 bench/soak/run.sh for a quick check)
# Environment: DURATION (s), CALLS (concurrent, 100), HOST_ARGS (extra host arguments), KEEP_LOGS=1 (keep the work folder).
# Needs root (PostgreSQL as `postgres`), dotnet, sipp (sip-tester), PostgreSQL 15. Everything runs on 127.0.0.1:
# UDP/TCP 5760 (engine), UDP 5761 (trunk sipp), 5762-5764 (agents), HTTP 5798, PostgreSQL 5799, RTP 36000-39999
# (engine), 6100-6400 (sipp media).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
source "$root/deploy/lib.sh"
source "$root/bench/lib.sh"
apt_ensure postgresql:$PG_BIN/initdb postgresql-client:psql sip-tester:sipp
ensure_dotnet

duration=${DURATION:-900} calls=${CALLS:-100}
[ "$duration" -ge 60 ] || { echo "DURATION must be at least 60 s." >&2; exit 1; }
ENGINE=5760 TRUNK=5761 AGENT0=5762 HTTP=5798 PG=5799
agents=(1001 1002 1003)
check_ports $ENGINE $TRUNK $AGENT0 $((AGENT0 + 1)) $((AGENT0 + 2)) $HTTP $PG
scenarios="$root/tests/ContactCenter.Interop.Tests/Scenarios"
db_down_at=$((duration / 6)) db_up_at=$((duration * 5 / 6))
drain_wait=$((duration / 12)); [ $drain_wait -ge 120 ] || drain_wait=$(( duration / 6 - 10 < 120 ? duration / 6 - 10 : 120 ))
kill_by=$((db_up_at + drain_wait))   # the kill comes once the backlog drained, at the latest here


settle_records() { # until no call is open in the call log and the bus is caught up (3 min at most)
  local _ open gap last= same=0
  for _ in $(seq 1 60); do
    open=$(sql "SELECT count(*) FROM calls WHERE ended_at IS NULL" 2>/dev/null) || open=?
    gap=$(event_gap) || gap=?
    if [ "$gap" = "$last" ]; then same=$((same + 1)); else same=0; fi; last=$gap
    [ "$open" = 0 ] && [ "$gap" != ? ] && [ $same -ge 3 ] && return 0
    sleep 3
  done
  note "the call log did not settle in 3 min ($open open, $gap events not applied)"
}

summary() {
  sql "SELECT caller_number, count(*), count(answered_at), count(ended_at), string_agg(coalesce(ended_by, '-'), '|')
       FROM calls WHERE caller_number LIKE '+799%' GROUP BY caller_number" > "$work/records.csv"
  sql "SELECT count(*) FROM calls WHERE ended_at IS NULL" > "$work/open"
  python3 "$here/report.py" --work "$work" --hz "$(getconf CLK_TCK)" --duration "$duration" --calls "$calls" \
    --db-down "$db_down_at" --db-up "${db_up_t:-0}" --drained "${drained:-}" --kill "${kill_t:-0}" --ready "${ready_t:-0}" \
    --load "$load_start $load_end" --host-pids "${host_pids[*]}"
}

work=$(mktemp -d /tmp/cc-bench-soak.XXXX); chmod 755 "$work"
start_pg "$work" $PG
build_host "$work"

always_open_policy "$work/routing.json"
host_args=(--ConnectionStrings:Crm="Host=127.0.0.1;Port=$PG;Database=postgres;Username=postgres;Timeout=3"
  --Security:Mode=Demo --Demo:Seed=true --Acd:PolicyFile="$work/routing.json" --Http:Port=$HTTP --Sip:Transport:UdpPort=$ENGINE --Sip:Transport:TcpPort=$ENGINE
  --Sip:Trunk:Address=127.0.0.1 --Sip:Trunk:Port=$TRUNK
  --Sip:Calls:AgentCallLimit=0 --Acd:WrapUp=00:00:00 --Sip:Rtp:PortMin=36000 --Sip:Rtp:PortMax=39999
  --CallEvents:Spool:Directory="$work/spool" --Sip:Recording:Directory="$work/recordings"
  --Logging:LogLevel:Default=Warning ${HOST_ARGS:-})
start_host "$work/host-1.log"
host_pids=($host)

log "Agents ${agents[*]} register (sipp, digest) and answer with -rtp_echo"
for i in "${!agents[@]}"; do
  ext=${agents[$i]}
  sipp -sf "$scenarios/agent-register.xml" -oocsf "$scenarios/agent-answer.xml" -key ext "$ext" -au "$ext" -ap "pw$ext" \
       -i 127.0.0.1 -p $((AGENT0 + i)) -mp $((6200 + 100 * i)) -rtp_echo -m 1 -l 100000 -d $(((duration + 300) * 1000)) \
       -recv_timeout 120000 -default_behaviors all,-abortunexp -nostdin -timeout $((duration + 360))s \
       -trace_logs -log_file "$work/agent-$ext.log" 127.0.0.1:$ENGINE > "$work/agent-$ext.out" 2>&1 & pids+=($!)
done
for ext in "${agents[@]}"; do
  for _ in $(seq 1 100); do grep -qs registered "$work/agent-$ext.log" && break; sleep 0.1; done
  grep -qs registered "$work/agent-$ext.log" || { echo "Agent $ext did not register:" >&2; tail -20 "$work/agent-$ext.out" >&2; exit 1; }
done

read -r load_start _ < /proc/loadavg
log "Soak: $calls concurrent calls for ${duration}s; PostgreSQL down ${db_down_at}-${db_up_at}s; kill -9 after the backlog drains"
t0=$(date +%s.%N)
now() { awk -v t0="$t0" -v t="$(date +%s.%N)" 'BEGIN{ printf "%d", t - t0 }'; }
note() { printf '  %4ss  %s\n' "$(now)" "$*"; echo "$(now) $*" >> "$work/timeline"; }
inst=0
start_trunk() { # the carrier: a sipp of its own per start (-key inst), its log trunk-N.log, its start in $work/trunks
  inst=$((inst + 1))
  sipp -sf "$here/trunk-call.xml" -s 7000 -key inst $inst -i 127.0.0.1 -p $TRUNK -mp 6100 -r 10 -l "$calls" -m 1000000 \
       -default_behaviors all,-abortunexp -recv_timeout 60000 -nostdin -timeout $((duration + 240))s \
       -trace_logs -log_file "$work/trunk-$inst.log" 127.0.0.1:$ENGINE > "$work/trunk-$inst.out" 2>&1 & trunk=$!; pids+=($trunk)
  echo "$inst $(now)" >> "$work/trunks"
}
start_trunk

sampler "$work/samples" & pids+=($!); sampler_pid=$!
db_down=0 db_up=0 killed=0 drained= gaps=()
last_gap_note=0
while :; do
  t=$(now)
  if ! running $trunk; then
    wait $trunk 2>/dev/null && code=0 || code=$?; drop_pid $trunk
    [ "$t" -lt "$duration" ] || break
    note "the carrier's sipp (run $inst) exited early (status $code); started again"; start_trunk
  fi
  if [ $db_down -eq 0 ] && [ "$t" -ge $db_down_at ]; then
    baseline=$(event_gap) || baseline=0
    note "PostgreSQL stopped (call events on the bus not yet in the call log: $baseline)"; stop_pg "$work"; db_down=1
  elif [ $db_down -eq 1 ] && [ $db_up -eq 0 ] && [ "$t" -ge $db_up_at ]; then
    start_pg_again "$work" $PG; db_up=1; db_up_t=$(now); note "PostgreSQL started again"
  elif [ $db_up -eq 1 ] && [ -z "$drained" ]; then
    gap=$(event_gap) || gap=
    [ $((t - last_gap_note)) -lt 15 ] || { last_gap_note=$t; note "call events not yet in the call log: ${gap:-?}"; }
    # Drained: the gap stopped falling (at most 10 less than 10 s before) at a low level. It does not reach 0: events the
    # call log does not take (not call-log types) stay in it, about as many as before the outage per call placed.
    gaps+=("${gap:-999999}")
    if [ ${#gaps[@]} -gt 10 ] && [ -n "$gap" ] && [ "$gap" -lt 1000 ] && [ "$gap" -ge $((gaps[${#gaps[@]} - 11] - 10)) ]; then
      drained=$(($(now) - 10 - db_up_t)); note "backlog drained (call events not yet in the call log: $gap, no longer falling): ${drained}s after the database returned"
    fi
    [ "$t" -lt $kill_by ] || { [ -n "$drained" ] || { drained="over $((t - db_up_t))"; note "backlog NOT drained by ${t}s (gap ${gap:-?} events)"; }; }
  elif [ $killed -eq 0 ] && [ -n "$drained" ]; then
    kill_t=$(now); note "kill -9 of the host (pid $host)"; kill -9 $host; wait $host 2>/dev/null || true; killed=1
    drop_pid $host; sleep 2
    start_host "$work/host-2.log"; host_pids+=($host); ready_t=$(now); note "host restarted and healthy (pid $host)"
    echo "$host" > "$work/sampled-pid"
  fi
  if [ "$t" -ge "$duration" ]; then note "stop placing calls (SIGUSR1 to the carrier's sipp)"; kill -USR1 $trunk 2>/dev/null || true; break; fi
  sleep 1
done
for _ in $(seq 1 120); do running $trunk || break; sleep 1; done
running $trunk && { note "the trunk sipp still ran 120 s after its stop; stopped"; stop $trunk; }
running $trunk || true; wait $trunk 2>/dev/null || true; drop_pid $trunk
note "all calls ended; waiting for the call log to settle"
settle_records
stop $sampler_pid
read -r load_end _ < /proc/loadavg
summary
