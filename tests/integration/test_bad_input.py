"""Hostile and broken input: the server must keep serving everybody else.

After every case the process must be alive and a *new* connection must get PONG on the
RESP port and VERSION on the memcached port, both while the offending connection is still
open and after it is closed. Cases that have a well-defined answer in Redis (protocol
errors) also check that answer.
"""

import random
import re
import socket
import time

import pytest

from wire import HOST, Conn, ReplyTimeout, mc_bin, mc_bin_store, resp_cmd

RNG = random.Random(0x1A2DE2)
RANDOM_GARBAGE = bytes(RNG.getrandbits(8) for _ in range(64 * 1024))
PRINTABLE_GARBAGE = bytes(RNG.choice(b"abc XYZ 019 \r\n\t$*:+-\"'\\") for _ in range(64 * 1024))
TEN_MB_LINE = b"x" * (10 * 1024 * 1024)
SLOW_READER_MAX_RSS_GROWTH = 256 * 1024 * 1024


def assert_serving(server):
    """The process is alive and new clients on both ports get answers within 2 s."""
    assert server.alive(), server.dead_report()
    with Conn(server.resp_port, timeout=2) as c:
        c.send(resp_cmd("PING"))
        assert c.read_resp() == b"+PONG\r\n"
    with Conn(server.mc_port, timeout=2) as c:
        c.send(b"version\r\n")
        assert re.fullmatch(rb"VERSION \S+\r\n", c.read_mc_text())
    with Conn(server.mc_port, timeout=2) as c:
        c.send(mc_bin("NOOP", opaque=99))
        assert c.read_mc_binary()[:2] == b"\x81\x0a"


def send_ignoring_reset(conn: Conn, data: bytes) -> None:
    """Send everything; a server that gives up on the connection midway may reset it."""
    try:
        conn.send(data)
    except (BrokenPipeError, ConnectionResetError):
        pass


# (name, port: "resp" | "mc", payload, expected reply prefix or None)
CASES = [
    ("resp_random_garbage", "resp", RANDOM_GARBAGE, None),
    ("resp_printable_garbage", "resp", PRINTABLE_GARBAGE, None),
    ("resp_truncated_multibulk", "resp", b"*3\r\n$3\r\nSET\r\n$1\r\nk", None),
    ("resp_truncated_bulk_body", "resp", b"*2\r\n$3\r\nGET\r\n$100000\r\nabc", None),
    ("resp_truncated_length_line", "resp", b"*2\r\n$3", None),
    ("resp_huge_multibulk_count", "resp", b"*2147483648\r\n", b"-ERR Protocol error"),
    ("resp_huge_bulk_length", "resp", b"*1\r\n$9999999999\r\n", b"-ERR Protocol error"),
    ("resp_2gb_bulk_length", "resp", b"*1\r\n$2147483647\r\n", b"-ERR Protocol error"),
    ("resp_bare_huge_bulk_header", "resp", b"$9999999999\r\n", None),
    ("resp_negative_bulk_length", "resp", b"*1\r\n$-5\r\n", b"-ERR Protocol error"),
    ("resp_large_multibulk_count_then_close", "resp", b"*1048576\r\n", None),
    ("resp_10mb_line_no_newline", "resp", TEN_MB_LINE, b"-ERR Protocol error"),
    ("resp_10mb_line_after_star", "resp", b"*" + TEN_MB_LINE, None),
    ("resp_nul_bytes", "resp", b"\0" * 100_000, None),
    ("mc_binary_junk_on_text_port", "mc", bytes(range(1, 256)) * 100, None),
    ("mc_random_garbage", "mc", RANDOM_GARBAGE.replace(b"\x80", b"\x81"), None),
    ("mc_set_4gb_length", "mc", b"set k 0 0 4294967296\r\n", None),
    ("mc_set_2gb_length_partial_data", "mc", b"set k 0 0 2147483647\r\nabc", None),
    ("mc_set_truncated_data", "mc", b"set k 0 0 100\r\nabc", None),
    ("mc_truncated_command", "mc", b"get ke", None),
    ("mc_10mb_line_no_newline", "mc", TEN_MB_LINE, None),
    ("mc_get_huge_key_list", "mc", b"get " + b"k " * 100_000 + b"\r\n", None),
    ("mc_binary_truncated_header", "mc", b"\x80\x00\x00\x05\x00\x00", None),
    ("mc_binary_huge_body_length", "mc",
     b"\x80\x01\x00\x01\x08\x00\x00\x00\xff\xff\xff\xff" + b"\0" * 12, None),
    ("mc_binary_keylen_beyond_body", "mc",
     b"\x80\x00\xff\xff\x00\x00\x00\x00\x00\x00\x00\x01" + b"\0" * 12 + b"k", None),
    ("mc_binary_extlen_beyond_body", "mc",
     b"\x80\x01\x00\x00\xff\x00\x00\x00\x00\x00\x00\x02" + b"\0" * 12 + b"ab", None),
    ("mc_binary_truncated_value", "mc",
     mc_bin_store("SET", b"k", b"v" * 1000)[:-500], None),
    ("mc_binary_bad_magic_after_good_packet", "mc",
     mc_bin("NOOP") + b"\x42" + b"\0" * 23, None),
]


@pytest.mark.parametrize("name,port,payload,expect", CASES, ids=[c[0] for c in CASES])
def test_bad_input_keeps_server_serving(server, name, port, payload, expect):
    target = server.resp_port if port == "resp" else server.mc_port
    junk = Conn(target, timeout=5)
    try:
        send_ignoring_reset(junk, payload)
        assert_serving(server)  # while the bad connection is still open
        if expect is not None:
            data, closed = junk.read_until_close(5)
            assert data.startswith(expect), data[:200]
            assert closed, "server should close the connection after a protocol error"
    finally:
        junk.close()
    assert_serving(server)


def test_many_bad_connections_at_once(server):
    conns = []
    try:
        for i, (_, port, payload, _) in enumerate(CASES * 2):
            c = Conn(server.resp_port if port == "resp" else server.mc_port)
            send_ignoring_reset(c, payload[:100_000])
            conns.append(c)
        assert_serving(server)
    finally:
        for c in conns:
            c.close()
    assert_serving(server)


def test_connect_and_close_storm(server):
    for i in range(300):
        s = socket.create_connection((HOST, server.resp_port if i % 2 else server.mc_port))
        if i % 3 == 0:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")  # RST
        s.close()
    assert_serving(server)


def _flood_without_reading(server, seconds=3.0, observers=8):
    """Client A pipelines 100k GETs of a 100 KB value and never reads its replies, while
    `observers` other clients PING in a loop (several, so that some share A's worker thread
    whichever way the kernel spreads connections). Returns (bytes A got to send, the PING
    latencies, RSS growth); fails if any PING takes a second or more."""
    value = b"v" * (100 * 1024)
    with Conn(server.resp_port) as setup:
        setup.send(resp_cmd("SET", "big", value))
        assert setup.read_resp() == b"+OK\r\n"
    rss_before = server.rss_bytes()

    request = resp_cmd("GET", "big") * 100_000
    bs = [Conn(server.resp_port, timeout=1.0) for _ in range(observers)]
    a = socket.create_connection((HOST, server.resp_port))
    a.setblocking(False)
    sent = 0
    latencies = []
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            # push as much of A's batch as the server will take, without reading
            while sent < len(request):
                try:
                    n = a.send(request[sent:sent + 256 * 1024])
                except (BlockingIOError, InterruptedError):
                    break
                except (BrokenPipeError, ConnectionResetError):
                    sent = len(request)  # server dropped the slow client: allowed
                    break
                sent += n
            t0 = time.monotonic()
            for b in bs:
                b.send(resp_cmd("PING"))
            for i, b in enumerate(bs):
                try:
                    reply = b.read_resp(t0 + 1.0)
                except ReplyTimeout:
                    raise AssertionError(
                        f"client {i} got no PONG within 1 s while another client floods "
                        f"({len(latencies)} PINGs answered before; A had sent {sent} "
                        f"bytes)") from None
                assert reply == b"+PONG\r\n", reply
                latencies.append(time.monotonic() - t0)
        assert server.alive(), server.dead_report()
        rss_during = server.rss_bytes()
    finally:
        a.close()
        for b in bs:
            b.close()
    return sent, latencies, rss_during - rss_before


def test_slow_reader_does_not_hurt_other_clients(fresh_server):
    """Another client gets PONG within 1 s, every time, while A floods without reading."""
    sent, latencies, _ = _flood_without_reading(fresh_server)
    assert len(latencies) >= 80, f"only {len(latencies)} PINGs in 3 s"
    assert max(latencies) < 1.0, f"slowest PING took {max(latencies):.3f} s"
    assert_serving(fresh_server)


def test_slow_reader_memory_is_bounded(fresh_server):
    """Replies for a client that does not read must not pile up (100k x 100 KB = 10 GB): the
    server should stop reading from it, reference the stored value rather than copy it per
    reply, or drop the client (as Redis does with client-output-buffer-limit)."""
    sent, _, growth = _flood_without_reading(fresh_server)
    assert growth < SLOW_READER_MAX_RSS_GROWTH, \
        f"RSS grew by {growth / 2**20:.0f} MiB in 3 s for one client that does not read " \
        f"(it got {sent} of 2200000 request bytes in)"
    assert_serving(fresh_server)
