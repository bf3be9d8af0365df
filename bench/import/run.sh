#!/usr/bin/env bash
# Client import benchmark (issue #18): a generated CSV of ROWS clients (every other one with a second number) read,
# checked with the admin console's rules and applied by the real ClientImport into a throw-away PostgreSQL 15 on
# 127.0.0.1 with its default settings (every commit flushed); then the same file again (nothing changes).
# Prints rows per second of both runs and the process's peak working set.
# Usage: bench/import/run.sh [ROWS]        e.g. bench/import/run.sh 100000
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
source "$root/deploy/lib.sh"
apt_ensure postgresql:$PG_BIN/initdb
ensure_dotnet
dotnet build "$root/tests/ContactCenter.Benchmarks" -c Release -v quiet -nologo >/dev/null
dotnet "$root/tests/ContactCenter.Benchmarks/bin/Release/net10.0/ContactCenter.Benchmarks.dll" clientimport "${1:-100000}"
