#!/usr/bin/env bash
# Overload (issue #15): the carrier's trunk offers OFFERED new calls per second for DURATION seconds while the host admits
# ADMITTED per second (Sip:Admission:MaxInvitesPerSecond; the configured trunk is held to the overall rate only, so one
# source is enough). Calls as bench/calls makes them (trunk-uac.xml -> 7000 -> agent 1001 answering agent-answer.xml), each
# talking HOLD_MS, no RTP, CRM in process. Reports the calls admitted (answered), refused with 503 (sipp's count and the
# host's sip_admission_refused_total by reason), other failures among the admitted (target below 1%), the legs the agent
# was left in, and the host's CPU and RSS (README.md beside this file).
# Usage: bench/soak/overload.sh            (DURATION=60 OFFERED=200 ADMITTED=100 HOLD_MS=2000)
# Needs root (PostgreSQL as `postgres`), dotnet, sipp, PostgreSQL 15; 127.0.0.1 only: UDP/TCP 5760, UDP 5761-5762,
# HTTP 5798, PostgreSQL 5799, RTP 36000-45999.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
source "$root/deploy/lib.sh"
source "$root/bench/lib.sh"
apt_ensure postgresql:$PG_BIN/initdb postgresql-client:psql sip-tester:sipp
ensure_dotnet

duration=${DURATION:-60} offered=${OFFERED:-200} admitted=${ADMITTED:-100} hold=${HOLD_MS:-2000}
ENGINE=5760 TRUNK=5761 AGENT=5762 HTTP=5798 PG=5799
check_ports $ENGINE $TRUNK $AGENT $HTTP $PG
calls_dir="$root/bench/calls"
work=$(mktemp -d /tmp/cc-bench-overload.XXXX); chmod 755 "$work"
start_pg "$work" $PG
build_host "$work"
always_open_policy "$work/routing.json"
host_args=(--ConnectionStrings:Crm="Host=127.0.0.1;Port=$PG;Database=postgres;Username=postgres"
  --Security:Mode=Demo --Demo:Seed=true --Acd:PolicyFile="$work/routing.json" --Http:Port=$HTTP --Sip:Transport:UdpPort=$ENGINE --Sip:Transport:TcpPort=$ENGINE
  --Sip:Trunk:Address=127.0.0.1 --Sip:Trunk:Port=$TRUNK --Sip:Calls:AgentCallLimit=0 --Sip:Calls:EarlyMedia=false
  --Acd:WrapUp=00:00:00 --Sip:Rtp:PortMin=36000 --Sip:Rtp:PortMax=45999 --Sip:Recording:Enabled=false
  --Sip:Admission:MaxInvitesPerSecond=$admitted --Sip:Admission:MaxConcurrentCalls=5000
  --CallEvents:Spool:Directory="$work/spool" --Logging:LogLevel:Default=Warning ${HOST_ARGS:-})
start_host "$work/host.log"

sipp -sf "$calls_dir/agent-register.xml" -oocsf "$calls_dir/agent-answer.xml" -i 127.0.0.1 -p $AGENT -au 1001 -ap pw1001 \
     -m 1 -l 100000 -d $(((duration + 90) * 1000)) -recv_timeout 10000 -nostdin -timeout $((duration + 120))s \
     -trace_logs -log_file "$work/agent.log" 127.0.0.1:$ENGINE > "$work/agent.out" 2>&1 & agent=$!; pids+=($agent)
for _ in $(seq 1 100); do grep -qs registered "$work/agent.log" && break; sleep 0.1; done
grep -qs registered "$work/agent.log" || { echo "Agent 1001 did not register:" >&2; tail -20 "$work/agent.out" >&2; exit 1; }

read -r load_start _ < /proc/loadavg
log "Offering $offered calls/s for ${duration}s to a host that admits $admitted/s (calls of ${hold} ms)"
echo "$host" > "$work/sampled-pid"; sampler "$work/samples" & pids+=($!); sampler_pid=$!
s0=$(date +%s.%N)
sipp -sf "$calls_dir/trunk-uac.xml" -s 7000 -i 127.0.0.1 -p $TRUNK -r "$offered" -m $((offered * duration)) \
     -l $((offered * 30)) -d "$hold" -default_behaviors all,-abortunexp -recv_timeout 10000 -nostdin \
     -timeout $((duration + 60))s 127.0.0.1:$ENGINE > "$work/trunk.out" 2> "$work/trunk.err" || true
s1=$(date +%s.%N)
sleep 9   # the agent's scenario notes a leg without ACK or BYE after 8 s
stop $sampler_pid
read -r load_end _ < /proc/loadavg
refused_by_reason=$(curl -sf -m 5 -u admin:admin-demo "http://127.0.0.1:$HTTP/metrics" \
  | sed -n 's/^sip_admission_refused_total{.*Reason="\([A-Za-z]*\)".*} \([0-9]*\).*/\1 \2/p' | tr '\n' ' ')

stat() { { grep -E "^\s+$2 " "$1" || true; } | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}'; }   # FILE COUNTER -> cumulative
ok=$(stat "$work/trunk.out" 'Successful call'); failed=$(stat "$work/trunk.out" 'Failed call')
r503=$(awk '$1 == "503" && $2 ~ /^<-/ { print $3 }' "$work/trunk.out" | tail -1)
hanging=$(grep -cE '^no (ACK|BYE)' "$work/agent.log" || true)
python3 - "$work/samples" "$(getconf CLK_TCK)" <<EOF
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
hz = int(sys.argv[2])
cpu = [(int(b[1]) - int(a[1])) / hz / (float(b[0]) - float(a[0])) * 100 for a, b in zip(rows, rows[1:])]
rss = [int(r[2]) / 1024 for r in rows]
ok, failed, r503 = int("${ok:-0}"), int("${failed:-0}"), int("${r503:-0}")
other = failed - r503
admitted = ok + other
print()
print(f"Overload: {${offered}} calls/s offered for ${duration} s, {${admitted}}/s admitted, calls of ${hold} ms;"
      f" load average ${load_start} at the start, ${load_end} at the end")
print(f"  offered                 {ok + failed} in {float('$s1') - float('$s0'):.1f} s")
print(f"  admitted and answered   {ok}")
print(f"  refused with 503        {r503}  (host: ${refused_by_reason:-n/a})")
print(f"  failed among admitted   {other}  ({other / admitted * 100 if admitted else 0:.2f}% of {admitted}; target below 1%)")
print(f"  agent legs left hanging ${hanging}  (no ACK or BYE within 8 s)")
print(f"  host CPU (one core = 100%) median {statistics.median(cpu):.0f}%, p95 {sorted(cpu)[int(len(cpu) * 0.95)]:.0f}%;"
      f" RSS max {max(rss):.0f} MB")
EOF
