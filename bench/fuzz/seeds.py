#!/usr/bin/env python3
"""Builds the seed corpora of bench/fuzz (one folder per target) from the unit tests' sample messages
(tests/*/Data), the sipp scenarios (placeholders filled in), and a few hand-made binary packets.
Usage: seeds.py REPO_ROOT OUT_DIR"""
import glob, hashlib, os, re, struct, sys

root, out = sys.argv[1], sys.argv[2]
seeds = {}

def add(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if data and len(data) <= 8192:
        seeds.setdefault(target, {})[hashlib.sha1(data).hexdigest()[:16]] = data

FILL = {"local_ip": "127.0.0.1", "remote_ip": "127.0.0.1", "media_ip": "127.0.0.1", "local_port": "5070",
        "remote_port": "5060", "media_port": "40000", "transport": "UDP", "local_ip_type": "4", "media_ip_type": "4",
        "call_number": "1", "pid": "42", "call_id": "1-42@127.0.0.1", "branch": "z9hG4bK-42-1-0", "dialed": "84950000000",
        "caller": "89161234567", "ext": "1001", "next_url": "sip:1001@127.0.0.1:5060", "routes": "",
        "peer_tag_param": ";tag=abc", "se": "1800", "expires": "3600", "target": "1002", "consult": "1003",
        "authentication": 'Authorization: Digest username="1001", realm="cc", nonce="abc", uri="sip:127.0.0.1", response="0123456789abcdef0123456789abcdef", algorithm=MD5'}

def sipp_messages(path):
    text = open(path, encoding="latin-1").read()
    for block in re.findall(r"<!\[CDATA\[(.*?)\]\]>", text, re.S):
        lines = [l.strip() for l in block.strip("\n").splitlines()]
        msg = "\r\n".join(lines).strip("\r\n")
        msg = re.sub(r"\[([a-z_0-9-]+)(?::[^\]]*)?\]", lambda m: FILL.get(m.group(1).split("-")[0], "x"), msg)
        head, sep, body = msg.partition("\r\n\r\n")
        body = body + "\r\n" if body else ""
        head = head.replace("Content-Length: x", "Content-Length: %d" % len(body.encode()))
        if head.split(" ")[0].isupper() or head.startswith("SIP/2.0"):
            yield (head + "\r\n\r\n" + body).encode("latin-1")

messages = [open(f, "rb").read() for f in sorted(glob.glob(os.path.join(root, "tests/ContactCenter.Sip.Syntax.Tests/Data/*/*.sip")))]
for f in sorted(glob.glob(os.path.join(root, "tests/ContactCenter.Interop.Tests/Scenarios/*.xml"))):
    messages.extend(sipp_messages(f))
for m in messages:
    add("sip-message", m)
    add("sip-stream", m)
    head = m.split(b"\r\n\r\n")[0].replace(b"\r\n ", b" ").replace(b"\r\n\t", b" ")
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ")
    if len(parts) == 3 and parts[2] == b"SIP/2.0":
        add("sip-uri", parts[1])
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name, value = name.strip().lower(), value.strip()
        if name in (b"via", b"v"):
            add("via", value)
        elif name in (b"from", b"f", b"to", b"t", b"contact", b"m", b"route", b"record-route", b"refer-to", b"p-asserted-identity"):
            add("name-addr", value)
        elif name in (b"authorization", b"proxy-authorization", b"www-authenticate", b"proxy-authenticate"):
            add("digest", value)
    body = m.partition(b"\r\n\r\n")[2]
    if body.startswith(b"v=0"):
        add("sdp", body)
for i in range(0, len(messages) - 1, 3):
    add("sip-stream", messages[i] + b"\r\n\r\n" + messages[i + 1])
for f in sorted(glob.glob(os.path.join(root, "tests/ContactCenter.Sdp.Tests/Data/*.sdp"))):
    add("sdp", open(f, "rb").read())
add("digest", 'Digest username="1001", realm="contactcenter", nonce="MTIzNDU2Nzg5MA==", uri="sip:127.0.0.1", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41", algorithm=MD5')
add("digest", 'Digest realm="contactcenter", nonce="abc", qop="auth,auth-int", algorithm=MD5, stale=TRUE')

def rtp(pt=0, seq=1, ts=160, ssrc=0x11223344, payload=b"\xff" * 160, marker=False, csrc=(), ext=None, pad=0):
    b0 = 0x80 | (len(csrc) & 0x0F) | (0x10 if ext is not None else 0) | (0x20 if pad else 0)
    data = struct.pack("!BBHII", b0, pt | (0x80 if marker else 0), seq, ts, ssrc)
    data += b"".join(struct.pack("!I", c) for c in csrc)
    if ext is not None:
        data += struct.pack("!HH", 0xBEDE, len(ext) // 4) + ext
    data += payload
    if pad:
        data += b"\x00" * (pad - 1) + bytes([pad])
    return data

add("rtp", rtp())
add("rtp", rtp(pt=8, marker=True, csrc=(1, 2), ext=b"\x10\x01\x00\x00", pad=4))
add("rtp", rtp(pt=101, payload=b"\x05\x8a\x03\x20"))
sr = struct.pack("!BBHI", 0x81, 200, 12, 0x11223344) + struct.pack("!QIII", 0xE0000000_00000000, 160, 10, 1600) + struct.pack("!IIIIII", 0x55667788, 0x00000010, 0x10010, 20, 0, 0)
rr = struct.pack("!BBHI", 0x81, 201, 7, 0x11223344) + struct.pack("!IIIIII", 0x55667788, 0x01000002, 0x20010, 5, 0x12345678, 0x10000)
sdes = struct.pack("!BBHI", 0x81, 202, 3, 0x11223344) + b"\x01\x05cname\x00\x00\x00"
bye = struct.pack("!BBHI", 0x81, 203, 1, 0x11223344)
add("rtcp", sr + sdes)
add("rtcp", rr + sdes + bye)
events = b"".join(bytes([1]) + struct.pack("!I", 1600) + bytes([4]) + bytes([5, (0x80 if d >= 640 else 0) | 10]) + struct.pack("!H", d) for d in (160, 320, 480, 640, 640, 640))
add("telephone-event", events)
add("telephone-event", events.replace(b"\x05", b"\x0b"))
def srtp_chunk(flags, data, tamper=255):
    return bytes([flags, tamper, len(data)]) + data
add("srtp", b"\x00" + srtp_chunk(0x40, rtp(payload=b"\xd5" * 40)) + srtp_chunk(0x40, rtp(seq=2, payload=b"\xd5" * 40)) + srtp_chunk(0xC0, sr + sdes))
add("srtp", b"\x01" + srtp_chunk(0x40, rtp(csrc=(7,), ext=b"\x10\x01\x00\x00", payload=b"\x55" * 20), 30) + srtp_chunk(0x00, rtp(payload=b"\x00" * 30)) + srtp_chunk(0x80, sr + b"\x80\x00\x00\x01" + b"\x00" * 10))

for target, files in sorted(seeds.items()):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    for name, data in sorted(files.items()):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    print("%-16s %3d seeds" % (target, len(files)), file=sys.stderr)
