#!/usr/bin/env bash
# Reports benchmark (issue #19): CALLS inbound calls over a year and 5 call events each generated in a throw-away
# PostgreSQL 15 on 127.0.0.1 (default settings: every commit flushed), then every interval report (per agent, queue,
# department x 15 min over a day, hour over a week, day over a month, week over a year) and the agents report (a month)
# read RUNS times by the real readers. Prints p50/p95 per report beside the same server's count(*) of the period.
# Usage: bench/reports/run.sh [CALLS] [RUNS]        e.g. bench/reports/run.sh 1000000 20
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
source "$root/deploy/lib.sh"
apt_ensure postgresql:$PG_BIN/initdb
ensure_dotnet
dotnet build "$root/tests/ContactCenter.Benchmarks" -c Release -v quiet -nologo >/dev/null
dotnet "$root/tests/ContactCenter.Benchmarks/bin/Release/net10.0/ContactCenter.Benchmarks.dll" reports "${1:-1000000}" "${2:-20}"
