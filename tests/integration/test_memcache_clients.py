"""Real memcached clients against the server: pymemcache, the libmemcached tools and
memccapable (libmemcached's protocol conformance checker)."""

import re
import subprocess
import threading

import pytest
from pymemcache.client.base import Client
from pymemcache.exceptions import MemcacheServerError

from memcache_case_list import pkt, store
from servers import ServerUnderTest
from wire import HOST, Conn, parse_mc_binary

# memccapable checks that must pass. Started as every check real memcached 1.6 passes;
# the lead trims this list to what larder passes now (and notes the rest in the docs).
MEMCCAPABLE_REQUIRED = [
    "ascii version", "ascii quit", "ascii verbosity", "ascii set", "ascii set noreply",
    "ascii get", "ascii gets", "ascii mget", "ascii flush", "ascii flush noreply",
    "ascii add", "ascii add noreply", "ascii replace", "ascii replace noreply", "ascii cas",
    "ascii cas noreply", "ascii delete", "ascii delete noreply", "ascii incr",
    "ascii incr noreply", "ascii decr", "ascii decr noreply", "ascii append",
    "ascii append noreply", "ascii prepend", "ascii prepend noreply", "ascii stat",
    "binary noop", "binary quit", "binary quitq", "binary set", "binary setq",
    "binary flush", "binary flushq", "binary add", "binary addq", "binary replace",
    "binary replaceq", "binary delete", "binary deleteq", "binary get", "binary getq",
    "binary getk", "binary getkq", "binary incr", "binary incrq", "binary decr",
    "binary decrq", "binary version", "binary append", "binary appendq", "binary prepend",
    "binary prependq", "binary stat",
]


@pytest.fixture
def mc(server):
    client = Client((HOST, server.mc_port), connect_timeout=5, timeout=10,
                    default_noreply=False)
    client.flush_all(noreply=False)
    yield client
    client.close()


def servers_arg(server):
    return f"--servers={HOST}:{server.mc_port}"


def tool(*argv, timeout=30, **kw):
    return subprocess.run(list(argv), capture_output=True, timeout=timeout, **kw)


# --- pymemcache ----------------------------------------------------------------------------

def test_set_get(mc):
    assert mc.set("k", b"v") is True
    assert mc.get("k") == b"v"
    assert mc.get("missing") is None
    assert mc.add("k", b"w") is False
    assert mc.replace("k", b"w") is True
    assert mc.get("k") == b"w"
    assert mc.append("k", b"z") is True
    assert mc.prepend("k", b"a") is True
    assert mc.get("k") == b"awz"
    assert mc.delete("k") is True
    assert mc.delete("k") is False


def test_set_many_get_many(mc):
    data = {f"key{i}": f"value{i}".encode() for i in range(100)}
    assert mc.set_many(data) == []  # no failed keys
    got = mc.get_many(list(data) + ["missing"])
    assert got == data


def test_gets_cas(mc):
    mc.set("k", b"v1")
    value, cas = mc.gets("k")
    assert value == b"v1" and cas is not None
    assert mc.cas("k", b"v2", cas) is True
    assert mc.cas("k", b"v3", cas) is False  # stale
    assert mc.get("k") == b"v2"
    assert mc.cas("missing", b"x", cas) is None  # NOT_FOUND
    value2, cas2 = mc.gets("k")
    assert value2 == b"v2" and cas2 != cas


def test_incr_decr(mc):
    assert mc.incr("n", 1) is None  # missing
    mc.set("n", b"10")
    assert mc.incr("n", 5) == 15
    assert mc.decr("n", 20) == 0  # floors at zero
    mc.set("n", b"18446744073709551615")
    assert mc.incr("n", 2) == 1  # wraps at 2**64
    mc.set("s", b"abc")
    with pytest.raises(Exception, match="non-numeric"):
        mc.incr("s", 1)


def test_flags_roundtrip(mc, server):
    # pymemcache stores the flags it is given; a raw get shows them unchanged.
    assert mc.set("f", b"v", flags=42) is True
    with Conn(server.mc_port) as c:
        c.send(b"get f\r\n")
        assert c.read_mc_text() == b"VALUE f 42 1\r\nv\r\nEND\r\n"


def test_touch(mc):
    assert mc.touch("missing", 100) is False
    mc.set("k", b"v", expire=0)
    assert mc.touch("k", 100) is True
    assert mc.get("k") == b"v"
    # touch with a negative expiry makes the item expire at once
    assert mc.touch("k", -1) is True
    assert mc.get("k") is None


def test_binary_values_all_bytes(mc):
    every = bytes(range(256))
    assert mc.set("all", every) is True
    assert mc.get("all") == every
    tricky = b"\r\nEND\r\nVALUE x 0 1\r\n\x00"
    assert mc.set("tricky", tricky) is True
    assert mc.get_many(["all", "tricky"]) == {"all": every, "tricky": tricky}


def test_large_value_allowed(mc):
    # Default item size limit is 1 MiB for the whole item; memcached 1.6 stores values up to
    # 1 MiB minus its item header (1048516 bytes with a 1-byte key). 1 000 000 always fits.
    value = bytes(range(250)) * 4000
    assert len(value) == 1_000_000
    assert mc.set("big", value) is True
    assert mc.get("big") == value


def test_too_large_value_rejected(mc):
    mc.set("big", b"old")
    with pytest.raises(MemcacheServerError, match="too large"):
        mc.set("big", b"x" * (1024 * 1024 + 1))
    # the connection still works afterwards
    assert mc.set("after", b"ok") is True
    assert mc.get("after") == b"ok"


def test_stats_and_version(mc):
    stats = mc.stats()
    for key in (b"pid", b"uptime", b"curr_items", b"get_hits", b"get_misses"):
        assert key in stats, f"stats lacks {key!r}: {sorted(stats)[:40]}"
    assert re.fullmatch(rb"\d+\.\d+\.\d+\S*", mc.version()), mc.version()


# --- libmemcached tools -----------------------------------------------------------------------

def test_memccp_memccat_roundtrip(server, mc, tmp_path):
    src = tmp_path / "blob.bin"
    payload = bytes(range(256)) * 40 + b"\r\nEND\r\n"
    src.write_bytes(payload)
    out = tool("memccp", servers_arg(server), str(src))
    assert out.returncode == 0, out
    assert mc.get("blob.bin") == payload
    dst = tmp_path / "copy.bin"
    out = tool("memccat", servers_arg(server), f"--file={dst}", "blob.bin")
    assert out.returncode == 0, out
    assert dst.read_bytes() == payload


@pytest.mark.parametrize("binary", [False, True], ids=["ascii", "binary"])
def test_memccp_flags_memccat_flags(server, mc, tmp_path, binary):
    src = tmp_path / "flagged.txt"
    src.write_bytes(b"hello")
    b = ["--binary"] if binary else []
    out = tool("memccp", *b, servers_arg(server), "--flags=77", str(src))
    assert out.returncode == 0, out
    out = tool("memccat", *b, servers_arg(server), "--flags", "flagged.txt")
    assert out.returncode == 0, out
    assert out.stdout.startswith(b"77\nhello"), out.stdout


def test_memcexist_memcrm(server, mc):
    mc.set("present", b"1")
    assert tool("memcexist", servers_arg(server), "present").returncode == 0
    assert tool("memcexist", servers_arg(server), "absent").returncode != 0
    assert tool("memcrm", servers_arg(server), "present").returncode == 0
    assert mc.get("present") is None
    assert tool("memcrm", servers_arg(server), "present").returncode != 0
    assert tool("memcexist", servers_arg(server), "present").returncode != 0


def test_memcflush(server, mc):
    mc.set_many({"a": b"1", "b": b"2"})
    out = tool("memcflush", servers_arg(server))
    assert out.returncode == 0, out
    assert mc.get_many(["a", "b"]) == {}


def test_memctouch(server, mc):
    mc.set("t", b"1")
    assert tool("memctouch", servers_arg(server), "--expire=100", "t").returncode == 0
    assert mc.get("t") == b"1"
    assert tool("memctouch", servers_arg(server), "--expire=100", "absent").returncode != 0


def test_memcstat(server, mc):
    out = tool("memcstat", servers_arg(server))
    assert out.returncode == 0, out
    text = out.stdout.decode(errors="replace")
    assert f"Server: {HOST} ({server.mc_port})" in text, text
    for field in ("pid", "uptime", "version", "curr_connections", "get_hits"):
        assert re.search(rf"^\s+{field}: \S+", text, re.M), f"memcstat lacks {field}:\n{text}"
    out = tool("memcstat", "--server-version", servers_arg(server))
    assert out.returncode == 0, out
    printed = (out.stdout + out.stderr).decode()  # this memstat prints it on stderr
    assert re.fullmatch(rf"{HOST}:{server.mc_port} \d+\.\d+\.\d+\S*\n", printed), printed


# --- memccapable ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def memccapable_results(server):
    """Runs memccapable once (ascii and binary checks; it flushes the server) and parses its
    'name [pass]' lines. -t bounds each I/O wait so a hanging check cannot eat the budget."""
    argv = ["memccapable", "-h", HOST, "-p", str(server.mc_port), "-t", "2"]
    try:
        out = subprocess.run(argv, capture_output=True, timeout=150)
        text = (out.stdout + out.stderr).decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        text = ((e.stdout or b"") + (e.stderr or b"")).decode(errors="replace")
        text += "\n(memccapable killed after 150 s)"
    results = {m.group(1).strip(): m.group(2)
               for m in re.finditer(r"^(\S.*?)\s+\[(\w+)\]\s*$", text, re.M)}
    return results, text


def test_memccapable_ran(memccapable_results):
    results, text = memccapable_results
    assert results, f"memccapable printed no results:\n{text}"


@pytest.mark.parametrize("check", MEMCCAPABLE_REQUIRED)
def test_memccapable(check, memccapable_results):
    results, text = memccapable_results
    assert results.get(check) == "pass", \
        f"memccapable {check!r}: {results.get(check, 'not run')}\n{text[-2000:]}"


# --- logins: memcache-auth-file (memcached's -Y file, SASL PLAIN for binary) -----------------
# memcached itself cannot record a successful binary login without a SASL user database, so
# these run against Larder only (the failure paths are in the recorded cases).

@pytest.fixture(scope="module")
def auth_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("auth") / "auth.txt"
    path.write_text("user:pass\nalice:s3cret\n")
    srv = ServerUnderTest(["--memcache-auth-file", str(path)])
    yield srv
    srv.stop()
    srv.cleanup()


@pytest.mark.larder_only
def test_sasl_libmemcached_tools(auth_server, tmp_path):
    server = f"--servers={HOST}:{auth_server.mc_port}"
    src = tmp_path / "secret.txt"
    src.write_bytes(b"behind a login\r\n")
    ok = ["--binary", "-u", "user", "-p", "pass"]
    out = tool("memccp", *ok, server, str(src))
    assert out.returncode == 0, out
    out = tool("memccat", *ok, server, "secret.txt")
    assert out.returncode == 0 and out.stdout.startswith(b"behind a login"), out
    out = tool("memcstat", "--binary", "-u", "alice", "-p", "s3cret", server)
    assert out.returncode == 0 and b"auth_cmds" in out.stdout, out
    bad = tool("memccat", "--binary", "-u", "user", "-p", "nope", server, "secret.txt")
    assert bad.returncode != 0
    assert b"AUTHENTICATION FAILURE" in bad.stdout + bad.stderr
    # Without logging in, the binary protocol refuses the command and closes.
    assert tool("memccat", "--binary", server, "secret.txt").returncode != 0


@pytest.mark.larder_only
def test_sasl_binary_raw(auth_server):
    with Conn(auth_server.mc_port) as c:
        c.send(pkt("SASL_LIST_MECHS") + pkt("SASL_AUTH", b"PLAIN", b"\0user\0wrong")
               + pkt("SASL_STEP", b"PLAIN", b"x") + pkt("VERSION"))
        mechs, failed, step, version = (parse_mc_binary(p) for p in c.read_mc_binaries(4))
        assert (mechs.status, mechs.value) == (0, b"PLAIN")
        assert (failed.status, failed.value) == (0x20, b"Auth failure.")
        assert step.status == 0x20 and version.status == 0
        c.send(pkt("SASL_AUTH", b"PLAIN", b"user\0user\0pass") + store("SET", b"k", b"v")
               + pkt("GET", b"k"))
        auth, stored, got = (parse_mc_binary(p) for p in c.read_mc_binaries(3))
        assert (auth.status, auth.value) == (0, b"Authenticated")
        assert stored.status == 0 and (got.status, got.value) == (0, b"v")
    with Conn(auth_server.mc_port) as c:
        c.send(pkt("GET", b"k"))
        refused = parse_mc_binary(c.read_mc_binary())
        assert (refused.status, refused.value) == (0x20, b"Auth failure.")
        assert c.wait_closed()


@pytest.mark.larder_only
def test_text_login(auth_server):
    with Conn(auth_server.mc_port) as c:
        c.send(b"get k\r\n")
        assert c.read_line() == b"CLIENT_ERROR unauthenticated\r\n"
        c.send(b"set x 0 0 9\r\nuser nope\r\n")
        assert c.read_line() == b"CLIENT_ERROR authentication failure\r\n"
        c.send(b"set x 0 0 12\r\nalice s3cret\r\n")
        assert c.read_line() == b"STORED\r\n"
        c.send(b"set k 0 0 2\r\nhi\r\nmg k v\r\n")
        assert c.read_line() == b"STORED\r\n"
        assert c.read_line() + c.read_line() == b"VA 2\r\nhi\r\n"
    # A client that never logs in gets nothing but the refusal.
    client = Client((HOST, auth_server.mc_port), connect_timeout=5, timeout=5)
    with pytest.raises(Exception):
        client.get("k")
    client.close()


@pytest.mark.larder_only
def test_login_counters(auth_server):
    with Conn(auth_server.mc_port) as c:
        c.send(b"set x 0 0 9\r\nuser pass\r\nstats\r\n")
        assert c.read_line() == b"STORED\r\n"
        stats = dict(line.split(b" ")[1:3] for line in c.read_mc_text().splitlines()
                     if line.startswith(b"STAT "))
    assert int(stats[b"auth_cmds"]) >= 1
    assert b"auth_errors" in stats


# --- meta commands beyond the recorded cases ---------------------------------------------------

def _meta(port, request: bytes) -> bytes:
    with Conn(port) as c:
        c.send(request + b"mn\r\n")
        out = b""
        while not out.endswith(b"MN\r\n"):
            out += c.read_line()
        return out[:-4]


def test_meta_vivify_has_one_winner(server, mc):
    """Clients racing on a missing key with N: exactly one is told to recache (W)."""
    for round_ in range(5):
        key = b"race%d" % round_
        barrier = threading.Barrier(8)
        results = []

        def client():
            with Conn(server.mc_port) as c:
                barrier.wait()
                c.send(b"mg " + key + b" N30 s\r\n")
                results.append(c.read_line())

        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        winners = [r for r in results if r.rstrip().endswith(b" W")]
        assert len(winners) == 1, results
        assert all(r.rstrip().endswith(b" Z") for r in results if r not in winners), results


def test_meta_invalidate_then_recache(server, mc):
    port = server.mc_port
    assert _meta(port, b"ms k 3 T100\r\nold\r\n") == b"HD\r\n"
    assert _meta(port, b"md k I T30 q\r\n") == b""
    # The first reader wins the recache and sees stale data; the next is told someone has.
    assert _meta(port, b"mg k v t\r\n") == b"VA 3 t30 X W\r\nold\r\n"
    assert _meta(port, b"mg k v\r\n") == b"VA 3 Z X\r\nold\r\n"
    # The winner's new value clears both marks.
    assert _meta(port, b"ms k 3\r\nnew\r\nmg k v\r\n") == b"HD\r\nVA 3\r\nnew\r\n"


def test_meta_and_classic_see_one_item(server, mc):
    assert mc.set("shared", b"abc", expire=100, flags=9) is True
    out = _meta(server.mc_port, b"mg shared v f t s\r\n")
    assert out in (b"VA 3 f9 t100 s3\r\nabc\r\n", b"VA 3 f9 t99 s3\r\nabc\r\n"), out
    assert _meta(server.mc_port, b"ma n N0 J41\r\nma n v\r\n") == b"HD\r\nVA 2\r\n42\r\n"
    assert mc.get("n") == b"42"


# --- stats groups ------------------------------------------------------------------------------

def _stats(port, group=b""):
    with Conn(port) as c:
        c.send(b"stats" + (b" " + group if group else b"") + b"\r\n")
        return [tuple(line.split(b" ", 2)[1:]) for line in c.read_mc_text().splitlines()
                if line.startswith(b"STAT ")]


def test_stats_conns_lists_open_connections(server, mc):
    with Conn(server.mc_port) as other:
        other.send(b"version\r\n")
        other.read_line()
        conns = dict(_stats(server.mc_port, b"conns"))
        states = [v for k, v in conns.items() if k.endswith(b":state")]
        assert states.count(b"conn_listening") == 1
        assert states.count(b"conn_parse_cmd") == 1
        assert len(states) >= 3  # the listener, the asking client, `other` (and pymemcache)


def test_stats_reset_and_detail(server, mc):
    port = server.mc_port
    mc.get("anything")
    with Conn(port) as c:
        c.send(b"stats reset\r\n")
        assert c.read_line() == b"RESET\r\n"
    assert dict(_stats(port))[b"get_misses"] == b"0"
    with Conn(port) as c:
        c.send(b"stats detail on\r\nget user:1\r\nset user:2 0 0 1\r\nx\r\nget user:2\r\n"
               b"delete user:2\r\nstats detail dump\r\nstats detail off\r\n")
        assert c.read_mc_texts(5) == [b"OK\r\n", b"END\r\n", b"STORED\r\n",
                                      b"VALUE user:2 0 1\r\nx\r\nEND\r\n", b"DELETED\r\n"]
        dump = c.read_line() + c.read_line()
        assert dump == b"PREFIX user get 2 hit 1 set 1 del 1\r\nEND\r\n", dump
        assert c.read_line() == b"OK\r\n"


def test_stats_settings_reflect_options(server, mc):
    settings = dict(_stats(server.mc_port, b"settings"))
    assert settings[b"tcpport"] == str(server.mc_port).encode()
    assert settings[b"item_size_max"] == b"1048576"
    assert settings[b"auth_enabled_ascii"] == b"no"
