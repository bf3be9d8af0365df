#!/usr/bin/env bash
# Browser legs (issue #20): CPU per 100 calls of the G.711 path (SRTP only) and the Opus path (SRTP + transcoding) beside
# a plain G.711 leg, in the same BenchmarkDotNet run (OpusTranscodeBenchmarks; the encoder settings tried are in
# OpusEncoderSettingsBenchmarks: --filter '*OpusEncoderSettingsBenchmarks*').
# Each call handles one 20 ms frame each way 50 times a second, so CPU per 100 calls = median per frame x 50 x 100.
# Usage: bench/media/opus.sh        (takes a few minutes; run on a quiet machine; in-process: no per-job rebuild, which
# timed out on a loaded 2-core machine). BenchmarkDotNet's full log of the last run: /tmp/cc-bench-opus-last.log
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d /tmp/cc-bench-opus.XXXX)
trap 'cp "$out/run.log" /tmp/cc-bench-opus-last.log 2>/dev/null; rm -rf "$out"' EXIT
dotnet run -c Release --project "$root/tests/ContactCenter.Benchmarks" -- --filter '*OpusTranscodeBenchmarks*' \
  --exporters csv --artifacts "$out" --inProcess >"$out/run.log" 2>&1 || { tail -40 "$out/run.log"; exit 1; }
csv=$(find "$out" -name '*OpusTranscodeBenchmarks-report.csv' | head -1)
grep -A12 '^| Method' "$out/run.log" | head -8 || true   # BenchmarkDotNet's own table
python3 - "$csv" <<'PY'
import csv, re, sys
def us(text):
    # BenchmarkDotNet writes e.g. "1,234.5 ns" or "12.3 \u00b5s" (micro sign); the unit scales to microseconds.
    m = re.match(r'([\d.,]+)\s*(\S+)', text.strip())
    v, unit = float(m.group(1).replace(',', '')), m.group(2)
    return v / 1000 if unit == 'ns' else v * 1000 if unit == 'ms' else v
rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    r.setdefault('Median', r['Mean'])
base = next(r for r in rows if r['Method'] == 'PlainG711BothWays')
print(f"{'method':<20} {'median/frame':>13} {'CPU per 100 calls':>18} {'ratio to plain G.711':>21}")
for r in rows:
    median = us(r['Median'])
    print(f"{r['Method']:<20} {median:>10.2f} us {median * 50 * 100 / 1e6 * 100:>16.2f} % {median / us(base['Median']):>20.1f}x")
print("(% of one core; the plain relay's socket work, equal for both, is not included: bench/media/run.sh measures it)")
PY
