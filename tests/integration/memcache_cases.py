"""Recorded memcached cases: raw requests whose replies were recorded from memcached 1.6 and
are replayed against Larder, compared byte for byte after normalisation.

A case is one connection: a list of steps, each sent as is (or byte by byte) and followed by
a sentinel request (a meta get with a marker opaque for text, VERSION with a marker opaque
for binary) whose reply marks
the end of the step's replies, so no case has to count replies. A step whose bytes leave the
server waiting (an unfinished data block), or whose server closes, ends on a short quiet
period or on the close instead; the transcript records which.

What legitimately differs between two servers is normalised on both sides (and stored
normalised): CAS uniques are renumbered per case in order of appearance (so "the same CAS"
and "a new CAS" still have to match), the version string, statistics values and connection
numbers (the stat names and their order must match), and remaining TTLs are rounded to 5 s
(the two servers' clocks tick at different moments). Nothing else is touched.

The definitions are `CASES` below; `record_memcache_cases.py` replays them against a live
memcached and writes `memcache_cases.json`, which `test_memcache_reference.py` replays
against Larder.
"""

from __future__ import annotations

import dataclasses
import json
import re
import socket
import struct
import time
from pathlib import Path
from typing import Optional

HOST = "127.0.0.1"
CASES_JSON = Path(__file__).resolve().parent / "memcache_cases.json"
SENTINEL_OPAQUE = 0x5E17A1
QUIET_PERIOD = 0.4  # seconds of silence that end a step without a sentinel
STEP_TIMEOUT = 5.0

# The credentials the auth profiles use (memcached -Y format: user:password per line).
AUTH_FILE_TEXT = "user:pass\nalice:s3cret\n"


# A binary request whose header CAS is CAS_REF + N carries, when sent, the raw CAS that the
# normalisation numbered N in this case's earlier replies; text requests write "{casN}".
CAS_REF = 0xCA5CA5CA5CA50000


@dataclasses.dataclass
class Step:
    send: bytes
    byte_by_byte: bool = False
    # "sentinel": follow with the sentinel and read up to its reply; "quiet": read until the
    # server is silent for QUIET_PERIOD; "close": read until the server closes.
    end: str = "sentinel"
    pause: float = 0.0  # seconds to wait before sending (delayed flush_all, expiry)


@dataclasses.dataclass
class Case:
    name: str
    protocol: str  # "text" | "binary"
    steps: list
    profile: str = "default"  # see record_memcache_cases.PROFILES
    fresh: bool = False        # needs a server that has served nothing before (stats slabs)
    larder_differs: str = ""   # not run against Larder; the reason (kept for the record)


# ---- reading replies ---------------------------------------------------------------------

class _Reader:
    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buf = bytearray()
        self.closed = False

    def fill(self, deadline: float) -> bool:
        """Read more bytes; False on timeout. Sets closed on EOF."""
        if self.closed:
            return False
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        self.sock.settimeout(remaining)
        try:
            chunk = self.sock.recv(1 << 20)
        except socket.timeout:
            return False
        except (ConnectionResetError, BrokenPipeError):
            chunk = b""
        if not chunk:
            self.closed = True
            return False
        self.buf += chunk
        return True


def _text_units(data: bytes):
    """Splits text replies into whole units (a line, plus the data block of VALUE/VA lines).
    Yields (start, end) of each complete unit."""
    i = 0
    while True:
        j = data.find(b"\n", i)
        if j < 0:
            return
        line = data[i:j + 1]
        end = j + 1
        fields = line.split()
        n = None
        if line.startswith(b"VALUE ") and len(fields) >= 4 and fields[3].isdigit():
            n = int(fields[3])
        elif line.startswith(b"VA ") and len(fields) >= 2 and fields[1].isdigit():
            n = int(fields[1])
        if n is not None:
            end += n + 2
            if end > len(data):
                return
        yield i, end
        i = end


def _binary_units(data: bytes):
    i = 0
    while i + 24 <= len(data):
        (bodylen,) = struct.unpack_from(">I", data, i + 8)
        if i + 24 + bodylen > len(data):
            return
        yield i, i + 24 + bodylen
        i += 24 + bodylen


# The text sentinel is a meta get of a key no case uses, tagged with an opaque no case uses,
# so its reply cannot be confused with any reply a case produces itself.
TEXT_SENTINEL = b"mg larder:sentinel O5e17a1\r\n"
TEXT_SENTINEL_REPLY = b"EN O5e17a1\r\n"


def _sentinel(protocol: str) -> bytes:
    if protocol == "text":
        return TEXT_SENTINEL
    # VERSION, because a server requiring SASL answers it before authentication.
    return struct.pack(">BBHBBHIIQ", 0x80, 0x0B, 0, 0, 0, 0, 0, SENTINEL_OPAQUE, 0)


def _is_sentinel_reply(protocol: str, unit: bytes) -> bool:
    if protocol == "text":
        return unit == TEXT_SENTINEL_REPLY
    return (unit[:2] == b"\x81\x0b" and unit[6:8] == b"\0\0"
            and struct.unpack_from(">I", unit, 12)[0] == SENTINEL_OPAQUE)


def run_case(case: Case, port: int) -> list:
    """Runs one case on a new connection; returns [(raw reply bytes, end marker)] per step.
    End markers: "sentinel", "quiet", "closed", "timeout"."""
    sock = socket.create_connection((HOST, port), timeout=STEP_TIMEOUT)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    reader = _Reader(sock)
    out = []
    cas = _CasMap()
    try:
        for step in case.steps:
            if step.pause:
                time.sleep(step.pause)
            data = _with_cas_refs(case.protocol, step.send, cas)
            try:
                if step.byte_by_byte:
                    for b in data:
                        sock.sendall(bytes([b]))
                        time.sleep(0.001)
                else:
                    sock.sendall(data)
                if step.end == "sentinel":
                    sock.sendall(_sentinel(case.protocol))
            except (BrokenPipeError, ConnectionResetError):
                reader.closed = True
            out.append(_read_step(case.protocol, step, reader))
            normalize(case.protocol, out[-1][0], cas)  # number the CAS values seen so far
            if reader.closed:
                break
    finally:
        sock.close()
    return out


def _with_cas_refs(protocol: str, data: bytes, cas: "_CasMap") -> bytes:
    raw = {n: v for v, n in cas.ids.items()}
    if protocol == "text":
        return re.sub(rb"\{cas(\d+)\}", lambda m: b"%d" % raw.get(int(m.group(1)), 0), data)
    out = bytearray(data)
    for s, _ in _binary_units(data):
        (value,) = struct.unpack_from(">Q", out, s + 16)
        if value & ~0xFFFF == CAS_REF:
            struct.pack_into(">Q", out, s + 16, raw.get(value & 0xFFFF, 0))
    return bytes(out)


def _read_step(protocol: str, step: Step, reader: _Reader):
    deadline = time.monotonic() + STEP_TIMEOUT
    units = _text_units if protocol == "text" else _binary_units
    if step.end == "sentinel":
        while True:
            for s, e in units(bytes(reader.buf)):
                if _is_sentinel_reply(protocol, bytes(reader.buf[s:e])):
                    data = bytes(reader.buf[:s])
                    del reader.buf[:e]
                    return data, "sentinel"
            if not reader.fill(deadline):
                data = bytes(reader.buf)
                reader.buf.clear()
                return data, "closed" if reader.closed else "timeout"
    if step.end == "close":
        while reader.fill(deadline):
            pass
        data = bytes(reader.buf)
        reader.buf.clear()
        return data, "closed" if reader.closed else "timeout"
    # quiet: whatever arrives until a silent period
    while reader.fill(min(deadline, time.monotonic() + QUIET_PERIOD)):
        pass
    data = bytes(reader.buf)
    reader.buf.clear()
    return data, "closed" if reader.closed else "quiet"


# ---- normalisation -------------------------------------------------------------------------

class _CasMap:
    """Renumbers CAS values in order of first appearance within one case."""

    def __init__(self):
        self.ids: dict[int, int] = {}

    def __call__(self, value: int) -> int:
        if value == 0:
            return 0
        return self.ids.setdefault(value, len(self.ids) + 1)


_META_CODES = (b"HD", b"VA", b"EN", b"NS", b"EX", b"NF", b"OK")


def _round_ttl(n: int) -> int:
    return n if n < 0 else int(round(n / 5.0)) * 5


def _norm_meta_line(line: bytes, cas: _CasMap) -> bytes:
    body = line.rstrip(b"\r\n")
    tail = line[len(body):]
    tokens = body.split(b" ")
    for i, tok in enumerate(tokens[1:], start=1):
        if tok[:1] == b"c" and tok[1:].isdigit():
            tokens[i] = b"c%d" % cas(int(tok[1:]))
        elif tok[:1] == b"t" and tok[1:].isdigit():
            tokens[i] = b"t%d" % _round_ttl(int(tok[1:]))
    return b" ".join(tokens) + tail


_ME_FIELDS = re.compile(rb"(exp|la|cas)=(-?\d+)")


def _norm_me_line(line: bytes, cas: _CasMap) -> bytes:
    def sub(m):
        name, value = m.group(1), int(m.group(2))
        if name == b"cas":
            return b"cas=%d" % cas(value)
        if name == b"la":
            return b"la=<n>"
        return b"exp=%d" % (-_round_ttl(-value) if value < -1 else value)
    return _ME_FIELDS.sub(sub, line)


_STAT_LINE = re.compile(rb"^STAT (\S+) (.*)\r\n$", re.S)
_CONN_ID = re.compile(rb"^(\d+):")


def _norm_stat_name(name: bytes, conns: _CasMap) -> bytes:
    m = _CONN_ID.match(name)
    if m and (b":addr" in name or b":state" in name or b":listen_addr" in name
              or b":secs_since_last_cmd" in name):
        return b"<conn%d>:" % conns(int(m.group(1)) + 1) + name[m.end():]
    return name


def normalize_text(data: bytes, cas: Optional[_CasMap] = None) -> bytes:
    cas = cas or _CasMap()
    conns = _CasMap()
    out = []
    for s, e in _text_units(data):
        unit = data[s:e]
        nl = unit.index(b"\n") + 1
        line, rest = unit[:nl], unit[nl:]
        if line.startswith(b"VALUE "):
            f = line.rstrip(b"\r\n").split(b" ")
            if len(f) == 5 and f[4].isdigit():
                f[4] = b"%d" % cas(int(f[4]))
            line = b" ".join(f) + b"\r\n"
        elif line.startswith(b"VERSION "):
            line = b"VERSION <version>\r\n"
        elif line.startswith(b"STAT "):
            m = _STAT_LINE.match(line)
            if m:
                line = b"STAT " + _norm_stat_name(m.group(1), conns) + b" <v>\r\n"
        elif line.startswith(b"ME "):
            line = _norm_me_line(line, cas)
        elif line[:2] in _META_CODES and (len(line) == 4 or line[2:3] == b" "):
            line = _norm_meta_line(line, cas)
        out.append(line + rest)
    consumed = sum(e - s for s, e in _text_units(data))
    return b"".join(out) + data[consumed:]


def normalize_binary(data: bytes, cas: Optional[_CasMap] = None) -> bytes:
    cas = cas or _CasMap()
    out = bytearray()
    end = 0
    for s, e in _binary_units(data):
        header = bytearray(data[s:s + 24])
        body = data[s + 24:e]
        (value,) = struct.unpack_from(">Q", header, 16)
        struct.pack_into(">Q", header, 16, cas(value))
        status = struct.unpack_from(">H", header, 6)[0]
        if header[0] == 0x81 and status == 0:
            if header[1] == 0x0B:  # VERSION
                body = b"<version>"
            elif header[1] == 0x10 and body:  # STAT name/value
                keylen = struct.unpack_from(">H", header, 2)[0]
                body = body[:keylen] + b"<v>"
            struct.pack_into(">I", header, 8, len(body))
        out += header + body
        end = e
    out += data[end:]
    return bytes(out)


def normalize(protocol: str, data: bytes, cas: _CasMap) -> bytes:
    return normalize_text(data, cas) if protocol == "text" else normalize_binary(data, cas)


def transcript(case: Case, raw: list) -> list:
    """The normalised [(bytes, end)] of every step; one CAS numbering across the case."""
    cas = _CasMap()
    return [(normalize(case.protocol, data, cas), end) for data, end in raw]


# ---- JSON form ------------------------------------------------------------------------------
# Bytes are stored as lists of latin-1 strings, with runs of 64+ equal bytes as [char, count],
# so a 2 MB value stays one line and the requests remain readable.

def encode_bytes(data: bytes) -> list:
    out, i, plain = [], 0, bytearray()
    while i < len(data):
        j = i
        while j < len(data) and data[j] == data[i]:
            j += 1
        if j - i >= 64:
            if plain:
                out.append(plain.decode("latin-1"))
                plain = bytearray()
            out.append([chr(data[i]), j - i])
        else:
            plain += data[i:j]
        i = j
    if plain:
        out.append(plain.decode("latin-1"))
    return out


def decode_bytes(parts: list) -> bytes:
    out = bytearray()
    for p in parts:
        if isinstance(p, list):
            out += p[0].encode("latin-1") * p[1]
        else:
            out += p.encode("latin-1")
    return bytes(out)


def case_to_json(case: Case, recorded: Optional[list]) -> dict:
    d = {"name": case.name, "protocol": case.protocol, "profile": case.profile}
    if case.fresh:
        d["fresh"] = True
    if case.larder_differs:
        d["larder_differs"] = case.larder_differs
    steps = []
    for i, st in enumerate(case.steps):
        s = {"send": encode_bytes(st.send)}
        if st.byte_by_byte:
            s["byte_by_byte"] = True
        if st.end != "sentinel":
            s["end"] = st.end
        if st.pause:
            s["pause"] = st.pause
        if recorded is not None and i < len(recorded):
            s["expect"] = encode_bytes(recorded[i][0])
            s["expect_end"] = recorded[i][1]
        steps.append(s)
    d["steps"] = steps
    return d


def case_from_json(d: dict) -> tuple[Case, list]:
    steps, expected = [], []
    for s in d["steps"]:
        steps.append(Step(decode_bytes(s["send"]), s.get("byte_by_byte", False),
                          s.get("end", "sentinel"), s.get("pause", 0.0)))
        if "expect" in s:
            expected.append((decode_bytes(s["expect"]), s["expect_end"]))
    case = Case(d["name"], d["protocol"], steps, d.get("profile", "default"),
                d.get("fresh", False), d.get("larder_differs", ""))
    return case, expected


def load_recorded(path: Path = CASES_JSON) -> tuple[dict, list]:
    doc = json.loads(path.read_text())
    return doc, [case_from_json(d) for d in doc["cases"]]


def describe_mismatch(case: Case, want: list, got: list) -> str:
    lines = [f"--- case {case.name!r} ({case.protocol}, profile {case.profile})"]
    for i, st in enumerate(case.steps):
        req = st.send if len(st.send) <= 300 else st.send[:300] + b"... (%d bytes)" % len(st.send)
        w = want[i] if i < len(want) else None
        g = got[i] if i < len(got) else None
        mark = "  " if w == g else "!!"
        lines.append(f"{mark} step {i}: {req!r}")
        if w != g:
            lines.append(f"     memcached: {_show(w)}")
            lines.append(f"     larder:    {_show(g)}")
    return "\n".join(lines)


def _show(x) -> str:
    if x is None:
        return "(no step)"
    data, end = x
    shown = data if len(data) <= 600 else data[:600] + b"... (%d bytes)" % len(data)
    return f"{shown!r} <{end}>"
