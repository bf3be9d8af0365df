#!/usr/bin/env bash
# Call-log benchmark (issue #6): answered calls' events (7 per call: received, classified, queued, offered,
# answered 1 s later, recording and end 3 s after the start) published on the in-memory bus at a fixed rate into
# the CRM's real consumer and a throw-away PostgreSQL 15 on 127.0.0.1 (its default settings: every commit flushed
# to disk), for DURATION seconds. Reports events logged per second, how long a call's end takes to be visible in the
# call log (p50/p95/p99/max), events per transaction, CPU, and - as the reference, same server, same run - pgbench's
# simple-update transactions per second (-N, 8 clients).
# Usage: bench/calllog/run.sh [DURATION_S] [RATE ...]        e.g. bench/calllog/run.sh 60 2000 3000
# Environment: MAX_BATCH (default 500; 1 = one transaction per event, the writer before group commit),
#              FAST_DISK=1 (PostgreSQL without fsync, as the tests run it),
#              NO_TRIGGERS=1 (the statement triggers on `calls` disabled in the bench's database: what they cost).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
source "$root/deploy/lib.sh"
apt_ensure postgresql:$PG_BIN/initdb
ensure_dotnet
duration=${1:-60}; shift || true
rates=("$@"); [ ${#rates[@]} -gt 0 ] || rates=(2000)
dotnet build "$root/tests/ContactCenter.Benchmarks" -c Release -v quiet -nologo >/dev/null
extra=(--max-batch "${MAX_BATCH:-500}")
[ "${FAST_DISK:-0}" = 1 ] && extra+=(--fast-disk)
[ "${NO_TRIGGERS:-0}" = 1 ] && extra+=(--no-triggers)
summary=()
for rate in "${rates[@]}"; do
  out=$(dotnet "$root/tests/ContactCenter.Benchmarks/bin/Release/net10.0/ContactCenter.Benchmarks.dll" calllog \
        --rate "$rate" --seconds "$duration" "${extra[@]}" | tee /dev/stderr) || true
  summary+=("$(grep '^| ' <<<"$out" | tail -1)")
done
echo
echo "| offered | max batch | logged/s | end->visible p50 ms (steady) | p99 ms (steady) | max ms (steady) | p99 ms (whole run, warm-up incl.) | events/transaction | CPU bus+CRM | CPU machine | pgbench -N tps |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${summary[@]}"
