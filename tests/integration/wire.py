"""Raw-socket helpers for the integration tests.

`Conn` is a blocking TCP client with a read buffer and a deadline on every read. On top of it
sit three reply readers, one per wire protocol, that return the *raw bytes* of exactly one
reply (so tests can compare servers byte for byte):

  * `read_resp`       one RESP2/RESP3 reply (nested aggregates included)
  * `read_mc_text`    one memcached text reply (VALUE blocks / STAT lines up to END, or a
                      single terminal line such as STORED, ERROR, CLIENT_ERROR ..., a number)
  * `read_mc_binary`  one memcached binary response packet (24-byte header + body)

`compare(cases, larder_port, reference_port)` sends each case's request to both servers on
fresh connections, reads the expected number of replies (or everything until the server
closes), checks the connection is still in sync with a sentinel request, and asserts that
both transcripts are byte-identical after the case's normaliser, with a readable diff.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import socket
import struct
import time
from typing import Callable, Iterable, Optional

HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 2.0


class ReplyTimeout(AssertionError):
    """The server did not complete a reply before the deadline."""

    def __init__(self, what: str, partial: bytes):
        super().__init__(f"timed out waiting for {what}; received so far: {partial[:400]!r}"
                         + (" ..." if len(partial) > 400 else ""))
        self.partial = partial


class ConnectionClosed(AssertionError):
    """The server closed the connection in the middle of a reply."""

    def __init__(self, what: str, partial: bytes):
        super().__init__(f"connection closed while reading {what}; received: {partial[:400]!r}")
        self.partial = partial


class Conn:
    """A blocking client socket with a read buffer; every read has a deadline."""

    def __init__(self, port: int, host: str = HOST, timeout: float = DEFAULT_TIMEOUT):
        self.timeout = timeout
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = bytearray()
        self.eof = False
        self.consumed = bytearray()  # every byte handed out by the readers, for diagnostics

    # -- plumbing ---------------------------------------------------------------------------
    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self) -> "Conn":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _fill(self, deadline: float, what: str) -> None:
        """Read at least one more byte into the buffer, or raise."""
        if self.eof:
            raise ConnectionClosed(what, bytes(self.consumed + self.buf))
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ReplyTimeout(what, bytes(self.consumed + self.buf))
        self.sock.settimeout(remaining)
        try:
            chunk = self.sock.recv(1 << 20)
        except socket.timeout:
            raise ReplyTimeout(what, bytes(self.consumed + self.buf)) from None
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            self.eof = True
            raise ConnectionClosed(what, bytes(self.consumed + self.buf))
        self.buf += chunk

    def _take(self, n: int) -> bytes:
        out = bytes(self.buf[:n])
        del self.buf[:n]
        self.consumed += out
        return out

    def read_exact(self, n: int, deadline: Optional[float] = None, what: str = "bytes") -> bytes:
        deadline = deadline or time.monotonic() + self.timeout
        while len(self.buf) < n:
            self._fill(deadline, what)
        return self._take(n)

    def read_line(self, deadline: Optional[float] = None, what: str = "a line") -> bytes:
        """One line including its terminating \\n (\\r\\n for well-formed servers)."""
        deadline = deadline or time.monotonic() + self.timeout
        start = 0
        while True:
            i = self.buf.find(b"\n", start)
            if i >= 0:
                return self._take(i + 1)
            start = len(self.buf)
            self._fill(deadline, what)

    def wait_for_data(self, timeout: Optional[float] = None) -> None:
        """Block until at least one unread byte is buffered (or fail on timeout/close)."""
        deadline = time.monotonic() + (timeout if timeout is not None else self.timeout)
        while not self.buf:
            self._fill(deadline, "data")

    def read_until_close(self, timeout: Optional[float] = None) -> tuple[bytes, bool]:
        """Everything until the server closes; (data, closed). closed is False on timeout."""
        deadline = time.monotonic() + (timeout if timeout is not None else self.timeout)
        while not self.eof:
            try:
                self._fill(deadline, "close")
            except ConnectionClosed:
                break
            except ReplyTimeout:
                return self._take(len(self.buf)), False
        return self._take(len(self.buf)), True

    def wait_closed(self, timeout: Optional[float] = None) -> bool:
        """True if the server closes the connection (after any pending bytes) in time."""
        return self.read_until_close(timeout)[1]

    # -- RESP -------------------------------------------------------------------------------
    def read_resp(self, deadline: Optional[float] = None) -> bytes:
        deadline = deadline or time.monotonic() + self.timeout
        line = self.read_line(deadline, "a RESP reply")
        kind = line[:1]
        if kind in (b"+", b"-", b":", b"_", b",", b"#", b"("):
            return line
        if kind in (b"$", b"!", b"="):
            n = int(line[1:].strip())
            if n < 0:
                return line
            return line + self.read_exact(n + 2, deadline, "a RESP bulk body")
        if kind in (b"*", b"~", b">", b"%", b"|"):
            n = int(line[1:].strip())
            if n < 0:
                return line
            count = n * 2 if kind in (b"%", b"|") else n
            parts = [line]
            for _ in range(count):
                parts.append(self.read_resp(deadline))
            if kind == b"|":  # an attribute precedes the real reply
                parts.append(self.read_resp(deadline))
            return b"".join(parts)
        raise AssertionError(f"not a RESP reply: {line!r}")

    def read_resps(self, n: int, timeout: Optional[float] = None) -> list[bytes]:
        deadline = time.monotonic() + (timeout or self.timeout)
        return [self.read_resp(deadline) for _ in range(n)]

    # -- memcached text ---------------------------------------------------------------------
    def read_mc_text(self, deadline: Optional[float] = None) -> bytes:
        deadline = deadline or time.monotonic() + self.timeout
        parts = []
        while True:
            line = self.read_line(deadline, "a memcached text reply")
            parts.append(line)
            if line.startswith(b"VALUE "):
                fields = line.split()
                if len(fields) < 4 or not fields[3].isdigit():
                    raise AssertionError(f"malformed VALUE line: {line!r}")
                parts.append(self.read_exact(int(fields[3]) + 2, deadline, "a VALUE data block"))
                continue
            if line.startswith((b"STAT ", b"ITEM ", b"CONFIG ")):
                continue
            return b"".join(parts)

    def read_mc_texts(self, n: int, timeout: Optional[float] = None) -> list[bytes]:
        deadline = time.monotonic() + (timeout or self.timeout)
        return [self.read_mc_text(deadline) for _ in range(n)]

    # -- memcached binary -------------------------------------------------------------------
    def read_mc_binary(self, deadline: Optional[float] = None) -> bytes:
        deadline = deadline or time.monotonic() + self.timeout
        header = self.read_exact(24, deadline, "a binary response header")
        (bodylen,) = struct.unpack_from(">I", header, 8)
        if bodylen > 64 << 20:
            raise AssertionError(f"absurd binary body length {bodylen} in {header!r}")
        return header + self.read_exact(bodylen, deadline, "a binary response body")

    def read_mc_binaries(self, n: int, timeout: Optional[float] = None) -> list[bytes]:
        deadline = time.monotonic() + (timeout or self.timeout)
        return [self.read_mc_binary(deadline) for _ in range(n)]


# ---- request builders ---------------------------------------------------------------------

def resp_cmd(*args) -> bytes:
    """Encode one command as a RESP multibulk request."""
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        if isinstance(a, int):
            a = str(a).encode()
        elif isinstance(a, str):
            a = a.encode()
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)


def resp_cmds(*cmds) -> bytes:
    return b"".join(resp_cmd(*c) for c in cmds)


def count_resp_requests(data: bytes) -> int:
    """How many replies a well-formed RESP byte stream should produce (multibulk or inline;
    blank inline lines produce none, as in Redis)."""
    i, n = 0, 0
    while i < len(data):
        if data[i:i + 1] == b"*":
            j = data.index(b"\r\n", i)
            argc = int(data[i + 1:j])
            i = j + 2
            for _ in range(max(argc, 0)):
                j = data.index(b"\r\n", i)
                assert data[i:i + 1] == b"$", data[i:]
                ln = int(data[i + 1:j])
                i = j + 2 + ln + 2
            if argc > 0:
                n += 1
        else:
            j = data.find(b"\n", i)
            if j < 0:
                break
            if data[i:j].strip():
                n += 1
            i = j + 1
    return n


# memcached binary protocol
MC_REQ_MAGIC = 0x80
MC_RES_MAGIC = 0x81
OP = dict(GET=0x00, SET=0x01, ADD=0x02, REPLACE=0x03, DELETE=0x04, INCREMENT=0x05,
          DECREMENT=0x06, QUIT=0x07, FLUSH=0x08, GETQ=0x09, NOOP=0x0A, VERSION=0x0B,
          GETK=0x0C, GETKQ=0x0D, APPEND=0x0E, PREPEND=0x0F, STAT=0x10, SETQ=0x11, ADDQ=0x12,
          REPLACEQ=0x13, DELETEQ=0x14, INCREMENTQ=0x15, DECREMENTQ=0x16, QUITQ=0x17,
          FLUSHQ=0x18, APPENDQ=0x19, PREPENDQ=0x1A, TOUCH=0x1C, GAT=0x1D, GATQ=0x1E)
QUIET_OPS = {OP[k] for k in ("GETQ", "GETKQ", "SETQ", "ADDQ", "REPLACEQ", "DELETEQ",
                             "INCREMENTQ", "DECREMENTQ", "QUITQ", "FLUSHQ", "APPENDQ",
                             "PREPENDQ", "GATQ")}


def mc_bin(op, key: bytes = b"", value: bytes = b"", extras: bytes = b"", cas: int = 0,
           opaque: int = 0, vbucket: int = 0, datatype: int = 0) -> bytes:
    """One binary request packet. `op` is a name from OP or a number."""
    opcode = OP[op] if isinstance(op, str) else op
    if isinstance(key, str):
        key = key.encode()
    body = extras + key + value
    return struct.pack(">BBHBBHIIQ", MC_REQ_MAGIC, opcode, len(key), len(extras), datatype,
                       vbucket, len(body), opaque, cas) + body


def mc_bin_store(op, key, value, flags=0, exptime=0, **kw) -> bytes:
    return mc_bin(op, key, value, struct.pack(">II", flags, exptime), **kw)


def mc_bin_counter(op, key, delta, initial=0, exptime=0, **kw) -> bytes:
    return mc_bin(op, key, b"", struct.pack(">QQI", delta, initial, exptime), **kw)


@dataclasses.dataclass
class BinResponse:
    magic: int
    opcode: int
    keylen: int
    extlen: int
    datatype: int
    status: int
    bodylen: int
    opaque: int
    cas: int
    extras: bytes
    key: bytes
    value: bytes


def parse_mc_binary(packet: bytes) -> BinResponse:
    magic, opcode, keylen, extlen, datatype, status, bodylen, opaque, cas = struct.unpack_from(
        ">BBHBBHIIQ", packet)
    body = packet[24:24 + bodylen]
    return BinResponse(magic, opcode, keylen, extlen, datatype, status, bodylen, opaque, cas,
                       body[:extlen], body[extlen:extlen + keylen], body[extlen + keylen:])


# ---- normalisers ----------------------------------------------------------------------------

_GETS_VALUE = re.compile(rb"^(VALUE \S+ \d+ \d+) \d+\r\n", re.M)
_VERSION_LINE = re.compile(rb"^VERSION \S+\r\n", re.M)


def norm_mc_text(data: bytes) -> bytes:
    """Replace CAS uniques in gets replies and the version string (they legitimately differ)."""
    data = _GETS_VALUE.sub(rb"\1 <cas>\r\n", data)
    return _VERSION_LINE.sub(b"VERSION <version>\r\n", data)


def norm_mc_binary(data: bytes) -> bytes:
    """Walk the response packets: a non-zero CAS becomes 1 (zero stays zero: whether a CAS is
    reported must match), VERSION bodies become 'x.y.z'."""
    out = bytearray()
    i = 0
    while i + 24 <= len(data):
        header = bytearray(data[i:i + 24])
        (bodylen,) = struct.unpack_from(">I", header, 8)
        body = data[i + 24:i + 24 + bodylen]
        (cas,) = struct.unpack_from(">Q", header, 16)
        if cas:
            struct.pack_into(">Q", header, 16, 1)
        if header[1] == OP["VERSION"] and header[0] == MC_RES_MAGIC and header[6:8] == b"\0\0":
            body = b"x.y.z"
            struct.pack_into(">I", header, 8, len(body))
        out += header + body
        i += 24 + bodylen
    out += data[i:]
    return bytes(out)


# ---- comparison ----------------------------------------------------------------------------

@dataclasses.dataclass
class Case:
    """One raw request and how to read its replies.

    replies  number of replies to read (None: infer; RESP counts commands, memcached text
             counts non-noreply commands, binary counts non-quiet packets)
    closes   the server is expected to close the connection (after replying, maybe): read
             everything until close and require both servers to close
    chunks   optional: send the request in these pieces instead (each piece its own send)
    setup    optional raw bytes sent first on a separate connection (replies discarded after
             reading `setup_replies` of them)
    """

    name: str
    request: bytes
    replies: Optional[int] = None
    closes: bool = False
    chunks: Optional[list] = None
    setup: Optional[bytes] = None
    setup_replies: Optional[int] = None
    normalize: Optional[Callable[[bytes], bytes]] = None


class Protocol:
    """How compare() talks one wire protocol."""

    def __init__(self, name, read_one, count, sentinel, sentinel_reply_check, flush,
                 normalize=None):
        self.name = name
        self.read_one = read_one
        self.count = count
        self.sentinel = sentinel
        self.sentinel_reply_check = sentinel_reply_check
        self.flush = flush
        self.normalize = normalize or (lambda b: b)


def _count_mc_text(data: bytes) -> int:
    n, i = 0, 0
    storage = {b"set", b"add", b"replace", b"append", b"prepend", b"cas"}
    while i < len(data):
        j = data.find(b"\n", i)
        if j < 0:
            break
        tokens = data[i:j].split()
        i = j + 1
        if tokens and tokens[0] in storage and len(tokens) >= 5 and tokens[4].isdigit():
            i += int(tokens[4]) + 2
        if tokens and tokens[-1] == b"noreply":
            continue
        n += 1
    return n


def _count_mc_binary(data: bytes) -> int:
    n, i = 0, 0
    while i + 24 <= len(data):
        (bodylen,) = struct.unpack_from(">I", data, i + 8)
        if data[i + 1] not in QUIET_OPS:
            n += 1
        i += 24 + bodylen
    return n


def _flush_resp(port):
    with Conn(port) as c:
        c.send(resp_cmd("FLUSHALL"))
        assert c.read_resp() == b"+OK\r\n"


def _flush_mc(port):
    with Conn(port) as c:
        c.send(b"flush_all\r\n")
        assert c.read_mc_text() == b"OK\r\n"


SENTINEL_MC_KEY = b"larder:sentinel:never-set"

RESP = Protocol("resp", Conn.read_resp, count_resp_requests, resp_cmd("PING"),
                lambda r: r == b"+PONG\r\n", _flush_resp)
MC_TEXT = Protocol("memcache-text", Conn.read_mc_text, _count_mc_text,
                   b"get " + SENTINEL_MC_KEY + b"\r\n", lambda r: r == b"END\r\n", _flush_mc,
                   norm_mc_text)
MC_BINARY = Protocol("memcache-binary", Conn.read_mc_binary, _count_mc_binary,
                     mc_bin("NOOP", opaque=0x5E17), lambda r: r[:2] == b"\x81\x0a" and
                     r[12:16] == b"\0\0\x5e\x17", _flush_mc, norm_mc_binary)
PROTOCOLS = {"resp": RESP, "memcache-text": MC_TEXT, "memcache-binary": MC_BINARY}


def run_case(proto: Protocol, case: Case, port: int, timeout: float = DEFAULT_TIMEOUT) -> dict:
    """Run one case against one server; returns its transcript (never raises on a reply
    problem: the problem is recorded so that both sides can be shown)."""
    result = {"replies": [], "closed": None, "error": None, "sentinel": None}
    if case.setup:
        with Conn(port, timeout=timeout) as s:
            s.send(case.setup)
            n = case.setup_replies if case.setup_replies is not None else proto.count(case.setup)
            for _ in range(n):
                proto.read_one(s)
    c = Conn(port, timeout=timeout)
    try:
        for piece in case.chunks or [case.request]:
            c.send(piece)
        if case.closes:
            data, closed = c.read_until_close(timeout)
            result["replies"] = [data]
            result["closed"] = closed
            return result
        n = case.replies if case.replies is not None else proto.count(case.request)
        deadline = time.monotonic() + timeout
        for _ in range(n):
            result["replies"].append(proto.read_one(c, deadline))
        # Sentinel: the connection must still be open and in sync (no stray extra replies).
        c.send(proto.sentinel)
        result["sentinel"] = proto.read_one(c, time.monotonic() + timeout)
        result["closed"] = False
    except (ReplyTimeout, ConnectionClosed, AssertionError, OSError) as e:
        result["error"] = f"{type(e).__name__}: {e}"
        result["partial"] = bytes(c.consumed + c.buf)
    finally:
        c.close()
    return result


def _text_lines(data: bytes) -> list[str]:
    return [repr(x) for x in data.splitlines(keepends=True)]


def _binary_lines(data: bytes) -> list[str]:
    """One readable line per response packet."""
    out, i = [], 0
    while i + 24 <= len(data):
        (bodylen,) = struct.unpack_from(">I", data, i + 8)
        r = parse_mc_binary(data[i:i + 24 + bodylen])
        out.append(f"magic={r.magic:#04x} op={r.opcode:#04x} status={r.status:#06x} "
                   f"keylen={r.keylen} extlen={r.extlen} datatype={r.datatype} "
                   f"bodylen={r.bodylen} opaque={r.opaque:#x} cas={r.cas} "
                   f"extras={r.extras!r} key={r.key!r} value={r.value[:200]!r}"
                   + (f"...({len(r.value)} bytes)" if len(r.value) > 200 else ""))
        i += 24 + bodylen
    if i < len(data):
        out.append(f"trailing bytes: {data[i:]!r}")
    return out


def _transcript(proto: Protocol, case: Case, r: dict) -> list[str]:
    """The normalised replies as comparable, readable lines."""
    norm = case.normalize or proto.normalize
    lines = _binary_lines if proto is MC_BINARY else _text_lines
    if r["error"]:
        return lines(norm(r.get("partial", b""))) + [f"<<{r['error'][:300]}>>"]
    out = lines(norm(b"".join(r["replies"])))
    if case.closes:
        return out + (["<<closed>>"] if r["closed"] else ["<<still open after timeout>>"])
    if proto.sentinel_reply_check(r["sentinel"]):
        return out + ["<<sentinel ok>>"]
    return out + [f"<<out of sync: sentinel got {r['sentinel']!r}>>"]


def compare(cases: Iterable[Case], larder_port: int, reference_port: int,
            protocol: str = "resp", flush: bool = True, timeout: float = DEFAULT_TIMEOUT):
    """Send every case to both servers (fresh connection each, keyspace flushed first) and
    assert byte-identical replies after normalisation. All cases run; one AssertionError
    lists every mismatch with a line diff."""
    proto = PROTOCOLS[protocol]
    failures = []
    for case in cases:
        if flush:
            proto.flush(reference_port)
            proto.flush(larder_port)
        ref = run_case(proto, case, reference_port, timeout)
        if ref["error"]:
            failures.append(f"--- case {case.name!r}: the REFERENCE server did not answer as "
                            f"the case expects (the case is wrong): {ref['error']}")
            continue
        got = run_case(proto, case, larder_port, timeout)
        want_t = _transcript(proto, case, ref)
        got_t = _transcript(proto, case, got)
        if want_t != got_t:
            diff = "\n".join(difflib.unified_diff(want_t, got_t, "reference", "larder",
                                                  lineterm="", n=2))
            req = case.request if len(case.request) <= 300 else \
                case.request[:300] + b"... (%d bytes)" % len(case.request)
            failures.append(f"--- case {case.name!r}\nrequest: {req!r}\n{diff}")
    if failures:
        raise AssertionError(f"{len(failures)} case(s) differ from the reference:\n\n"
                             + "\n\n".join(failures))


# ---- polling -------------------------------------------------------------------------------

def wait_until(cond: Callable[[], bool], timeout: float, what: str, interval: float = 0.01):
    """Poll `cond` until it is true; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if cond():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def port_accepts(port: int, host: str = HOST) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False
