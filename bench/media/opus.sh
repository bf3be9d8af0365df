#!/usr/bin/env bash
# Browser legs' Opus transcoding (issue #20): CPU per 100 calls beside a plain G.711 leg, in the same BenchmarkDotNet run.
# Each call transcodes one 20 ms frame each way 50 times a second, so CPU per 100 calls = mean per frame x 50 x 100.
# Usage: bench/media/opus.sh        (takes a few minutes; run on a quiet machine)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d /tmp/cc-bench-opus.XXXX)
trap 'rm -rf "$out"' EXIT
dotnet run -c Release --project "$root/tests/ContactCenter.Benchmarks" -- --filter '*OpusTranscodeBenchmarks*' \
  --exporters csv --artifacts "$out" >"$out/run.log" 2>&1 || { tail -40 "$out/run.log"; exit 1; }
csv=$(find "$out" -name '*OpusTranscodeBenchmarks-report.csv' | head -1)
python3 - "$csv" <<'PY'
import csv, re, sys
def us(text):
    m = re.match(r'([\d.,]+)\s*(ns|μs|us|ms)', text.strip())
    v = float(m.group(1).replace(',', ''))
    return v / 1000 if m.group(2) == 'ns' else v * 1000 if m.group(2) == 'ms' else v
rows = list(csv.DictReader(open(sys.argv[1])))
base = next(r for r in rows if r['Method'] == 'PlainG711BothWays')
print(f"{'method':<20} {'median/frame':>13} {'CPU per 100 calls':>18} {'ratio to plain G.711':>21}")
for r in rows:
    median = us(r['Median'])
    print(f"{r['Method']:<20} {median:>10.2f} us {median * 50 * 100 / 1e6 * 100:>16.2f} % {median / us(base['Median']):>20.1f}x")
print("(% of one core; the plain relay's socket work, equal for both, is not included: bench/media/run.sh measures it)")
PY
