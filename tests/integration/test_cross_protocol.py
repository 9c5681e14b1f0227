"""One keyspace, two protocols: what one protocol writes, the other reads.

Needs larder itself (redis-server and memcached keep separate keyspaces), so the module is
marked cross_protocol and deselected in LARDER_TARGET=peers mode only.
"""

import struct
import subprocess

import pytest
import redis
from pymemcache.client.base import Client

from wire import (HOST, Conn, mc_bin, mc_bin_counter, mc_bin_store, parse_mc_binary,
                  resp_cmd)

pytestmark = pytest.mark.cross_protocol


@pytest.fixture
def r(server):
    c = redis.Redis(host=HOST, port=server.resp_port, socket_timeout=10)
    c.flushall()
    yield c
    c.close()


@pytest.fixture
def mc(server):
    c = Client((HOST, server.mc_port), default_noreply=False, timeout=10)
    yield c
    c.close()


def mc_text(server, request: bytes, replies: int = 1) -> list:
    with Conn(server.mc_port) as c:
        c.send(request)
        return c.read_mc_texts(replies)


def test_redis_cli_set_then_nc_memcached_get(server, r):
    out = subprocess.run(["redis-cli", "-h", HOST, "-p", str(server.resp_port), "set", "k", "v"],
                         capture_output=True, timeout=30)
    assert out.stdout == b"OK\n", out
    out = subprocess.run(f"printf 'get k\\r\\n' | nc -q1 {HOST} {server.mc_port}", shell=True,
                         capture_output=True, timeout=30)
    assert out.stdout == b"VALUE k 0 1\r\nv\r\nEND\r\n", out


def test_memcached_flags_survive_resp_read(server, r, mc):
    assert mc.set("f", b"payload", flags=42) is True
    assert r.get("f") == b"payload"
    assert r.strlen("f") == 7
    assert r.type("f") == b"string"
    assert mc_text(server, b"get f\r\n") == [b"VALUE f 42 7\r\npayload\r\nEND\r\n"]
    # a RESP write of the same key resets it to a plain string (flags 0)
    r.set("f", "other")
    assert mc_text(server, b"get f\r\n") == [b"VALUE f 0 5\r\nother\r\nEND\r\n"]


def test_incr_memcached_visible_to_resp(server, r, mc):
    assert mc.set("n", b"10") is True
    assert mc.incr("n", 5) == 15
    assert r.get("n") == b"15"
    assert r.incr("n") == 16


def test_incr_resp_visible_to_memcached(server, r, mc):
    assert r.incrby("n", 41) == 41
    assert mc.get("n") == b"41"
    assert mc.incr("n", 1) == 42
    assert r.get("n") == b"42"
    assert mc.decr("n", 2) == 40
    assert r.decr("n") == 39


def test_del_via_resp_then_memcached_miss(server, r, mc):
    assert mc.set("d", b"x") is True
    assert r.delete("d") == 1
    assert mc.get("d") is None
    assert mc_text(server, b"get d\r\n") == [b"END\r\n"]


def test_delete_via_memcached_then_resp_miss(server, r, mc):
    r.set("d", "x")
    assert mc.delete("d") is True
    assert r.get("d") is None
    assert r.exists("d") == 0


def test_binary_protocol_set_read_by_resp(server, r):
    with Conn(server.mc_port) as c:
        c.send(mc_bin_store("SET", b"bk", b"binary-value", flags=9, opaque=7))
        res = parse_mc_binary(c.read_mc_binary())
    assert (res.magic, res.opcode, res.status, res.opaque) == (0x81, 0x01, 0, 7)
    assert r.get("bk") == b"binary-value"
    assert mc_text(server, b"get bk\r\n") == [b"VALUE bk 9 12\r\nbinary-value\r\nEND\r\n"]


def test_resp_set_read_by_binary_protocol(server, r):
    r.set("rk", b"\x00\x01resp")
    with Conn(server.mc_port) as c:
        c.send(mc_bin("GETK", b"rk") + mc_bin_counter("INCREMENT", b"cnt", 3, initial=100))
        get, inc = (parse_mc_binary(p) for p in c.read_mc_binaries(2))
    assert (get.status, get.key, get.value) == (0, b"rk", b"\x00\x01resp")
    assert get.extras == struct.pack(">I", 0)
    assert (inc.status, inc.value) == (0, struct.pack(">Q", 100))
    assert r.get("cnt") == b"100"


def test_expiry_shared(server, r, mc):
    assert mc.set("e", b"v", expire=100) is True
    assert r.ttl("e") in (99, 100)
    r.expire("e", 1000)
    assert mc.get("e") == b"v"
    assert mc.touch("e", 50) is True
    assert r.ttl("e") in (49, 50)
    r.persist("e")
    assert r.ttl("e") == -1


def test_cas_changes_after_resp_write(server, r, mc):
    mc.set("c", b"1")
    _, cas = mc.gets("c")
    r.set("c", "2")
    assert mc.cas("c", b"3", cas) is False  # the RESP write invalidated the CAS unique
    assert mc.get("c") == b"2"


def test_flush_from_either_side(server, r, mc):
    r.set("a", "1")
    mc.set("b", b"2")
    assert r.dbsize() == 2
    assert mc.flush_all() is True
    assert r.dbsize() == 0
    mc.set("c", b"3")
    r.flushall()
    assert mc.get("c") is None


def test_same_port_autodetect(server, r):
    """Each listener detects the protocol from the first bytes: RESP on the memcached port
    ('*' first) and memcached binary on the RESP port (0x80 first)."""
    r.set("k", "v")
    with Conn(server.mc_port) as c:
        c.send(resp_cmd("GET", "k"))
        assert c.read_resp() == b"$1\r\nv\r\n"
    with Conn(server.resp_port) as c:
        c.send(mc_bin("GET", b"k"))
        res = parse_mc_binary(c.read_mc_binary())
        assert (res.status, res.value) == (0, b"v")
