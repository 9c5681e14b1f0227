"""Failing closed (DESIGN.md section 7): every option the option table marks as promising a
protection or a limit is shown here, against the real binary, to be enforced -- or, when this
build cannot give the protection yet, refused with one clear line (at start: exit status 2;
on CONFIG SET: an error reply, the old value kept).

COVERED at the bottom maps each marked option to its marking and its tests;
test_every_marked_option_has_a_test compares it with the marking `larder-server --help` prints
(the option table itself), so marking an option without adding a test here fails CI.

All of these exercise larder-server itself, so they are larder_only.
"""

import json
import re
import struct
import subprocess
import time

import pytest
import redis
from pymemcache.client.base import Client
from pymemcache.exceptions import MemcacheServerError

from servers import START_TIMEOUT, Proc, free_port, larder_binary, run_larder, safe_ports
from wire import (HOST, Conn, ConnectionClosed, mc_bin, parse_mc_binary, port_accepts, resp_cmd,
                  wait_until)

pytestmark = pytest.mark.larder_only

OTHER_HOST = "127.0.0.2"  # another loopback address: reachable only if a listener binds it

REQUIREPASS_REASON = ("AUTH is not available yet; refusing a password that would not be "
                      "enforced")
REQUIREPASS_LINE = "config: requirepass: " + REQUIREPASS_REASON
REQUIREPASS_SET_ERROR = ("ERR CONFIG SET failed (possibly related to argument 'requirepass') - "
                         + REQUIREPASS_REASON)
CERT_LINE = ("config: tls-cert-file: TLS is not available in this build yet; refusing a "
             "certificate that would not be used")
KEY_LINE = ("config: tls-key-file: TLS is not available in this build yet; refusing a key that "
            "would not be used")


def tls_listener_line(index, port):
    return (f"config: listeners[{index}].tls: TLS is not available in this build yet; "
            f"refusing to serve port {port} in plaintext")


# ---- helpers ---------------------------------------------------------------------------------

def assert_refused(out, line, secret=None):
    """Exit status 2 (main's config error), nothing on stdout, exactly `line` on stderr."""
    stderr = out.stderr.decode(errors="replace")
    assert out.returncode == 2, f"exit status {out.returncode}, stderr: {stderr!r}"
    assert out.stdout == b"", out.stdout
    assert [x for x in stderr.splitlines() if x.strip()] == [line]
    if secret is not None:
        assert secret not in stderr, "the refused secret was echoed"


def write_config(tmp_path, document):
    path = tmp_path / "larder.json"
    path.write_text(json.dumps(document))
    return str(path)


def start_on(host, port, *args):
    """larder-server with one RESP listener on host:port (the harness only knows 127.0.0.1)."""
    proc = Proc([larder_binary(), "--threads", "1", *args], "larder-server")
    deadline = time.monotonic() + START_TIMEOUT
    while not port_accepts(port, host):
        if not proc.alive():
            raise AssertionError(f"larder-server exited with {proc.popen.returncode}: "
                                 f"{proc.output_tail()}")
        if time.monotonic() > deadline:
            proc.cleanup()
            raise AssertionError(f"{host}:{port} not accepting after {START_TIMEOUT}s")
        time.sleep(0.01)  # polling interval between connection attempts
    return proc


def refused_connection(port, host=HOST):
    """True when connecting to host:port is refused (nothing listens there)."""
    try:
        Conn(port, host=host, timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def resp(port, *args):
    with Conn(port) as c:
        c.send(resp_cmd(*args))
        return c.read_resp()


# ---- requirepass: refused until AUTH lands ---------------------------------------------------

@pytest.mark.parametrize("source", ["flag", "flag_equals", "file"])
def test_requirepass_refused_at_start(source, tmp_path):
    secret = "s3cret-never-logged"
    if source == "flag":
        args = ["--requirepass", secret]
    elif source == "flag_equals":
        args = [f"--requirepass={secret}"]
    else:
        args = ["--config", write_config(tmp_path, {"requirepass": secret})]
    assert_refused(run_larder(*safe_ports(), *args), REQUIREPASS_LINE, secret)


def test_requirepass_empty_is_accepted(start_server):
    srv = start_server(["--requirepass", ""])
    assert resp(srv.resp_port, "CONFIG", "GET", "requirepass") == \
        b"*2\r\n$11\r\nrequirepass\r\n$0\r\n\r\n"


def test_requirepass_refused_by_config_set(start_server):
    srv = start_server()
    r = redis.Redis(host=HOST, port=srv.resp_port, socket_timeout=5)
    with pytest.raises(redis.ResponseError) as refused:
        r.config_set("requirepass", "s3cret")
    assert str(refused.value) == REQUIREPASS_SET_ERROR[len("ERR "):]  # redis-py drops "ERR "
    assert r.config_get("requirepass") == {"requirepass": ""}
    # Nothing asks for AUTH: a new connection is served without it.
    assert resp(srv.resp_port, "PING") == b"+PONG\r\n"
    # The exact reply line, and all-or-nothing: maxmemory in the same CONFIG SET is not applied.
    with Conn(srv.resp_port) as c:
        c.send(resp_cmd("CONFIG", "SET", "maxmemory", "1mb", "requirepass", "x"))
        assert c.read_resp() == b"-" + REQUIREPASS_SET_ERROR.encode() + b"\r\n"
    assert r.config_get("maxmemory") == {"maxmemory": "0"}
    # "" asks for nothing and is accepted.
    assert r.config_set("requirepass", "") is True
    assert r.config_get("requirepass") == {"requirepass": ""}


# ---- TLS: refused until TLS lands ------------------------------------------------------------

@pytest.mark.parametrize("tls", ["on", True, "yes", "TRUE"], ids=["on", "true", "yes", "TRUE"])
def test_tls_listener_refused_at_start(tls, tmp_path):
    plain, secure = free_port(), free_port()
    path = write_config(tmp_path, {
        "listeners": [{"port": plain}, {"port": secure, "protocol": "resp", "tls": tls}],
        "tls-cert-file": str(tmp_path / "cert.pem"),
        "tls-key-file": str(tmp_path / "key.pem"),
    })
    assert_refused(run_larder("--config", path), tls_listener_line(1, secure))


def test_tls_listener_refused_on_the_command_line():
    port = free_port()
    out = run_larder("--listeners", json.dumps([{"port": port, "tls": "on"}]),
                     "--tls-cert-file", "c.pem", "--tls-key-file", "k.pem")
    assert_refused(out, tls_listener_line(0, port))


def test_tls_listener_off_is_served(start_on_other_port):
    port = free_port()
    proc = start_on_other_port(HOST, port, "--listeners",
                               json.dumps([{"port": port, "tls": "off"}]))
    assert proc.alive()
    assert resp(port, "PING") == b"+PONG\r\n"


@pytest.mark.parametrize("source", ["flag", "file"])
def test_tls_cert_file_refused_at_start(source, tmp_path):
    path = str(tmp_path / "cert.pem")
    args = (["--tls-cert-file", path] if source == "flag"
            else ["--config", write_config(tmp_path, {"tls-cert-file": path})])
    assert_refused(run_larder(*safe_ports(), *args), CERT_LINE)


@pytest.mark.parametrize("source", ["flag", "file"])
def test_tls_key_file_refused_at_start(source, tmp_path):
    path = str(tmp_path / "key.pem")
    args = (["--tls-key-file", path] if source == "flag"
            else ["--config", write_config(tmp_path, {"tls-key-file": path})])
    assert_refused(run_larder(*safe_ports(), *args), KEY_LINE)


def test_tls_options_readable_by_config_get(start_server):
    srv = start_server()
    r = redis.Redis(host=HOST, port=srv.resp_port, socket_timeout=5)
    assert r.config_get("tls-*") == {"tls-cert-file": "", "tls-key-file": ""}
    listeners = r.config_get("listeners")
    assert listeners == {"listeners": "[]"}


# ---- bind ------------------------------------------------------------------------------------

@pytest.fixture
def start_on_other_port():
    """Factory: start_on(host, port, *args) -> Proc, stopped at teardown."""
    procs = []

    def factory(host, port, *args):
        procs.append(start_on(host, port, *args))
        return procs[-1]

    yield factory
    for p in procs:
        p.stop(timeout=5)
        p.cleanup()


def test_bind_enforced(start_server, start_on_other_port):
    # Bound to 127.0.0.1 (the harness's address): not reachable on 127.0.0.2.
    srv = start_server(["--bind", HOST])
    for port in (srv.resp_port, srv.mc_port):
        assert port_accepts(port, HOST)
        assert refused_connection(port, OTHER_HOST), f"{OTHER_HOST}:{port} accepted"
    # Bound to 127.0.0.2: reachable there only, for both listeners made from bind.
    rp, mp = free_port(), free_port()
    start_on_other_port(OTHER_HOST, rp, "--bind", OTHER_HOST, "--port", str(rp),
                        "--memcache-port", str(mp))
    wait_until(lambda: port_accepts(mp, OTHER_HOST), START_TIMEOUT, "the memcached port")
    for port in (rp, mp):
        assert refused_connection(port, HOST), f"{HOST}:{port} accepted"
    with Conn(rp, host=OTHER_HOST) as c:
        c.send(resp_cmd("PING"))
        assert c.read_resp() == b"+PONG\r\n"


def test_listener_bind_enforced(start_on_other_port):
    port = free_port()
    start_on_other_port(OTHER_HOST, port, "--listeners",
                        json.dumps([{"port": port, "bind": OTHER_HOST}]))
    assert refused_connection(port, HOST), f"{HOST}:{port} accepted"


# ---- memcache-auth-file ----------------------------------------------------------------------

SASL_AUTH = 0x21  # memcached binary opcode (not in wire.OP)


def bin_login(user, password):
    return mc_bin(SASL_AUTH, b"PLAIN", b"\0" + user.encode() + b"\0" + password.encode())


def bin_set(key, value):
    return mc_bin("SET", key, value, struct.pack(">II", 0, 0))


@pytest.fixture
def auth_server(start_server, tmp_path):
    path = tmp_path / "logins"
    path.write_text("user:pass\n")
    return start_server(["--memcache-auth-file", str(path)])


def test_memcache_auth_file_enforced_text(auth_server):
    with Conn(auth_server.mc_port) as c:
        c.send(b"get k\r\n")
        assert c.read_line() == b"CLIENT_ERROR unauthenticated\r\n"
        c.send(b"set x 0 0 10\r\nuser wrong\r\n")
        assert c.read_line() == b"CLIENT_ERROR authentication failure\r\n"
        c.send(b"get k\r\n")
        assert c.read_line() == b"CLIENT_ERROR unauthenticated\r\n"
        c.send(b"set x 0 0 9\r\nuser pass\r\n")
        assert c.read_line() == b"STORED\r\n"
        c.send(b"set k 0 0 2\r\nhi\r\nget k\r\n")
        assert c.read_mc_texts(2) == [b"STORED\r\n", b"VALUE k 0 2\r\nhi\r\nEND\r\n"]
    # A library client that never logs in gets nothing but refusals.
    client = Client((HOST, auth_server.mc_port), connect_timeout=5, timeout=5)
    try:
        with pytest.raises(Exception):
            client.get("k")
    finally:
        client.close()


@pytest.mark.parametrize("port_kind", ["memcache", "resp"])
def test_memcache_auth_file_enforced_binary(auth_server, port_kind):
    # Binary memcached is detected on either auto listener; the login is required on both.
    port = auth_server.mc_port if port_kind == "memcache" else auth_server.resp_port
    with Conn(port) as c:
        c.send(mc_bin("GET", b"k"))
        refused = parse_mc_binary(c.read_mc_binary())
        assert (refused.status, refused.value) == (0x20, b"Auth failure.")
        assert c.wait_closed()
    with Conn(port) as c:
        c.send(bin_login("user", "pass") + bin_set(b"k", b"v") + mc_bin("GET", b"k"))
        auth, stored, got = (parse_mc_binary(p) for p in c.read_mc_binaries(3))
        assert (auth.status, auth.value) == (0, b"Authenticated")
        assert stored.status == 0 and (got.status, got.value) == (0, b"v")


def test_memcache_auth_file_unreadable_fails_closed(start_server, tmp_path):
    srv = start_server(["--memcache-auth-file", str(tmp_path / "missing")])
    with Conn(srv.mc_port) as c:
        c.send(b"set x 0 0 9\r\nuser pass\r\n")
        assert c.read_line() == b"CLIENT_ERROR authentication failure\r\n"
        c.send(b"get k\r\n")
        assert c.read_line() == b"CLIENT_ERROR unauthenticated\r\n"


# ---- maxclients ------------------------------------------------------------------------------

def admitted(port, request, reply):
    """Open a connection; True when it is served (`request` answered with `reply`), False
    when it is refused."""
    try:
        with Conn(port) as c:
            c.send(request)
            return c.read_line() == reply
    except (ConnectionClosed, OSError):
        return False


def served_connection(port, request, reply_prefix, timeout=5):
    """A connection that the server admitted and answered, kept open. Polls, because
    connections closed just before (the harness's readiness probes) still count until the
    server has seen them close."""
    deadline = time.monotonic() + timeout
    while True:
        c = Conn(port)
        try:
            c.send(request)
            if c.read_line().startswith(reply_prefix):
                return c
        except (ConnectionClosed, OSError):
            pass
        c.close()
        if time.monotonic() > deadline:
            raise AssertionError(f"no connection to port {port} admitted within {timeout}s")
        time.sleep(0.01)  # polling interval between attempts


def test_maxclients_enforced(start_server):
    # One server-wide count over both ports and the harness's two worker threads.
    srv = start_server(["--maxclients", "2"])
    a = served_connection(srv.resp_port, resp_cmd("PING"), b"+PONG\r\n")
    b = served_connection(srv.mc_port, b"version\r\n", b"VERSION ")
    extra = []
    try:
        # The third client, on either protocol, gets the peer's refusal and is closed.
        extra.append(Conn(srv.resp_port))
        assert extra[-1].read_until_close(5) == (b"-ERR max number of clients reached\r\n", True)
        extra.append(Conn(srv.mc_port))
        assert extra[-1].read_until_close(5) == (b"ERROR Too many open connections\r\n", True)
        # Raised at run time: one more is admitted, the next refused.
        a.send(resp_cmd("CONFIG", "SET", "maxclients", "3"))
        assert a.read_resp() == b"+OK\r\n"
        extra.append(Conn(srv.resp_port))
        extra[-1].send(resp_cmd("PING"))
        assert extra[-1].read_resp() == b"+PONG\r\n"
        extra.append(Conn(srv.resp_port))
        assert extra[-1].read_until_close(5) == (b"-ERR max number of clients reached\r\n", True)
        # A client that leaves frees its place.
        b.close()
        wait_until(lambda: admitted(srv.resp_port, resp_cmd("PING"), b"+PONG\r\n"), 5,
                   "a place to free up after a client closed")
    finally:
        for c in (a, b, *extra):
            c.close()


# ---- maxmemory -------------------------------------------------------------------------------

VALUE = b"v" * 8192
LIMIT = 1 << 20


def fill(port, count):
    """SET k0..k{count-1} to VALUE on one connection; the replies, in order."""
    with Conn(port, timeout=10) as c:
        c.send(b"".join(resp_cmd("SET", f"k{i}", VALUE) for i in range(count)))
        return c.read_resps(count, 10)


def used_memory(port):
    info = resp(port, "INFO", "memory").decode()
    return int(re.search(r"^used_memory:(\d+)\r$", info, re.M).group(1))


def test_maxmemory_enforced_noeviction(start_server):
    srv = start_server(["--maxmemory", "1mb", "--maxmemory-policy", "noeviction",
                        "--shards", "1"])
    replies = fill(srv.resp_port, 3 * LIMIT // len(VALUE))  # three times what fits
    oom = b"-OOM command not allowed when used memory > 'maxmemory'.\r\n"
    assert set(replies) == {b"+OK\r\n", oom}
    first_oom = replies.index(oom)
    assert first_oom > 0 and set(replies[:first_oom]) == {b"+OK\r\n"}
    # A write may fit again after the first refusal (e.g. when a hash table resize completes
    # and frees the old table), but what is stored stays within the limit ...
    assert replies.count(b"+OK\r\n") * len(VALUE) <= LIMIT
    assert int(resp(srv.resp_port, "DBSIZE")[1:]) == replies.count(b"+OK\r\n")
    assert used_memory(srv.resp_port) <= LIMIT + 2 * len(VALUE)
    # ... and once full, writes keep failing.
    assert set(replies[-len(replies) // 2:]) == {oom}
    with Conn(srv.mc_port) as c:
        c.send(b"set mk 0 0 %d\r\n%s\r\n" % (len(VALUE), VALUE))
        assert c.read_line() == b"SERVER_ERROR out of memory storing object\r\n"
    # Room made by a delete is usable again.
    assert resp(srv.resp_port, "DEL", "k0", "k1") == b":2\r\n"
    assert resp(srv.resp_port, "SET", "again", VALUE) == b"+OK\r\n"


def test_maxmemory_enforced_by_eviction(start_server):
    srv = start_server(["--maxmemory", "1mb", "--shards", "1"])  # default policy allkeys-lru
    count = 3 * LIMIT // len(VALUE)
    assert set(fill(srv.resp_port, count)) == {b"+OK\r\n"}
    keys = int(resp(srv.resp_port, "DBSIZE")[1:])
    assert 0 < keys * len(VALUE) <= LIMIT
    assert used_memory(srv.resp_port) <= LIMIT + 2 * len(VALUE)


def test_maxmemory_enforced_when_set_at_run_time(start_server):
    srv = start_server(["--maxmemory-policy", "noeviction", "--shards", "1"])
    count = 2 * LIMIT // len(VALUE)
    assert set(fill(srv.resp_port, count)) == {b"+OK\r\n"}  # no limit yet
    assert resp(srv.resp_port, "CONFIG", "SET", "maxmemory", "1mb") == b"+OK\r\n"
    assert resp(srv.resp_port, "SET", "one-more", VALUE) == \
        b"-OOM command not allowed when used memory > 'maxmemory'.\r\n"


# ---- proto-max-bulk-len ----------------------------------------------------------------------

def test_proto_max_bulk_len_enforced(start_server):
    srv = start_server(["--proto-max-bulk-len", "1mb"])  # the default (512mb) would accept
    with Conn(srv.resp_port, timeout=10) as c:
        c.send(resp_cmd("SET", "fits", b"x" * LIMIT))
        assert c.read_resp() == b"+OK\r\n"
    with Conn(srv.resp_port) as c:
        c.send(b"*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$%d\r\n" % (LIMIT + 1))
        assert c.read_until_close(5) == (b"-ERR Protocol error: invalid bulk length\r\n", True)
    assert resp(srv.resp_port, "EXISTS", "big") == b":0\r\n"


# ---- item-size-max ---------------------------------------------------------------------------

def test_item_size_max_enforced(start_server):
    # 2kb: a 1-byte key fits values up to 2048 - 60 bytes (memcached's item overhead); the
    # default (1mb) would store both values below.
    srv = start_server(["--item-size-max", "2kb"])
    fits, too_big = b"f" * 1900, b"t" * 2000
    with Conn(srv.mc_port) as c:
        c.send(b"set k 0 0 %d\r\n%s\r\n" % (len(fits), fits))
        assert c.read_line() == b"STORED\r\n"
        c.send(b"set k 0 0 %d\r\n%s\r\n" % (len(too_big), too_big))
        assert c.read_line() == b"SERVER_ERROR object too large for cache\r\n"
        c.send(b"get k\r\n")
        assert c.read_mc_text() == b"END\r\n"  # the old value is dropped, as memcached does
    with Conn(srv.mc_port) as c:
        c.send(bin_set(b"b", too_big))
        assert parse_mc_binary(c.read_mc_binary()).status == 0x03
    client = Client((HOST, srv.mc_port), connect_timeout=5, timeout=5)
    try:
        with pytest.raises(MemcacheServerError, match="too large"):
            client.set("p", too_big, noreply=False)
        assert client.set("p", fits, noreply=False) is True
    finally:
        client.close()


# ---- the marking and this file agree ---------------------------------------------------------

COVERED = {
    "bind": ("enforced", [test_bind_enforced]),
    "listeners": ("refused until available",
                  [test_tls_listener_refused_at_start, test_tls_listener_refused_on_the_command_line,
                   test_listener_bind_enforced]),
    "maxmemory": ("enforced", [test_maxmemory_enforced_noeviction,
                               test_maxmemory_enforced_by_eviction,
                               test_maxmemory_enforced_when_set_at_run_time]),
    "proto-max-bulk-len": ("enforced", [test_proto_max_bulk_len_enforced]),
    "item-size-max": ("enforced", [test_item_size_max_enforced]),
    "maxclients": ("enforced", [test_maxclients_enforced]),
    "requirepass": ("refused until available", [test_requirepass_refused_at_start,
                                                test_requirepass_refused_by_config_set]),
    "tls-cert-file": ("refused until available", [test_tls_cert_file_refused_at_start]),
    "tls-key-file": ("refused until available", [test_tls_key_file_refused_at_start]),
    "memcache-auth-file": ("enforced", [test_memcache_auth_file_enforced_text,
                                        test_memcache_auth_file_enforced_binary,
                                        test_memcache_auth_file_unreadable_fails_closed]),
}


def marked_in_help():
    """{option: marking} from `larder-server --help`, which prints the option table."""
    out = run_larder("--help")
    assert out.returncode == 0, out
    flat = " ".join(out.stdout.decode().split())
    heads = list(re.finditer(r"--([a-z][a-z0-9-]*) (?:INTEGER|MEMORY|STRING|ENUM|LISTENERS|"
                             r"BOOLEAN) ", flat))
    assert len(heads) > 10, f"--help lists too few options:\n{flat}"
    marked = {}
    for head, following in zip(heads, heads[1:] + [None]):
        block = flat[head.end():following.start() if following else len(flat)]
        m = re.search(r"security: (enforced|refused until available): ", block)
        if m:
            marked[head.group(1)] = m.group(1)
    return marked


def test_every_marked_option_has_a_test():
    marked = marked_in_help()
    assert marked == {name: kind for name, (kind, _) in COVERED.items()}, (
        "the option table's security marking and this file's tests differ; every marked "
        "option needs a test here showing it enforced or refused")
    for name, (_, tests) in COVERED.items():
        assert tests, name
        for t in tests:
            assert t.__name__.startswith("test_") and globals()[t.__name__] is t, (name, t)
