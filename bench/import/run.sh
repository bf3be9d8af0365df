#!/usr/bin/env bash
# Import benchmark (issue #18): generated CSV files of CLIENTS clients (every other one with a second number) and twice
# as many receivables, read, checked with the admin console's rules and applied by the real ClientImport and
# ReceivableImport into a throw-away PostgreSQL 15 on 127.0.0.1 with its default settings (every commit flushed); then
# the same files again (nothing changes); then the reference peer: psql \copy of the same files into text tables.
# Prints seconds, rows per second and peak resident memory of each phase.
# Usage: bench/import/run.sh [CLIENTS]        e.g. bench/import/run.sh 100000
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
source "$root/deploy/lib.sh"
apt_ensure postgresql:$PG_BIN/initdb
ensure_dotnet
dotnet build "$root/tests/ContactCenter.Benchmarks" -c Release -v quiet -nologo >/dev/null
dotnet "$root/tests/ContactCenter.Benchmarks/bin/Release/net10.0/ContactCenter.Benchmarks.dll" import "${1:-100000}"
