#!/usr/bin/env bash
# Media relay benchmark (issue #4): N simultaneous bridged calls on 127.0.0.1, two fake phones per call
# (RelayBench gen), each sending 50 packets/s of 160-byte G.711 to its relay port and counting what arrives
# from the far phone. Relays: (1) ContactCenter's MediaRelay (RelayBench relay, its own process) and
# (2) rtpengine in pure userspace (/work/shared/peers/rtpengine.conf, ng protocol via rtpengine_calls.py),
# same generator, same run. Per N: loss %, relay CPU per 100 calls (from /proc/PID/stat over the measured
# window), memory per call (RSS growth over the idle process / N), added jitter p50/p99 (RFC 3550 jitter at
# the receiver minus that of the send times at the sender, over all streams). Issue #17: a third ContactCenter run per N
# makes one leg of every call SRTP (AES_CM_128_HMAC_SHA1_80; the relay decrypts and encrypts, the other leg stays plain),
# beside the plain relay in the same run. Issue #19: a fourth run per N puts a listening supervisor on every call (both
# parties decoded, mixed and encoded every 20 ms, sent to a third socket): "CPU per 10 supervised calls" is its
# cpu/100calls divided by 10, beside the plain relay's.
# Usage: bench/media/run.sh [SECONDS] [CALLS ...]      e.g. bench/media/run.sh 20 50 100 200
#        MODES="plain supervised" bench/media/run.sh 20 10 100   (modes: plain inline srtp supervised; default all)
# Needs: dotnet; rtpengine (Debian package rtpengine-daemon) for the reference, skipped with a note if absent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
seconds=${1:-20}; shift || true
calls_list=("$@"); [ ${#calls_list[@]} -gt 0 ] || calls_list=(50 100 200)
warmup=4   # rtpengine's default endpoint learning is delayed by 3 s; both relays get the same warm-up
work=$(mktemp -d /tmp/cc-bench-media.XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
hz=$(getconf CLK_TCK)

echo "Building RelayBench (Release)" >&2
dotnet build "$here/RelayBench" -c Release -nologo -clp:ErrorsOnly >/dev/null
bench="$here/RelayBench/bin/Release/net10.0/RelayBench.dll"

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }

# measure LABEL CALLS PID PORTS_FILE IDLE_RSS_KB -> one result line
measure() {
  local label=$1 calls=$2 pid=$3 ports=$4 idle=$5
  dotnet "$bench" gen "$ports" "$seconds" "$warmup" > "$work/gen.out" & local gen=$!
  sleep $((warmup + 1))
  local t0; t0=$(ticks "$pid"); local s0; s0=$(date +%s.%N)
  sleep $((seconds - 2))
  local t1; t1=$(ticks "$pid"); local s1; s1=$(date +%s.%N)
  local rss; rss=$(rss_kb "$pid")
  wait "$gen"
  local cpu; cpu=$(awk -v a="$t0" -v b="$t1" -v s0="$s0" -v s1="$s1" -v hz="$hz" -v n="$calls" \
    'BEGIN{printf "%.1f", (b-a)/hz/(s1-s0)*100*100/n}')
  local mem; mem=$(awk -v r="$rss" -v i="$idle" -v n="$calls" 'BEGIN{printf "%.1f", (r-i)/n}')
  read -r -a g < "$work/gen.out"
  # g: streams S measured_sent X measured_received Y loss_pct L added_p50 A added_p99 B receive_p99 R send_p99 T
  printf '%-22s calls=%-4s loss=%-8s%% cpu/100calls=%-6s%% mem/call=%-7sKB added_jitter_p50=%-7sms p99=%-7sms (rx p99 %s ms, tx p99 %s ms)\n' \
    "$label" "$calls" "${g[7]}" "$cpu" "$mem" "${g[9]}" "${g[11]}" "${g[13]}" "${g[15]}"
}

echo
echo "G.711 20 ms, 50 packets/s each way per call, ${seconds}s measured after ${warmup}s warm-up; CPU in % of one core"
for calls in "${calls_list[@]}"; do
  # ContactCenter MediaRelay: .NET defaults, then with socket completions run inline on the epoll thread
  # (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1, set for the relay process only; the generator keeps defaults),
  # then .NET defaults with SRTP on one leg of each call.
  for mode in ${MODES:-plain inline srtp supervised}; do
    inline=0; [ "$mode" = inline ] && inline=1
    extra=(); [ "$mode" = srtp ] && extra=(srtp); [ "$mode" = supervised ] && extra=(supervised)
    mkfifo "$work/stdin"
    (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=$inline dotnet "$bench" relay "$calls" 40000 "$work/ports" ${extra[@]+"${extra[@]}"} \
      < "$work/stdin" > "$work/relay.out" 2>&1) & rpid=$!
    exec 3>"$work/stdin"
    for _ in $(seq 1 100); do [ -f "$work/ports" ] && break; sleep 0.2; done
    [ -f "$work/ports" ] || { cat "$work/relay.out"; exit 1; }
    pid=$( (pgrep -P "$rpid" -f "RelayBench.dll relay" || true) | head -1); pid=${pid:-$rpid}
    idle=$(awk '/^rss_idle_kb/{print $2}' "$work/relay.out")
    label="ContactCenter relay"; [ "$mode" = inline ] && label="ContactCenter inline"
    [ "$mode" = srtp ] && label="ContactCenter SRTP leg"
    [ "$mode" = supervised ] && label="ContactCenter listened"
    measure "$label" "$calls" "$pid" "$work/ports" "$idle"
    exec 3>&-; wait "$rpid" || true; rm -f "$work/stdin" "$work/ports"
  done

  # rtpengine (userspace) as the reference
  if command -v rtpengine >/dev/null; then
    rtpengine --config-file=/work/shared/peers/rtpengine.conf --config-section=bench \
      --pidfile="$work/rtpengine.pid" > "$work/rtpengine.log" 2>&1 & epid=$!; pids+=("$epid")
    sleep 1.5
    idle=$(rss_kb "$epid")
    python3 "$here/rtpengine_calls.py" "$calls" "$work/ports"
    measure "rtpengine (userspace)" "$calls" "$epid" "$work/ports" "$idle"
    kill "$epid"; wait "$epid" 2>/dev/null || true; rm -f "$work/ports"
  else
    echo "rtpengine not installed (apt-get install rtpengine-daemon): reference skipped"
  fi
done
