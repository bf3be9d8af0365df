#!/usr/bin/env bash
# Registrar benchmark (issue #3): REGISTER with digest over UDP, sipp as the load generator, against
# (1) ContactCenter's registrar and (2) sipp's own UAS challenging and verifying the digest, in the
# same run. For each rate (registrations/s; each is two REGISTER transactions) it runs DURATION
# seconds and reports sipp's successful/failed counts; the highest rate with zero failures wins.
# Usage: bench/registrar/run.sh [DURATION_S] [RATE ...]     e.g. bench/registrar/run.sh 20 500 1000 1500
# Needs: dotnet, sipp (sip-tester), PostgreSQL 15 binaries. Everything runs on 127.0.0.1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
source "$root/deploy/lib.sh"
apt_ensure postgresql:$PG_BIN/initdb sip-tester:sipp
duration=${1:-20}; shift || true
rates=("$@"); [ ${#rates[@]} -gt 0 ] || rates=(250 500 1000 1500 2000)
work=$(mktemp -d /tmp/cc-bench-reg.XXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$work/pg/PG_VERSION" ] && runuser -u postgres -- $PG_BIN/pg_ctl stop -D "$work/pg" -m immediate >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

log "Throw-away PostgreSQL"
chown postgres "$work"
runuser -u postgres -- $PG_BIN/initdb -D "$work/pg" -U postgres --auth=trust --no-sync >/dev/null
runuser -u postgres -- $PG_BIN/pg_ctl start -D "$work/pg" -w -l "$work/pg.log" -o "-c listen_addresses=127.0.0.1 -p 5599 -k $work -c fsync=off" >/dev/null

log "Building and starting the host (Release)"
dotnet build "$root/src/ContactCenter.Host" -c Release -nologo -clp:ErrorsOnly >/dev/null
(cd "$root" && dotnet "$root/src/ContactCenter.Host/bin/Release/net10.0/ContactCenter.Host.dll" \
  --ConnectionStrings:Crm="Host=127.0.0.1;Port=5599;Database=postgres;Username=postgres" \
  --Security:Mode=Demo --Http:Port=5598 --Sip:Transport:UdpPort=5560 --Sip:Transport:TcpPort=5560 \
  --Logging:LogLevel:Default=Warning > "$work/host.log" 2>&1) & pids+=($!)
for _ in $(seq 1 90); do curl -sf http://127.0.0.1:5598/health >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:5598/health >/dev/null || { cat "$work/host.log"; exit 1; }

log "Starting the reference: sipp UAS with digest verification"
sipp -sf "$here/uas-register.xml" -i 127.0.0.1 -p 5590 -t u1 -nostdin -bg -trace_err -error_file "$work/uas-err.log" >/dev/null 2>&1 || true
uas_pid=$(pgrep -f "sipp -sf $here/uas-register.xml" | head -1); pids+=("$uas_pid")

run() { # target label rate -> prints "label rate ok failed cps"
  local target=$1 label=$2 rate=$3 out
  out=$(sipp -sf "$here/uac-register.xml" -i 127.0.0.1 -p 5591 -t u1 -au 1001 -ap pw1001 \
        -r "$rate" -m $((rate*duration)) -l $((rate*4)) -nostdin -timeout $((duration+30))s \
        -default_behaviors all,-abortunexp -recv_timeout 8000 "$target" 2>&1) && code=0 || code=$?
  local ok failed
  ok=$(grep -E '^\s+Successful call' <<<"$out" | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  failed=$(grep -E '^\s+Failed call' <<<"$out" | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  printf '%-28s %6s reg/s  %6s tx/s  ok=%-7s failed=%-6s exit=%s\n' "$label" "$rate" $((rate*2)) "${ok:-?}" "${failed:-?}" "$code"
}

echo
echo "REGISTER with digest, UDP, ${duration}s per rate (1 registration = 2 REGISTER transactions)"
for rate in "${rates[@]}"; do
  run 127.0.0.1:5560 "ContactCenter registrar" "$rate"
  run 127.0.0.1:5590 "sipp UAS (reference)" "$rate"
done
