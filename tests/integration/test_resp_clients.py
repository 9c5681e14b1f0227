"""Real RESP clients against the server: redis-cli (subprocess) and redis-py."""

import subprocess
import time

import pytest
import redis

from wire import HOST


@pytest.fixture
def r(server):
    client = redis.Redis(host=HOST, port=server.resp_port, socket_timeout=10)
    client.flushall()
    yield client
    client.close()


def cli(server, *args, input=None, timeout=60):
    return subprocess.run(["redis-cli", "-h", HOST, "-p", str(server.resp_port), *args],
                          input=input, capture_output=True, timeout=timeout)


# --- redis-cli -----------------------------------------------------------------------------

def test_redis_cli_set_get(server, r):
    out = cli(server, "set", "k", "v")
    assert (out.returncode, out.stdout) == (0, b"OK\n"), out
    out = cli(server, "get", "k")
    assert (out.returncode, out.stdout) == (0, b"v\n"), out
    out = cli(server, "get", "missing")
    assert out.stdout == b"\n", out  # nil prints as an empty line when not on a tty
    assert r.get("k") == b"v"


def test_redis_cli_ping_incr_del(server, r):
    assert cli(server, "ping").stdout == b"PONG\n"
    assert cli(server, "incr", "n").stdout == b"1\n"
    assert cli(server, "incrby", "n", "41").stdout == b"42\n"
    assert cli(server, "del", "n", "nokey").stdout == b"1\n"
    assert cli(server, "exists", "n").stdout == b"0\n"


def test_redis_cli_error_reply(server, r):
    out = cli(server, "incr", "n", "extra")
    assert b"wrong number of arguments" in out.stdout + out.stderr, out


def test_redis_cli_x_reads_binary_value_from_stdin(server, r):
    value = bytes(range(256)) * 4
    out = cli(server, "-x", "set", "blob", input=value)
    assert out.stdout == b"OK\n", out
    assert r.get("blob") == value


def test_redis_cli_pipe_10k_keys(server, r):
    payload = b"".join(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n"
                       % (len(k), k, len(v), v)
                       for k, v in ((b"key:%d" % i, b"value:%d" % i) for i in range(10_000)))
    out = cli(server, "--pipe", input=payload, timeout=120)
    assert out.returncode == 0, out
    assert b"errors: 0, replies: 10000" in out.stdout, out.stdout
    assert cli(server, "dbsize").stdout == b"10000\n"
    assert r.get("key:9999") == b"value:9999"
    assert r.get("key:0") == b"value:0"


# --- redis-py --------------------------------------------------------------------------------

def test_redispy_set_get(r):
    assert r.set("k", "v") is True
    assert r.get("k") == b"v"
    assert r.get("missing") is None
    assert r.set("k", "w", nx=True) is None
    assert r.set("k", "w", xx=True) is True
    assert r.get("k") == b"w"
    assert r.delete("k", "missing") == 1
    assert r.exists("k") == 0


def test_redispy_mset_mget(r):
    assert r.mset({"a": "1", "b": "2", "c": "3"}) is True
    assert r.mget("a", "b", "nokey", "c") == [b"1", b"2", None, b"3"]
    assert r.dbsize() == 3


def test_redispy_incr_decr(r):
    assert r.incr("n") == 1
    assert r.incr("n", 10) == 11
    assert r.decr("n", 20) == -9
    assert r.get("n") == b"-9"
    r.set("s", "abc")
    with pytest.raises(redis.ResponseError, match="not an integer"):
        r.incr("s")
    r.set("big", 2**63 - 1)
    with pytest.raises(redis.ResponseError, match="overflow"):
        r.incr("big")


def test_redispy_expire_ttl(r):
    r.set("k", "v")
    assert r.ttl("k") == -1
    assert r.expire("k", 100) is True
    assert r.ttl("k") == 100
    assert 99_000 < r.pttl("k") <= 100_000
    assert r.persist("k") is True
    assert r.ttl("k") == -1
    assert r.ttl("missing") == -2
    assert r.set("e", "v", px=1) is True
    # Expiry is observable: poll until the 1 ms key is gone (deadline 2 s).
    deadline = time.monotonic() + 2
    while r.get("e") is not None:
        assert time.monotonic() < deadline, "key with PX 1 still readable after 2 s"
    assert r.exists("e") == 0


def test_redispy_append_strlen_type(r):
    assert r.append("k", "ab") == 2
    assert r.append("k", "cd") == 4
    assert r.strlen("k") == 4
    assert r.type("k") == b"string"
    assert r.type("missing") == b"none"


def test_redispy_pipeline_1000_commands(r):
    pipe = r.pipeline(transaction=False)
    for i in range(500):
        pipe.set(f"p:{i}", i)
    for i in range(500):
        pipe.get(f"p:{i}")
    results = pipe.execute()
    assert len(results) == 1000
    assert results[:500] == [True] * 500
    assert results[500:] == [str(i).encode() for i in range(500)]
    assert r.dbsize() == 500


def test_redispy_binary_values_all_bytes(r):
    every_byte = bytes(range(256))
    r.set("all", every_byte)
    assert r.get("all") == every_byte
    for b in range(256):
        r.set(b"k" + bytes([b]), bytes([b]) * 3)
    pipe = r.pipeline(transaction=False)
    for b in range(256):
        pipe.get(b"k" + bytes([b]))
    assert pipe.execute() == [bytes([b]) * 3 for b in range(256)]
    # binary keys too
    key = b"\x00\r\n\xff key"
    r.set(key, b"v")
    assert r.get(key) == b"v"
    assert r.exists(key) == 1


def test_redispy_1mb_value(r):
    value = bytes(range(256)) * 4096  # 1 MiB
    assert r.set("big", value) is True
    assert r.get("big") == value
    assert r.strlen("big") == len(value)
    assert r.append("big", b"!") == len(value) + 1


def test_redispy_decode_responses(server):
    c = redis.Redis(host=HOST, port=server.resp_port, decode_responses=True)
    try:
        c.set("unicode", "größe ✓")
        assert c.get("unicode") == "größe ✓"
        assert c.echo("hi") == "hi"
        assert c.ping() is True
    finally:
        c.close()
