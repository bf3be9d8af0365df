#!/usr/bin/env bash
# Regenerates the announcement WAV files named in sip-config/sip.json (Sip:Announcements) into
# sip-config/announcements: greeting, menu, queue-position, callback-confirmed, closed, voicemail (espeak-ng speech) and
# music-on-hold (a 20 s loop synthesized with sox). Output: 8 kHz, mono, 16-bit PCM WAV, peaks
# normalised to -3 dBFS. Installs espeak-ng and sox with apt-get when missing.
# Idempotent: the same tool versions give byte-identical files (no dither, repeatable mode), and
# each file is written to a temporary name and then moved into place.
# Usage: deploy/make-announcements.sh [OUTPUT_DIR]   (default: sip-config/announcements)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_DIR="${1:-$REPO_ROOT/sip-config/announcements}"
VOICE=${CC_ANNOUNCE_VOICE:-en-us}   # espeak-ng voice
SPEED=${CC_ANNOUNCE_SPEED:-140}     # words per minute

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "Run as root (or install sudo): '$*' needs root." >&2; exit 1; fi
}

# Install espeak-ng and sox when missing. Waits for a dpkg lock held by another apt-get; refreshes
# the package lists only when the first attempt fails.
ensure_tools() {
  local missing=()
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  command -v sox >/dev/null 2>&1 || missing+=(sox)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing ${missing[*]} (apt-get)"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)
  if ! as_root "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    as_root "${apt[@]}" update -qq
    as_root "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_tools
mkdir -p "$OUT_DIR"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Common output chain: mono, 8 kHz, peak -3 dBFS, 16-bit signed PCM, no dither (-D), repeatable (-R).
# Each chain first lowers the level by 6 dB so that no intermediate effect clips; "gain -n -3" at the
# end sets the final peak.
SOX=(sox -R -D)
OUT_FMT=(-t wav -r 8000 -c 1 -b 16 -e signed-integer)

# install_wav NAME: move $WORK/NAME.wav into place (atomic within OUT_DIR).
install_wav() {
  local tmp="$OUT_DIR/.$1.wav.tmp"
  cp "$WORK/$1.wav" "$tmp"
  mv -f "$tmp" "$OUT_DIR/$1.wav"
  log "$OUT_DIR/$1.wav ($(soxi -D "$OUT_DIR/$1.wav") s, $(stat -c %s "$OUT_DIR/$1.wav") bytes)"
}

# speak NAME TEXT [LEAD TAIL]: espeak-ng speech, telephone band, a lead-in and tail of silence (default 0.3 s and
# 0.5 s; pieces joined into one sentence use less). espeak's own leading and trailing silence is trimmed first.
speak() {
  local name=$1 text=$2 lead=${3:-0.3} tail=${4:-0.5}
  espeak-ng -v "$VOICE" -s "$SPEED" -w "$WORK/$name.raw.wav" "$text"
  "${SOX[@]}" "$WORK/$name.raw.wav" "${OUT_FMT[@]}" "$WORK/$name.wav" \
    remix - gain -6 highpass 120 rate -v 8000 silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad "$lead" "$tail" gain -n -3
  install_wav "$name"
}

speak greeting       "Welcome to the order desk. Please hold, we are connecting you."
speak menu           "For an order, press 1. For reference information, press 2. For other matters, press 3."
speak queue-position "All our operators are busy. Please stay on the line; your call is important to us. Or press 1, and we will call you back, keeping your place in the queue."
speak callback-confirmed "Thank you. We will call you back as soon as an operator is free. Goodbye."
speak closed         "The order desk is closed now. Please call again during business hours."
speak voicemail      "Or leave a message after the tone, and press the hash key when you are done."

# Pieces of the position and expected-wait announcement ("You are number 3 in the queue. Your expected wait is
# about 4 minutes."), joined by the engine at run time.
speak queue-you-are    "You are number" 0.4 0.05
speak queue-in-line    "in the queue." 0.05 0.3
speak queue-wait-about "Your expected wait is about" 0.1 0.05
speak queue-minute     "minute." 0.05 0.4
speak queue-minutes    "minutes." 0.05 0.4
speak number-many      "more than nine" 0.05 0.05
for n in 1 2 3 4 5 6 7 8 9; do speak "number-$n" "$n" 0.05 0.05; done

# Music on hold: C - Am - F - G, each chord 5 s = 8 plucked arpeggio notes of 0.625 s over a soft
# sine pad, softened by a low-pass and a little reverb; 20 s in all, ending with a short fade so
# that it loops without a click.
# Notes are semitones from A4 (440 Hz), e.g. C4=-9 E4=-5 G4=-2 C5=3 E5=7 A3=-12 A4=0 F3=-16.
NOTE=0.625
RATE=16000
CHORDS=(
  "-9 -5 -2 3 7 3 -2 -5"      # C:  C4 E4 G4 C5 E5 C5 G4 E4
  "-12 -9 -5 0 3 0 -5 -9"     # Am: A3 C4 E4 A4 C5 A4 E4 C4
  "-16 -12 -9 -4 0 -4 -9 -12" # F:  F3 A3 C4 F4 A4 F4 C4 A3
  "-14 -10 -7 -2 2 -2 -7 -10" # G:  G3 B3 D4 G4 B4 G4 D4 B3
)
PADS=(
  "-21 -17 -14"   # C3 E3 G3
  "-24 -21 -17"   # A2 C3 E3
  "-28 -24 -21"   # F2 A2 C3
  "-26 -22 -19"   # G2 B2 D3
)
melody=() pads=() i=0
for c in "${!CHORDS[@]}"; do
  for n in ${CHORDS[$c]}; do
    f="$WORK/note$(printf %02d $i).wav"
    "${SOX[@]}" -n -r $RATE -c 1 -b 16 "$f" synth $NOTE pluck %$n fade q 0.005 $NOTE 0.25
    melody+=("$f"); i=$((i + 1))
  done
  read -r p1 p2 p3 <<<"${PADS[$c]}"
  f="$WORK/pad$c.wav"
  "${SOX[@]}" -n -r $RATE -c 1 -b 16 "$f" \
    synth 5 sine %$p1 sine %$p2 sine %$p3 remix - tremolo 0.4 20 fade h 1 5 1 gain -n -6
  pads+=("$f")
done
"${SOX[@]}" "${melody[@]}" "$WORK/melody.wav"
"${SOX[@]}" "${pads[@]}" "$WORK/pad.wav"
"${SOX[@]}" -m -v 1 "$WORK/melody.wav" -v 0.35 "$WORK/pad.wav" "${OUT_FMT[@]}" "$WORK/music-on-hold.wav" \
  gain -6 lowpass 2800 reverb 30 50 60 remix - fade q 0.01 20 0.4 rate -v 8000 gain -n -3
install_wav music-on-hold
