#!/usr/bin/env python3
# Where the host's CPU samples go, from a PROFILE=perf run of bench/calls/run.sh (issue #14):
#   perf script -i $work/profile-RATE.perf.data -F comm,tid,ip,sym,dso | python3 bench/calls/perf-by-frame.py
# Prints the share of samples by thread, by the leaf's binary, by kernel entry point (syscall), by the first
# ContactCenter frame on the stack (all samples, then kernel samples only) and by leaf symbol.
import sys, collections, re
samples=[]; cur=None
for line in sys.stdin:
    if not line.strip():
        if cur: samples.append(cur); cur=None
        continue
    if not line.startswith((' ','\t')):
        if cur: samples.append(cur)
        cur={'comm':line.split()[0] if line.split() else '?','frames':[]}
    else:
        parts=line.strip().split(None,1)
        if len(parts)<2: continue
        rest=parts[1]
        m=re.match(r'(.*) \((.*)\)$',rest)
        sym,dso=(m.group(1),m.group(2)) if m else (rest,'')
        cur['frames'].append((sym,dso))
if cur: samples.append(cur)
n=len(samples); print('samples',n)
def pct(c): return '%5.1f%%'%(100.0*c/n)
comm=collections.Counter(s['comm'] for s in samples)
print('\n-- by thread'); [print(pct(c),k) for k,c in comm.most_common(15)]
entry=collections.Counter(); own=collections.Counter(); leaf=collections.Counter(); dsos=collections.Counter()
ownk=collections.Counter()
for s in samples:
    fr=s['frames']
    if not fr: continue
    leaf[fr[0][0][:90]]+=1
    d=fr[0][1]; dsos['kernel' if 'kernel' in d else d.split('/')[-1][:40]]+=1
    iskern='kernel' in fr[0][1]
    if iskern:
        # the outermost __x64_sys_* frame (the syscall), else the outermost kernel frame
        ks=[f[0] for f in fr if 'kernel' in f[1]]
        sysname=next((k for k in reversed(ks) if k.startswith('__x64_sys')), ks[-1])
        entry[sysname]+=1
    o=next((f[0] for f in fr if 'ContactCenter' in f[0]),None)
    own[(o or '(no own frame)')[:110]]+=1
    if iskern: ownk[(o or '(no own frame)')[:110]]+=1
print('\n-- leaf dso'); [print(pct(c),k) for k,c in dsos.most_common(12)]
print('\n-- kernel entry'); [print(pct(c),k) for k,c in entry.most_common(25)]
print('\n-- first own frame'); [print(pct(c),k) for k,c in own.most_common(45)]
print('\n-- first own frame of kernel samples'); [print(pct(c),k) for k,c in ownk.most_common(25)]
print('\n-- leaf symbol'); [print(pct(c),k) for k,c in leaf.most_common(30)]
