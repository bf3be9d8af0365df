#!/usr/bin/env python3
"""Creates N calls in rtpengine over its ng control protocol (bencode over UDP) and writes, per call, the
two relay ports the phones send to: 'callerPort calleePort' (like RelayBench relay). Usage:
rtpengine_calls.py N PORTS_FILE [NG_HOST:PORT]"""
import random, re, socket, sys


def benc(v):
    if isinstance(v, int):
        return b"i%de" % v
    if isinstance(v, str):
        v = v.encode()
    if isinstance(v, bytes):
        return b"%d:%s" % (len(v), v)
    if isinstance(v, list):
        return b"l" + b"".join(benc(x) for x in v) + b"e"
    return b"d" + b"".join(benc(k) + benc(x) for k, x in sorted(v.items())) + b"e"


def bdec(data, i=0):
    c = data[i:i + 1]
    if c == b"i":
        j = data.index(b"e", i)
        return int(data[i + 1:j]), j + 1
    if c in (b"l", b"d"):
        i += 1
        items = []
        while data[i:i + 1] != b"e":
            x, i = bdec(data, i)
            items.append(x)
        return (items if c == b"l" else dict(zip(items[::2], items[1::2]))), i + 1
    j = data.index(b":", i)
    n = int(data[i:j])
    return data[j + 1:j + 1 + n], j + 1 + n


def ng(sock, addr, command):
    cookie = b"%08x" % random.getrandbits(32)
    sock.sendto(cookie + b" " + benc(command), addr)
    while True:
        reply, _ = sock.recvfrom(65535)
        if reply.startswith(cookie + b" "):
            result, _ = bdec(reply, len(cookie) + 1)
            if result.get(b"result") != b"ok":
                sys.exit("rtpengine: %r" % result)
            return result


def sdp(session):
    return ("v=0\r\no=- %d 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n" % session)


def port(result):
    return int(re.search(rb"m=audio (\d+)", result[b"sdp"]).group(1))


calls, out = int(sys.argv[1]), sys.argv[2]
host, ng_port = (sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1:22232").split(":")
addr = (host, int(ng_port))
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.settimeout(5)
lines = []
for i in range(calls):
    call_id = "bench-%d-%d" % (i, random.getrandbits(32))
    offer = ng(sock, addr, {"command": "offer", "call-id": call_id, "from-tag": "a%d" % i, "sdp": sdp(i)})
    answer = ng(sock, addr, {"command": "answer", "call-id": call_id, "from-tag": "a%d" % i, "to-tag": "b%d" % i, "sdp": sdp(i + 1)})
    lines.append("%d %d" % (port(answer), port(offer)))
with open(out + ".tmp", "w") as f:
    f.write("\n".join(lines) + "\n")
import os
os.replace(out + ".tmp", out)
