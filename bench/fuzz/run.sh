#!/usr/bin/env bash
# Coverage-guided fuzzing of the SIP, SDP, RTP/RTCP, RFC 4733 and SRTP parsers (issue #16): SharpFuzz-instrumented
# assemblies under AFL++ (Debian's afl++), one target at a time (the machine is small), each for a bounded time.
# Usage: bench/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]     default 600 s and every target
#        (targets: dotnet bench/fuzz/work/bin/FuzzTargets.dll --list after one run, or see README.md)
# Writes bench/fuzz/work/results.md (the table), findings under bench/fuzz/work/out/TARGET, and copies each crash or
# hang input to bench/fuzz/work/findings/TARGET/ with the exception it raised (replayed in-process, uninstrumented).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
source "$root/deploy/lib.sh"
seconds=${1:-600}; shift || true
ensure_dotnet
apt_ensure afl++:afl-fuzz python3:python3

work="$here/work"
rm -rf "$work/bin" "$work/plain" "$work/seeds" "$work/out" "$work/findings"
mkdir -p "$work/tools" "$work/findings" "$work/out"
if [ ! -x "$work/tools/sharpfuzz" ]; then
  log "Installing the SharpFuzz.CommandLine tool 2.3.0 into bench/fuzz/work/tools"
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >/dev/null
fi

log "Building the harness (Release) and instrumenting the parser assemblies"
dotnet build "$here/FuzzTargets" -c Release -nologo -clp:ErrorsOnly -o "$work/plain" >/dev/null
cp -r "$work/plain" "$work/bin"   # plain/ stays uninstrumented, for replaying findings outside afl-fuzz
for assembly in ContactCenter.Sip.Syntax ContactCenter.Sdp ContactCenter.Media; do
  "$work/tools/sharpfuzz" "$work/bin/$assembly.dll" >/dev/null
done
harness=(dotnet "$work/bin/FuzzTargets.dll")
targets=("$@"); [ ${#targets[@]} -gt 0 ] || mapfile -t targets < <("${harness[@]}" --list)

log "Seed corpora from the unit tests' samples and the sipp scenarios"
python3 "$here/seeds.py" "$root" "$work/seeds"

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
stat() { awk -F' *: *' -v k="$2" '$1==k{print $2}' "$1"; }
{
  echo "AFL++ $(afl-fuzz -h 2>&1 | grep -o '++[0-9.a-z]*' | head -1 | tr -d +), SharpFuzz 2.3.0, $(dotnet --version), ${seconds} s per target, one afl-fuzz at a time, $(nproc) cores, $(date -u +%F)"
  echo
  echo "| target | execs/s | executions | edges | map coverage | corpus (seeds) | crashes | hangs |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$work/results.md"
failed=0
for t in "${targets[@]}"; do
  log "Fuzzing $t for ${seconds}s"
  out="$work/out/$t"
  afl-fuzz -i "$work/seeds/$t" -o "$out" -t 2000 -m none -V "$seconds" -- "${harness[@]}" "$t" > "$work/out-$t.log" 2>&1 \
    || { echo "afl-fuzz failed for $t, see $work/out-$t.log" >&2; tail -20 "$work/out-$t.log" >&2; failed=1; continue; }
  s="$out/default/fuzzer_stats"
  execs=$(stat "$s" execs_done); runtime=$(stat "$s" run_time)
  rate=$(awk -v e="$execs" -v r="$runtime" 'BEGIN{printf "%.0f", (r > 0 ? e / r : 0)}')
  crashes=$(stat "$s" saved_crashes); hangs=$(stat "$s" saved_hangs)
  printf '| %s | %s | %s | %s | %s | %s (%s) | %s | %s |\n' "$t" "$rate" "$execs" "$(stat "$s" edges_found)" \
    "$(stat "$s" bitmap_cvg)" "$(stat "$s" corpus_count)" "$(ls "$work/seeds/$t" | wc -l)" "$crashes" "$hangs" >> "$work/results.md"
  for kind in crashes hangs; do
    if compgen -G "$out/default/$kind/id*" >/dev/null; then
      mkdir -p "$work/findings/$t"
      cp "$out/default/$kind"/id* "$work/findings/$t/"
      dotnet "$work/plain/FuzzTargets.dll" "$t" --replay "$out/default/$kind" > "$work/findings/$t/$kind.txt" 2>&1 || true
      failed=1
    fi
  done
done
echo
cat "$work/results.md"
[ "$failed" = 0 ] || echo "Findings: bench/fuzz/work/findings/ (inputs and the exceptions they raise)" >&2
exit "$failed"
