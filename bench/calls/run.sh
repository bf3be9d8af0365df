#!/usr/bin/env bash
# Call-setup benchmark (issue #4): INVITE/180/200/ACK/BYE/200 over UDP, no RTP, sipp as the load generator.
# For each rate (calls/s), in the same run:
#   (1) reference: Kamailio as a stateful proxy (../shared/peers/kamailio-proxy.cfg, tm + rr) between a
#       sipp -sn uac caller and a plain sipp -sn uas callee, exactly as /work/shared/peers/README.md runs it;
#   (2) ContactCenter's call engine as a B2BUA: trunk sipp (trunk-uac.xml, INVITE sip:7000@engine from the
#       configured trunk address) -> engine -> agent sipp (agent-register.xml registers extension 1001 with
#       digest and stays up; agent-answer.xml, its -oocsf scenario, answers every INVITE the engine sends).
# Each run lasts DURATION seconds (RATE*DURATION calls). A rate is sustained when sipp exits 0 with zero
# failed calls, all RATE*DURATION calls succeed, they finish within 5% (+1 s) of DURATION, and (engine) no agent
# leg was left without its ACK or BYE. The summary gives the highest sustained rate of each and the ratio
# engine/Kamailio.
# Usage: bench/calls/run.sh [DURATION_S] [RATE ...]      e.g. bench/calls/run.sh 60 100 200 300 400 500
# Environment: HOST_ARGS extra host arguments (e.g. '--Sip:Calls:Operators:0=1001'); PEERS_DIR the folder of
# kamailio-proxy.cfg (default ../shared/peers beside the repository); KEEP_LOGS=1 keeps the sipp/host logs;
# AGENT_WAIT=S how long the agent waits for an ACK or BYE before it counts its leg as left hanging (default 8; 40 tells
# a leg the engine ends late by its Timer H, 32 s after an unacknowledged 2xx, from one it never ends);
# METRICS=user:password (an admin of the host, e.g. with HOST_ARGS=--Demo:Seed=true admin:admin-demo) prints the host's
# live calls and SIP dialogs after each engine run, from /metrics: a leg left hanging that the host still holds is its leak.
# Needs: dotnet, sipp (sip-tester), kamailio, PostgreSQL 15 binaries. Everything runs on 127.0.0.1.
# Ports (UDP): engine 5660, trunk sipp 5661, agent sipp 5662, Kamailio 5680, its UAS 5681, its UAC 5682;
# HTTP 5698, PostgreSQL 5699, engine RTP 30000-35999 (allocated, never used: no RTP is sent).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
source "$root/deploy/lib.sh"
apt_ensure postgresql:$PG_BIN/initdb sip-tester:sipp kamailio:kamailio
ensure_dotnet
peers=${PEERS_DIR:-$(cd "$root/.." && pwd)/shared/peers}
[ -f "$peers/kamailio-proxy.cfg" ] || { echo "No $peers/kamailio-proxy.cfg (set PEERS_DIR)." >&2; exit 1; }

duration=${1:-60}; shift || true
rates=("$@"); [ ${#rates[@]} -gt 0 ] || rates=(100 200 300 400 500)
ENGINE=5660 TRUNK=5661 AGENT=5662 KAM=5680 KAM_UAS=5681 KAM_UAC=5682 HTTP=5698 PG=5699
work=$(mktemp -d /tmp/cc-bench-calls.XXXX); chmod 755 "$work"
source "$root/bench/lib.sh"   # pids, running, stop, cleanup of $work on exit, check_ports

# The host's spool, crash journal and recordings go to a fresh journaled ext4 volume (a 4 GiB loop file), as on a
# server's data volume: a folder on this machine's root file system (ext4 without a journal, churned by earlier runs'
# deletions) made every new recording file cost a long search for a free inode (ext4's recently_deleted() check,
# most of the host's CPU at 60 calls/s). Without loop devices the run's work folder is used.
data="$work/data"; mkdir -p "$data"
if truncate -s 4G "$work/data.img" && mkfs.ext4 -q -F "$work/data.img" && mount -o loop "$work/data.img" "$data" 2>/dev/null; then
  # the processes first (the host holds files there), then the volume (its image kept with KEEP_LOGS), then the rest
  trap '[ ${#pids[@]} -eq 0 ] || stop "${pids[@]}"; pids=(); umount "$data" 2>/dev/null; [ -n "${KEEP_LOGS:-}" ] || rm -f "$work/data.img"; cleanup' EXIT
else
  rm -f "$work/data.img"; echo "(no loop device: the host's data stays in $work)" >&2
fi
check_ports $ENGINE $TRUNK $AGENT $KAM $KAM_UAS $KAM_UAC $HTTP $PG
wait_udp() { for _ in $(seq 1 50); do ss -Hlnu "( sport = :$1 )" | grep -q . && return 0; sleep 0.1; done; return 1; }
ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo $t; }
hz=$(getconf CLK_TCK)

log "Throw-away PostgreSQL"
chown postgres "$work"
runuser -u postgres -- $PG_BIN/initdb -D "$work/pg" -U postgres --auth=trust --no-sync >/dev/null
runuser -u postgres -- $PG_BIN/pg_ctl start -D "$work/pg" -w -l "$work/pg.log" -o "-c listen_addresses=127.0.0.1 -p $PG -k $work -c fsync=off" >/dev/null

log "Building and starting the host (Release)"
host_bin=${HOST_BIN:-$root/src/ContactCenter.Host/bin/Release/net10.0}
if [ -z "${HOST_BIN:-}" ]; then
  dotnet build "$root/src/ContactCenter.Host" -c Release -nologo -clp:ErrorsOnly > "$work/build.log" 2>&1 \
    || { tail -20 "$work/build.log" >&2; echo "Build of the host failed." >&2; exit 1; }
fi
if [ -n "${PROFILE:-}" ]; then
  KEEP_LOGS=1
  if [ "$PROFILE" = perf ]; then
    apt_ensure linux-perf:perf
    export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0   # JIT-compiled frames named in perf's report
  else
    trace_tool="$work/tools/dotnet-trace"
    dotnet tool install dotnet-trace --tool-path "$work/tools" > "$work/tools.log" 2>&1 || { cat "$work/tools.log" >&2; exit 1; }
  fi
fi
if [ -n "${COUNTERS:-}" ]; then
  apt_ensure linux-perf:perf
  counters_tool="$work/tools/dotnet-counters"
  dotnet tool install dotnet-counters --tool-path "$work/tools" > "$work/tools.log" 2>&1 || { cat "$work/tools.log" >&2; exit 1; }
fi
# Every queue open: without it a run at night or on a Sunday measured the voicemail greeting, not calls to the agent.
always_open_policy "$work/routing.json"
(cd "$root" && exec dotnet "$host_bin/ContactCenter.Host.dll" \
  --ConnectionStrings:Crm="Host=127.0.0.1;Port=$PG;Database=postgres;Username=postgres" \
  --Security:Mode=Demo --Http:Port=$HTTP --Sip:Transport:UdpPort=$ENGINE --Sip:Transport:TcpPort=$ENGINE \
  --Sip:Trunk:Address=127.0.0.1 --Sip:Trunk:Port=$TRUNK \
  --Sip:Calls:AgentCallLimit=0 --Sip:Calls:EarlyMedia=false --Acd:WrapUp=00:00:00 \
  --Sip:Rtp:PortMin=30000 --Sip:Rtp:PortMax=35999 --Acd:PolicyFile="$work/routing.json" \
  --CallEvents:Spool:Directory="$data/spool" --Sip:Recording:Directory="$data/recordings" \
  --Logging:LogLevel:Default=Warning ${HOST_ARGS:-} > "$work/host.log" 2>&1) & host=$!; pids+=($host)
for _ in $(seq 1 90); do curl -sf http://127.0.0.1:$HTTP/health >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:$HTTP/health >/dev/null || { cat "$work/host.log"; exit 1; }

log "Starting the reference: Kamailio stateful proxy on $KAM -> sipp UAS on $KAM_UAS"
kamailio -f "$peers/kamailio-proxy.cfg" -DD -E -n 4 -m 512 -M 16 \
  -A "LISTEN_PORT=$KAM" -A "UAS_URI=\"sip:127.0.0.1:$KAM_UAS\"" -A "CTL_SOCK=\"unix:$work/kamailio.ctl\"" \
  > "$work/kamailio.log" 2>&1 & kam=$!; pids+=($kam)
wait_udp $KAM || { cat "$work/kamailio.log"; exit 1; }

declare -A best=()
sipp_table() { # FILE: the non-zero rows of sipp's final message table (what was sent/received, retransmitted, lost)
  sed -n '/Messages  Retrans/,/Test Terminated/p' "$1" | awk 'NR==1 { print; next }
    /<-|->/ { nz=0; for (i=3;i<=NF;i++) if ($i ~ /^[0-9]+$/ && $i+0>0) nz=1; if (nz) print }' | sed 's/^/    /' || true
}
stat() { { grep -E "^\s+$2 " "$1" || true; } | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}'; }   # FILE COUNTER -> cumulative

# caller LABEL RATE OUT SERVER_PIDS CHECK -- SIPP_ARGS...: one bounded load run and one line of result. CHECK is a
# command run after sipp ends: it prints a note for the line, and a non-zero status makes the rate not sustained.
caller() {
  local label=$1 rate=$2 out=$3 servers=$4 check=$5; shift 6
  local calls=$((rate * duration)) code t0 s0 s1 t1 note checked=0
  t0=$(ticks $servers); s0=$(date +%s.%N)
  sipp "$@" -i 127.0.0.1 -r "$rate" -m "$calls" -l $((rate * 4)) -d 0 -nostdin \
       -default_behaviors all,-abortunexp -recv_timeout 10000 -timeout $((duration + 30))s > "$out" 2> "$out.err" && code=0 || code=$?
  s1=$(date +%s.%N); t1=$(ticks $servers)
  note=$($check) || checked=1
  local ok failed; ok=$(stat "$out" 'Successful call'); failed=$(stat "$out" 'Failed call')
  local verdict
  verdict=$(awk -v ok="${ok:-0}" -v f="${failed:-x}" -v c="$code" -v n="$calls" -v s0="$s0" -v s1="$s1" -v d="$duration" \
    -v t0="$t0" -v t1="$t1" -v hz="$hz" -v x="$checked" 'BEGIN{ e=s1-s0; good=(c==0 && f=="0" && ok==n && e<=d*1.05+1 && x==0);
      printf "%.1f %.0f %.0f %s", e, ok/e, (t1-t0)/hz/e*100, good ? "sustained" : "NOT-sustained" }')
  local elapsed cps cpu v; read -r elapsed cps cpu v <<<"$verdict"
  printf '%-28s %5s cps  ok=%-7s failed=%-6s exit=%-3s %6ss %5s cps done  server cpu %3s%%  %s%s\n' \
    "$label" "$rate" "${ok:-?}" "${failed:-?}" "$code" "$elapsed" "$cps" "$cpu" "$v" "${note:+  ($note)}"
  if [ "$v" = sustained ]; then
    [ "${best[$label]:-0}" -ge "$rate" ] || best[$label]=$rate
  elif [ "$code" != 0 ] || [ "${failed:-x}" != 0 ] || [ "${ok:-0}" != "$calls" ]; then
    sipp_table "$out"   # what went wrong, from sipp's message table
  fi
}

# One sipp agent answers the engine's calls for all rates: it registers once, before the first engine run. (A fresh
# agent per rate re-registering on the same port now and then quit at once or never sent its REGISTER.)
agent_log="$work/agent.log" agent_mark="0 0" agent_wait=${AGENT_WAIT:-8}
start_agent() {
  local total=$(( (duration + 60 + agent_wait) * ${#rates[@]} + 60 )) attempt
  sed "s/timeout=\"8000\"/timeout=\"$((agent_wait * 1000))\"/" "$here/agent-answer.xml" > "$work/agent-answer.xml"
  for attempt in 1 2 3; do
    sipp -sf "$here/agent-register.xml" -oocsf "$work/agent-answer.xml" -i 127.0.0.1 -p $AGENT \
         -au 1001 -ap pw1001 -m 1 -l 100000 -d $((total * 1000)) -recv_timeout 10000 \
         -nostdin -timeout $((total + 30))s -trace_logs -log_file "$agent_log" \
         127.0.0.1:$ENGINE > "$work/agent.out" 2>&1 & agent=$!; pids+=($agent)
    for _ in $(seq 1 300); do grep -qs registered "$agent_log" && return 0; running $agent || break; sleep 0.1; done
    echo "    (the agent did not register, attempt $attempt)"; stop $agent; sipp_table "$work/agent.out"; sleep 1
  done
  return 1
}
hanging() { echo "$(grep -c '^no ACK' "$agent_log" || true) $(grep -c '^no BYE' "$agent_log" || true)"; }

# After the trunk caller: give the agent's answering scenario its AGENT_WAIT to notice an ACK or BYE that never came.
agent_check() {
  sleep $((agent_wait + 1))
  local a0 b0 a b; read -r a0 b0 <<<"$agent_mark"; read -r a b <<<"$(hanging)"; a=$((a - a0)) b=$((b - b0))
  [ $((a + b)) -eq 0 ] && return 0
  echo "agent legs left hanging: $a without ACK, $b without BYE"; return 1
}

host_state() { # with METRICS: what the host still holds once a run's calls are over
  [ -n "${METRICS:-}" ] || return 0
  local held scrape
  scrape=$(curl -sf -u "$METRICS" http://127.0.0.1:$HTTP/metrics || true)
  held=$(grep -E '^[a-z_]*(calls_active|dialogs_active)[{ ]' <<<"$scrape" | tr '\n' ' ' || true)
  echo "    host after the run: ${held:-(no metrics: check METRICS)}"
  # the group commits' mean sizes since the host started (spool fsync, call-log transaction): small groups cost a round trip each
  awk '/^contactcenter_call_events_spool_group_size[a-z_]*_sum/ {gs+=$NF} /^contactcenter_call_events_spool_group_size[a-z_]*_count/ {gc+=$NF}
       /^contactcenter_crm_call_log_batch_size[a-z_]*_sum/ {bs+=$NF} /^contactcenter_crm_call_log_batch_size[a-z_]*_count/ {bc+=$NF}
       /^contactcenter_crm_call_log_visible_delay[a-z_]*_sum/ {vs+=$NF} /^contactcenter_crm_call_log_visible_delay[a-z_]*_count/ {vc+=$NF}
       END { if (gc + bc > 0) printf "    mean group sizes since start: spool fsync %.1f events (%d groups), call-log batch %.1f events (%d batches); an event in the call log %.0f ms after it happened\n", gc ? gs/gc : 0, gc, bc ? bs/bc : 0, bc, vc ? vs/vc : 0 }' <<<"$scrape"
  case "$held" in *'calls_active{'*'} 0 '*) ;; *) # which calls, as the live-calls API shows them
    curl -sf -u "$METRICS" http://127.0.0.1:$HTTP/api/live-calls | head -c 3000 | sed 's/^/    live calls: /'; echo ;;
  esac
}

alive() { # PID NAME LOG: stop the benchmark if a server we started has gone (its figures would mean nothing)
  running "$1" && return 0
  echo "$2 (pid $1) is no longer running; last lines of its log:" >&2; tail -15 "$3" >&2; exit 1
}

settle() { # let the host finish the previous run's leftovers (retransmissions, hang-ups, GC): < 10% of a core, 30 s at most
  local _ t0 t1
  for _ in $(seq 1 30); do t0=$(ticks $host); sleep 1; t1=$(ticks $host); [ $(((t1 - t0) * 10)) -lt "$hz" ] && return 0; done
  echo "    (the host was still busy 30 s after the previous run)"
}

# PROFILE=perf | PROFILE=<dotnet-trace profile, e.g. gc-verbose>: 15 s of the host's profile from 10 s into each engine
# run, kept as $work/profile-RATE.* (KEEP_LOGS is implied). perf needs the host's perf map (set at start below).
profile_engine() {
  [ -n "${PROFILE:-}" ] || return 0
  local out="$work/profile-$1"
  if [ "$PROFILE" = perf ]; then
    (sleep 10; perf record -F 499 -g -p "$host" -o "$out.perf.data" -- sleep 15 > "$out.log" 2>&1) &
  else
    (sleep 10; "$trace_tool" collect -p "$host" --profile "$PROFILE" --duration 00:00:00:15 -o "$out.nettrace" > "$out.log" 2>&1) &
  fi
}

# COUNTERS=1: per completed call of each engine run, the host's allocations, thread-pool work items and GC pauses
# (dotnet-counters, System.Runtime) and its context switches (perf stat), counted over DURATION seconds from the caller's
# start (COUNTERS_SKIP=S: from S seconds into the run, leaving the JIT's warm-up out); and the JIT's compile time in that window.
counters_engine() {
  [ -n "${COUNTERS:-}" ] || return 0
  local out="$work/counters-$1" skip=${COUNTERS_SKIP:-0} window=$((duration - ${COUNTERS_SKIP:-0}))
  (sleep "$skip"; exec perf stat -e context-switches,cpu-migrations -x, -o "$out.perf" -p "$host" -- sleep "$window") > /dev/null 2>&1 &
  counters_pids=($!)
  (sleep "$skip"; exec "$counters_tool" collect -p "$host" --counters System.Runtime --refresh-interval 1 --format csv -o "$out.csv" \
    --duration "00:00:00:$window") > "$out.log" 2>&1 & counters_pids+=($!)
}
counters_report() { # RATE: one line of per-call figures from the files counters_engine wrote
  [ -n "${COUNTERS:-}" ] || return 0
  local out="$work/counters-$1" p; for p in "${counters_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  local calls; calls=$(stat "$work/eng-trunk-$1.out" 'Successful call')
  # COUNTERS_SKIP=S leaves the first S seconds out (JIT warm-up): the window's calls are then taken as RATE per second.
  [ "${COUNTERS_SKIP:-0}" -eq 0 ] || calls=$(($1 * (duration - COUNTERS_SKIP)))
  python3 - "$out.csv" "$out.perf" "$calls" <<'PY'
import csv, sys
calls = max(1, int(sys.argv[3] or 0)); sums = {}
for row in csv.reader(open(sys.argv[1])):
    if len(row) >= 5 and row[2] and row[4].replace('.', '', 1).isdigit():
        name = row[2].split(' (')[0] + ('[' + row[2].split('[', 1)[1] if row[2].startswith('dotnet.exceptions') and '[' in row[2] else '')
        sums[name] = sums.get(name, 0.0) + float(row[4])
switches = sum(int(l.split(',')[0]) for l in open(sys.argv[2]) if l.count(',') >= 2 and 'context-switches' in l and l.split(',')[0].isdigit())
print("    per completed call: %.1f KB allocated, %.1f thread-pool work items, %.1f context switches, %.3f ms GC pause;"
      " JIT %.2f s in the run" % (
    sums.get('dotnet.gc.heap.total_allocated', 0) / calls / 1024, sums.get('dotnet.thread_pool.work_item.count', 0) / calls,
    switches / calls, sums.get('dotnet.gc.pause.time', 0) * 1000 / calls, sums.get('dotnet.jit.compilation.time', 0)))
for name in sorted(n for n in sums if n.startswith('dotnet.exceptions')):
    print("    per completed call: %.2f exceptions %s" % (sums[name] / calls, name.split('error.type=')[-1].rstrip(']')))
PY
}

KAM_LABEL="Kamailio proxy (reference)" ENG_LABEL="ContactCenter engine"
echo
echo "Call setup (INVITE/180/200/ACK/BYE), UDP, no RTP, hold 0 ms, ${duration}s per rate"
read -r load1 _ < /proc/loadavg
awk -v l="$load1" -v n="$(nproc)" 'BEGIN{ if (l > n/2) printf "(load average %s on %d cores before the start: other work on the machine skews both figures)\n", l, n }'
for rate in "${rates[@]}"; do
  alive $kam Kamailio "$work/kamailio.log"; alive $host "The host" "$work/host.log"
  settle
  # (1) Kamailio: fresh sipp UAS per rate
  sipp -sn uas -i 127.0.0.1 -p $KAM_UAS -nostdin -timeout $((duration + 60))s > "$work/kam-uas-$rate.out" 2>&1 & uas=$!; pids+=($uas)
  wait_udp $KAM_UAS || { cat "$work/kam-uas-$rate.out"; exit 1; }
  caller "$KAM_LABEL" "$rate" "$work/kam-uac-$rate.out" "$kam $(pgrep -P $kam | tr '\n' ' ')" true -- \
    -sn uac -p $KAM_UAC 127.0.0.1:$KAM
  stop $uas

  # (2) engine: one agent for every rate (started before the first), registered once
  alive $host "The host" "$work/host.log"; settle
  [ -n "${agent:-}" ] && running $agent || start_agent || { echo "The agent did not register; stopping." >&2; exit 1; }
  agent_mark=$(hanging)
  profile_engine "$rate"; counters_engine "$rate"
  caller "$ENG_LABEL" "$rate" "$work/eng-trunk-$rate.out" "$host" agent_check -- \
    -sf "$here/trunk-uac.xml" -s 7000 -p $TRUNK 127.0.0.1:$ENGINE
  counters_report "$rate"
  host_state
done

k=${best[$KAM_LABEL]:-0} e=${best[$ENG_LABEL]:-0}
echo
echo "Highest sustained rate (zero failed calls, ${duration}s), of ${rates[*]} cps:"
printf '  %-28s %5s cps\n' "$KAM_LABEL" "$k" "$ENG_LABEL" "$e"
if [ "$k" -gt 0 ]; then
  printf '  %-28s %5s\n' "ratio engine/Kamailio" "$(awk -v e="$e" -v k="$k" 'BEGIN{printf "%.2f", e/k}')"
else
  printf '  %-28s %5s\n' "ratio engine/Kamailio" "n/a"
fi
top=$(printf '%s\n' "${rates[@]}" | sort -n | tail -1)
if [ "$k" -ge "$top" ]; then
  echo "  (Kamailio sustained the highest rate tried, so its ceiling is higher and the ratio overstates the engine;"
  echo "   add rates such as 1000 2000 2500 to find Kamailio's ceiling)"
fi
if [ "$duration" -ge 60 ]; then
  if [ "$e" -ge 300 ]; then echo "  issue #4 target (300 cps for 60 s, zero failed calls): met"
  else echo "  issue #4 target (300 cps for 60 s, zero failed calls): NOT met"; fi
fi
