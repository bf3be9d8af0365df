#!/usr/bin/env python3
"""The soak's one-screen summary (bench/soak/run.sh): every call the trunk's sipp placed, classified from its log
("<clock_tick ms> <what> <call number> [detail]", see trunk-call.xml), against the call log's rows in PostgreSQL (one
per caller number +7999<call number>), and the host's CPU and memory from the sampler."""
import argparse
import statistics
from pathlib import Path

ap = argparse.ArgumentParser()
for name in ("work", "hz", "duration", "calls", "db-down", "db-up", "drained", "kill", "ready", "load", "host-pids"):
    ap.add_argument("--" + name, default="")
a = ap.parse_args()
work, hz = Path(a.work), int(a.hz)
kill_t, ready_t = float(a.kill or 0), float(a.ready or 0)

# --- sipp's side: one entry per call, keyed as its caller number's tail (<sipp run><call number>); times from the run's start
starts = dict(line.split() for line in (work / "trunks").read_text().splitlines())
last_run = max(starts, key=int)
calls = {}
for run, offset in starts.items():
    for line in (work / f"trunk-{run}.log").read_text(errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 3 or not parts[0].isdigit():
            continue
        t, what, n = float(offset) + int(parts[0]) / 1000.0, parts[1], run + parts[2]
        detail = parts[3] if len(parts) > 3 else ""
        c = calls.setdefault(n, {"placed": t, "events": [], "run": run})
        c["events"].append((t, what, detail))
        c["last"] = t

def outcome(c):
    kinds = {w: d for _, w, d in c["events"]}
    if "refused" in kinds:
        return "refused", kinds["refused"]
    if "noanswer" in kinds:
        return "noanswer", ""
    if "answered" not in kinds:
        return "unfinished", ""
    if "ended" in kinds:
        return "ended", ""
    if "byed" in kinds:
        return "byed", kinds["byed"]
    if "byefail" in kinds:
        return "byefail", kinds["byefail"]
    return "unfinished", ""

def the_kills(c, what, detail):
    """A call in progress at the kill or placed while the host was down (up to its restart)."""
    if not kill_t:
        return False
    if what == "byed" and detail.isdigit() and int(detail) >= 1000:
        return True  # crash recovery's BYE (CSeq 1000 past the journaled one)
    return c["placed"] <= ready_t + 1 and c["last"] >= kill_t - 1

counts, dropped, kills, refused_codes, cut_by_sipp = {}, [], [], {}, []
for n, c in calls.items():
    what, detail = outcome(c)
    c["outcome"] = (what, detail)
    counts[what] = counts.get(what, 0) + 1
    if what == "refused":
        refused_codes[detail] = refused_codes.get(detail, 0) + 1
    if what in ("ended",):
        continue
    if what == "unfinished" and c["run"] != last_run:
        cut_by_sipp.append(n)  # the carrier's sipp itself died with the call under way
        continue
    (kills if the_kills(c, what, detail) else dropped).append(n)

placed = len(calls)
answered = sum(1 for c in calls.values() if any(w == "answered" for _, w, _ in c["events"]))

# --- the call log's side
rows = {}
for line in (work / "records.csv").read_text().splitlines():
    number, count, answered_n, ended_n, ended_by = line.split(",")
    rows[number[len("+799"):]] = (int(count), int(answered_n), int(ended_n), ended_by)
open_all = int((work / "open").read_text().strip() or 0)
lost, duplicated, incomplete, recorded_kill = [], [], [], 0
for n, c in calls.items():
    reached = any(w in ("answered",) for _, w, _ in c["events"])
    row = rows.get(n)
    if row and row[0] > 1:
        duplicated.append(n)
    if not reached:
        continue
    if not row:
        lost.append(n)
    elif row[1] == 0 or row[2] == 0:
        incomplete.append(n)
    if row and "System" in row[3]:
        recorded_kill += 1

# --- the host: CPU and RSS
samples = []
for line in (work / "samples").read_text().splitlines():
    t, ticks, rss, pid = line.split()
    samples.append((float(t), int(ticks), int(rss), pid))
cpu = []
for (t0, k0, _, p0), (t1, k1, _, p1) in zip(samples, samples[1:]):
    if p0 == p1 and t1 > t0:
        cpu.append((k1 - k0) / hz / (t1 - t0) * 100)
rss = [s[2] / 1024 for s in samples]
start = samples[0][0] if samples else 0
def phase(lo, hi):
    xs = [(k1 - k0) / hz / (t1 - t0) * 100 for (t0, k0, _, p0), (t1, k1, _, p1) in zip(samples, samples[1:])
          if p0 == p1 and lo <= t0 - start < hi]
    return f"{statistics.median(xs):.0f}%" if xs else "-"

timeline = (work / "timeline").read_text().splitlines() if (work / "timeline").exists() else []
load = a.load.split()
print()
print(f"Soak: {a.calls} concurrent calls, {a.duration} s, load average {load[0]} at the start, {load[-1]} at the end")
for line in timeline:
    t, what = line.split(" ", 1)
    print(f"  {t:>5}s  {what}")
print()
print(f"  calls placed              {placed}" + (f"  ({len(starts)} sipp runs)" if len(starts) > 1 else ""))
print(f"  answered                  {answered}")
print(f"  ended normally (our BYE)  {counts.get('ended', 0)}")
if refused_codes:
    print("  refused                   " + ", ".join(f"{k}: {v}" for k, v in sorted(refused_codes.items())))
print(f"  the kill's calls          {len(kills)}  (in progress at the kill or placed while the host was down;"
      f" {sum(1 for n in kills if calls[n]['outcome'][0] == 'byed')} got crash recovery's BYE)")
if cut_by_sipp:
    print(f"  cut by sipp's own crash   {len(cut_by_sipp)}  (the carrier's sipp died with them under way and was started again)")
print(f"  DROPPED otherwise         {len(dropped)}  (target 0)"
      + ("" if not dropped else "  e.g. " + ", ".join(f"{n}:{calls[n]['outcome'][0]}{calls[n]['outcome'][1]}@{calls[n]['placed']:.0f}s" for n in dropped[:6])))
print(f"  call records lost         {len(lost)}  (answered calls without a row; target 0)"
      + ("" if not lost else "  e.g. " + ", ".join(lost[:6])))
print(f"  call records duplicated   {len(duplicated)}  (target 0)")
print(f"  records incomplete        {len(incomplete)}  (answered calls whose row lacks the answer or the end)"
      + ("" if not incomplete else "  e.g. " + ", ".join(incomplete[:6])))
print(f"  open records left         {open_all}  (target 0)")
print(f"  closed by crash recovery  {recorded_kill}  (ended_by System)")
print(f"  backlog drained           {a.drained or '-'} s after PostgreSQL returned")
if cpu:
    print(f"  host CPU (one core = 100%) median {statistics.median(cpu):.0f}%, p95 {sorted(cpu)[int(len(cpu) * 0.95)]:.0f}%;"
          f" before the outage {phase(0, float(a.db_down))}, database down {phase(float(a.db_down) + 5, float(a.db_up or 0))},"
          f" after the restart {phase(ready_t + 5, 1e9) if ready_t else '-'}")
    print(f"  host RSS                  median {statistics.median(rss):.0f} MB, max {max(rss):.0f} MB")
