#!/usr/bin/env python3
# bench/ab/hops.py STATE_DIR N: median time of each hop of the last N record changes of a stack
# started by bench/ab/up with LOGGING_LEVEL_IO_ZONECAST=DEBUG, per BIND9 secondary, from the
# services' logs and BIND's (whose times come from its coarse clock: up to 4 ms early).
import re,sys,statistics,datetime
d=sys.argv[1]; n=int(sys.argv[2])
def jt(line): return datetime.datetime.fromisoformat(line[:23]).timestamp()*1000
def bt(line): return datetime.datetime.strptime(line[:24],'%d-%b-%Y %H:%M:%S.%f').timestamp()*1000
C={};R={};OK={};A={};P={}
for line in open(d+'/logs/pool-manager.log'):
    m=re.search(r'UPDATE of (\S+)\. at serial (\d+) received',line)
    if m: R.setdefault((m[1],m[2]),jt(line))
    m=re.search(r'notify_zone_changed (\S+)\. at serial (\d+)',line)
    if m: C.setdefault((m[1],m[2]),jt(line))
    m=re.search(r'UPDATE of (\S+)\. at serial (\d+): SUCCESS',line)
    if m: OK.setdefault((m[1],m[2]),jt(line))
for line in open(d+'/logs/central.log'):
    m=re.search(r'zone (\S+)\. ACTIVE at serial (\d+)',line)
    if m: A.setdefault((m[1],m[2]),jt(line))
for line in open(d+'/logs/minidns.log'):
    m=re.search(r'poll of (\S+)\. at 127.0.0.1:(\d+) for serial (\d+): SUCCESS',line)
    if m: P[(m[1],m[3],m[2])]=jt(line)
rows=[]
for b in ['bind9','bind9-1']:
    port=re.search(r'listen-on port (\d+)',open(f'{d}/{b}/named.conf').read())[1]
    N={};S={};T={};cur=None
    for line in open(f'{d}/{b}/named.log'):
        m=re.search(r'zone (\S+)/IN: notify from \S+: serial (\d+)',line)
        if m: cur=(m[1],m[2]); N.setdefault(cur,bt(line)); continue
        m=re.search(r'zone (\S+)/IN: Transfer started',line)
        if m and cur and cur[0]==m[1] and cur not in S: S[cur]=bt(line)
        m=re.search(r'zone (\S+)/IN: transferred serial (\d+)',line)
        if m: T.setdefault((m[1],m[2]),bt(line))
    for k in N:
        z,s=k
        if k in C and k in S and k in T and (z,s,port) in P and k in OK and k in A and k in R:
            rows.append((b,N[k],N[k]-C[k],S[k]-N[k],T[k]-S[k],P[(z,s,port)]-T[k],OK[k]-P[(z,s,port)], A[k]-OK[k], C[k]-R[k], A[k]-R[k]))
for b in ['bind9','bind9-1']:
    rs=sorted([r for r in rows if r[0]==b], key=lambda r:r[1])[-n:]
    print(b,len(rs),'R->C %.1f'%statistics.median([r[8] for r in rs]),' '.join('%s %.1f'%(k,statistics.median([r[i] for r in rs])) for i,k in zip(range(2,8),['C->notify','notify->xfrstart','xfr','->poll ok','->pm ok(last)','->central'])), 'R->A %.1f'%statistics.median([r[9] for r in rs]))
