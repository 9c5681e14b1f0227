"""larder-server as a process: command line, configuration errors, ports already served,
signals (shutdown, SIGHUP reload), maxclients.

These exercise the daemon's own command line and signal handling, so they are marked
larder_only and deselected in LARDER_TARGET=peers mode.
"""

import json
import re
import signal
import subprocess
import time

import pytest

import servers
from servers import (START_TIMEOUT, STOP_TIMEOUT, free_port, larder_binary, run_larder,
                     safe_ports, start_memcached, start_redis)
from wire import (Conn, ConnectionClosed, mc_bin, parse_mc_binary, port_accepts, resp_cmd,
                  wait_until)

pytestmark = pytest.mark.larder_only


# --- command line -----------------------------------------------------------------------------

def test_version_flag():
    out = run_larder("--version")
    assert out.returncode == 0, out
    assert re.search(rb"\d+\.\d+\.\d+", out.stdout), out.stdout
    assert out.stdout.count(b"\n") == 1, out.stdout


def test_help_lists_options():
    out = run_larder("--help")
    assert out.returncode == 0, out
    text = out.stdout.decode()
    for option in ("--port", "--memcache-port", "--threads", "--maxmemory",
                   "--maxmemory-policy", "--config", "--bind"):
        assert option in text, f"--help does not mention {option}:\n{text}"


def error_lines(out):
    return [line for line in out.stderr.decode(errors="replace").splitlines() if line.strip()]


BAD_FLAGS = [
    ("threads_not_integer", ["--threads", "abc"], "threads"),
    ("threads_negative", ["--threads", "-1"], "threads"),
    ("port_out_of_range", ["--port", "70000"], "port"),
    ("shards_not_power_of_two", ["--shards", "3"], "shards"),
    ("maxmemory_bad_unit", ["--maxmemory", "12parsecs"], "maxmemory"),
    ("policy_unknown", ["--maxmemory-policy", "sometimes"], "maxmemory-policy"),
    ("unknown_option", ["--maxmemroy", "1"], "maxmemroy"),
    ("missing_value", ["--threads"], "threads"),
]


@pytest.mark.parametrize("name,args,key", BAD_FLAGS, ids=[b[0] for b in BAD_FLAGS])
def test_bad_flag_refused_with_one_line(name, args, key):
    # the bad flag goes last so that it cannot be overridden by the safe ports
    out = run_larder(*safe_ports(), *args)
    assert out.returncode != 0, out
    lines = error_lines(out)
    assert len(lines) == 1, f"expected one error line, got: {lines}"
    assert key in lines[0], f"error does not name {key!r}: {lines[0]}"


BAD_FILES = [
    ("unknown_key", {"maxmemroy": 1}, "maxmemroy"),
    ("wrong_type_string_for_integer", {"threads": "many"}, "threads"),
    ("wrong_type_bool_for_memory", {"maxmemory": True}, "maxmemory"),
    ("out_of_range", {"port": 99999}, "port"),
    ("bad_enum", {"loglevel": "loud"}, "loglevel"),
    ("listener_bad_protocol", {"listeners": [{"port": 1, "protocol": "gopher"}]}, "protocol"),
]


@pytest.mark.parametrize("name,content,key", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_config_file_refused_with_one_line(name, content, key, tmp_path):
    cfg = tmp_path / "larder.json"
    cfg.write_text(json.dumps(content))
    out = run_larder("--config", str(cfg), *safe_ports())
    assert out.returncode != 0, out
    lines = error_lines(out)
    assert len(lines) == 1, f"expected one error line, got: {lines}"
    assert key in lines[0], f"error does not name {key!r}: {lines[0]}"


def test_config_file_not_json(tmp_path):
    cfg = tmp_path / "broken.json"
    cfg.write_text('{"threads": 2,,}')
    out = run_larder("--config", str(cfg), *safe_ports())
    assert out.returncode != 0, out
    lines = error_lines(out)
    assert len(lines) == 1 and "broken.json" in lines[0], lines


def test_config_file_missing(tmp_path):
    out = run_larder("--config", str(tmp_path / "nope.json"), *safe_ports())
    assert out.returncode != 0, out
    lines = error_lines(out)
    assert len(lines) == 1 and "nope.json" in lines[0], lines


def test_valid_config_file_and_flags_override_it(start_server, tmp_path):
    file_port = free_port()
    cfg = tmp_path / "larder.json"
    cfg.write_text(json.dumps({"port": file_port, "maxclients": 100, "loglevel": "warning"}))
    srv = start_server(["--config", str(cfg)])  # the harness's --port comes first ...
    with Conn(srv.resp_port) as c:            # ... yet flags override the file wherever
        c.send(resp_cmd("PING"))
        assert c.read_resp() == b"+PONG\r\n"
    assert not port_accepts(file_port), "the file's port should be overridden by --port"


# --- signals ----------------------------------------------------------------------------------

def _shutdown_with_batch_in_flight(start_server, sig):
    srv = start_server()
    value = bytes(range(256)) * 256  # 64 KiB
    n = 2000                         # ~128 MiB of replies; the request itself is ~50 KiB
    with Conn(srv.resp_port, timeout=30) as c:
        c.send(resp_cmd("SET", "big", value))
        assert c.read_resp() == b"+OK\r\n"
        batch = resp_cmd("GET", "big") * n + resp_cmd("PING")
        c.send(batch)
        # wait until the server is answering the batch, then signal it mid-flight
        c.wait_for_data(10)
        srv.procs[0].send_signal(sig)
        expected = b"$%d\r\n%s\r\n" % (len(value), value)
        for i in range(n):
            reply = c.read_resp(time.monotonic() + 30)
            assert reply == expected, f"reply {i} of {n} after signal is wrong: {reply[:60]!r}"
        assert c.read_resp(time.monotonic() + 10) == b"+PONG\r\n"
        assert c.wait_closed(STOP_TIMEOUT), "server kept the connection open after shutdown"
    rc = srv.procs[0].wait(STOP_TIMEOUT)
    assert rc == 0, f"exit status {rc} after {signal.Signals(sig).name}:\n" \
                    f"{srv.procs[0].output_tail()}"


def test_sigterm_with_pipelined_batch_in_flight(start_server):
    _shutdown_with_batch_in_flight(start_server, signal.SIGTERM)


def test_sigint_with_pipelined_batch_in_flight(start_server):
    _shutdown_with_batch_in_flight(start_server, signal.SIGINT)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_shutdown_with_idle_clients(start_server, sig):
    srv = start_server()
    idle = [Conn(srv.resp_port), Conn(srv.mc_port), Conn(srv.mc_port)]
    idle[1].send(b"get ")  # a half-sent memcached command
    try:
        srv.procs[0].send_signal(sig)
        rc = srv.procs[0].wait(STOP_TIMEOUT)
        assert rc == 0, f"exit status {rc}:\n{srv.procs[0].output_tail()}"
        for c in idle:
            assert c.wait_closed(2), "idle client not disconnected at shutdown"
    finally:
        for c in idle:
            c.close()
    wait_until(lambda: not port_accepts(srv.resp_port), 5, "the RESP port to close")


def test_shutdown_is_logged(start_server):
    srv = start_server()
    srv.procs[0].send_signal(signal.SIGTERM)
    assert srv.procs[0].wait(STOP_TIMEOUT) == 0
    assert "SIGTERM" in srv.procs[0].output(), srv.procs[0].output_tail()


def test_sigterm_exits_zero_after_sighup(start_server):
    # SIGHUP reloads and keeps serving; a later SIGTERM still stops the server cleanly.
    srv = start_server()
    srv.procs[0].send_signal(signal.SIGHUP)
    wait_until(lambda: "received SIGHUP" in srv.procs[0].output(), 5, "the SIGHUP log line")
    srv.procs[0].send_signal(signal.SIGTERM)
    rc = srv.procs[0].wait(STOP_TIMEOUT)
    assert rc == 0, f"exit status {rc} after SIGHUP then SIGTERM:\n{srv.procs[0].output_tail()}"


# --- a port already served --------------------------------------------------------------------

def assert_answers(resp_port=None, mc_port=None):
    """The server on these ports still answers (PING; memcached version)."""
    if resp_port is not None:
        with Conn(resp_port) as c:
            c.send(resp_cmd("PING"))
            assert c.read_resp() == b"+PONG\r\n"
    if mc_port is not None:
        with Conn(mc_port) as c:
            c.send(b"version\r\n")
            assert c.read_line().startswith(b"VERSION "), c.consumed


def assert_port_refused(out, port):
    assert out.returncode != 0, f"started on port {port}, which is already served: {out}"
    err = out.stderr.decode(errors="replace")
    assert f"port {port} already in use" in err, err


@pytest.mark.parametrize("which", ["resp", "memcache"])
def test_second_server_on_a_served_port_refuses_to_start(start_server, which):
    first = start_server()
    taken = first.resp_port if which == "resp" else first.mc_port
    spare = free_port()
    ports = {"resp": [taken, spare], "memcache": [spare, taken]}[which]
    out = run_larder("--port", str(ports[0]), "--memcache-port", str(ports[1]), "--threads", "1")
    assert_port_refused(out, taken)
    assert not port_accepts(spare), "the refused server left its other port open"
    assert first.alive(), first.dead_report()
    assert_answers(first.resp_port, first.mc_port)


def test_port_held_by_redis_server_is_refused():
    redis = start_redis()
    try:
        out = run_larder("--port", str(redis.port), "--memcache-port", str(free_port()),
                         "--threads", "1")
        assert_port_refused(out, redis.port)
        assert redis.alive(), redis.output_tail()
        assert_answers(resp_port=redis.port)
    finally:
        redis.stop()
        redis.cleanup()


def test_port_held_by_memcached_is_refused():
    memcached = start_memcached()
    try:
        out = run_larder("--port", str(free_port()), "--memcache-port", str(memcached.port),
                         "--threads", "1")
        assert_port_refused(out, memcached.port)
        assert memcached.alive(), memcached.output_tail()
        assert_answers(mc_port=memcached.port)
    finally:
        memcached.stop()
        memcached.cleanup()


# --- SIGHUP -----------------------------------------------------------------------------------

class SplitOutputServer:
    """larder-server with stdout and stderr in separate files, to tell which stream a log
    line went to (the harness's servers merge them)."""

    def __init__(self, tmp_path, *extra):
        self.resp_port, self.mc_port = free_port(), free_port()
        self.out_path, self.err_path = tmp_path / "stdout.log", tmp_path / "stderr.log"
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.popen = subprocess.Popen(
                [larder_binary(), "--port", str(self.resp_port), "--memcache-port",
                 str(self.mc_port), "--threads", "2", *extra],
                stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                preexec_fn=servers._die_with_parent)
        try:
            wait_until(lambda: self.popen.poll() is not None or
                       (port_accepts(self.resp_port) and port_accepts(self.mc_port)),
                       START_TIMEOUT, "larder-server to accept on both ports")
        except AssertionError:
            self.kill()
            raise
        assert self.popen.poll() is None, f"larder-server exited: {self.stderr()}"

    def stdout(self):
        return self.out_path.read_text(errors="replace")

    def stderr(self):
        return self.err_path.read_text(errors="replace")

    def kill(self):
        if self.popen.poll() is None:
            self.popen.kill()
        self.popen.wait()


@pytest.fixture
def split_server(tmp_path):
    started = []

    def factory(*extra):
        srv = SplitOutputServer(tmp_path, *extra)
        started.append(srv)
        return srv

    yield factory
    for srv in started:
        srv.kill()


SIGHUP_LINE = "received SIGHUP, reloading what can be reloaded (memcache-auth-file)"


def test_sighup_keeps_serving_and_logs_to_stderr(split_server):
    srv = split_server()
    srv.popen.send_signal(signal.SIGHUP)
    wait_until(lambda: SIGHUP_LINE in srv.stderr(), 5, "the SIGHUP log line on stderr")
    assert srv.popen.poll() is None, f"larder-server exited on SIGHUP: {srv.stderr()}"
    assert SIGHUP_LINE not in srv.stdout()
    assert_answers(srv.resp_port, srv.mc_port)
    # A second SIGHUP is no different.
    srv.popen.send_signal(signal.SIGHUP)
    wait_until(lambda: srv.stderr().count(SIGHUP_LINE) == 2, 5, "the second SIGHUP log line")
    assert srv.popen.poll() is None
    assert_answers(srv.resp_port, srv.mc_port)


def text_login(port, user, password):
    """memcached -Y text login on a fresh connection; the reply line."""
    payload = f"{user} {password}".encode()
    with Conn(port) as c:
        c.send(b"set login 0 0 %d\r\n%s\r\n" % (len(payload), payload))
        return c.read_line()


SASL_AUTH = 0x21


def binary_login(port, user, password):
    """Binary SASL PLAIN login on a fresh connection; (status, value)."""
    with Conn(port) as c:
        c.send(mc_bin(SASL_AUTH, b"PLAIN", b"\0" + user.encode() + b"\0" + password.encode()))
        r = parse_mc_binary(c.read_mc_binary())
        return r.status, r.value


LOGGED_IN = b"STORED\r\n"
LOGIN_FAILED = b"CLIENT_ERROR authentication failure\r\n"


def test_sighup_rereads_memcache_auth_file(start_server, tmp_path):
    auth = tmp_path / "auth.txt"
    auth.write_text("user:pass\n")
    srv = start_server(["--memcache-auth-file", str(auth)])
    port = srv.mc_port
    assert text_login(port, "user", "pass") == LOGGED_IN
    with auth.open("a") as f:
        f.write("bob:later\n")
    # Read at start only: the appended user is unknown until SIGHUP.
    assert text_login(port, "bob", "later") == LOGIN_FAILED
    assert binary_login(port, "bob", "later") == (0x20, b"Auth failure.")

    srv.procs[0].send_signal(signal.SIGHUP)
    wait_until(lambda: text_login(port, "bob", "later") == LOGGED_IN, 5,
               "the user appended to memcache-auth-file to log in after SIGHUP")
    assert binary_login(port, "bob", "later") == (0, b"Authenticated")
    assert text_login(port, "user", "pass") == LOGGED_IN
    assert "received SIGHUP" in srv.procs[0].output()

    # A user removed from the file loses access at the next SIGHUP.
    auth.write_text("bob:later\n")
    srv.procs[0].send_signal(signal.SIGHUP)
    wait_until(lambda: text_login(port, "user", "pass") == LOGIN_FAILED, 5,
               "the removed user to be refused after SIGHUP")
    assert text_login(port, "bob", "later") == LOGGED_IN
    assert srv.alive(), srv.dead_report()


# --- maxclients -------------------------------------------------------------------------------

RESP_FULL = b"-ERR max number of clients reached\r\n"
MC_FULL = b"ERROR Too many open connections\r\n"


def served_client(port, protocol):
    """A connection the server admitted, proven by an answer. Connections the server still
    counts (readiness probes, clients just closed) may hold the limit for a moment, so a
    refusal is retried until the deadline."""
    conn = None

    def admitted():
        nonlocal conn
        request, want = {"resp": (resp_cmd("PING"), b"+PONG\r\n"),
                         "memcache": (b"version\r\n", b"VERSION ")}[protocol]
        c = Conn(port)
        try:
            c.send(request)
            reply = c.read_line()
        except (ConnectionClosed, OSError):
            # Refused: the server closed, maybe resetting before its line could be read.
            c.close()
            return False
        if reply.startswith(want):
            conn = c
            return True
        c.close()
        assert reply in (RESP_FULL, MC_FULL), f"neither an answer nor a refusal: {reply!r}"
        return False

    wait_until(admitted, 5, f"a {protocol} client on port {port} to be admitted")
    return conn


def refusal(port):
    """Connect and, sending nothing, read everything until the server closes."""
    with Conn(port) as c:
        data, closed = c.read_until_close(5)
    assert closed, f"refused connection left open after {data!r}"
    return data


def test_maxclients_shared_by_both_ports(start_server):
    srv = start_server(["--threads", "1", "--maxclients", "2"])
    resp = served_client(srv.resp_port, "resp")
    mc = served_client(srv.mc_port, "memcache")
    try:
        # Two clients, one on each port, fill the limit for both.
        assert refusal(srv.resp_port) == RESP_FULL
        assert refusal(srv.mc_port) == MC_FULL
        # The admitted clients are still served.
        resp.send(resp_cmd("PING"))
        assert resp.read_resp() == b"+PONG\r\n"
        mc.send(b"version\r\n")
        assert mc.read_line().startswith(b"VERSION ")

        # One leaves: a new client is served once the server has seen it go ...
        resp.close()
        resp = served_client(srv.resp_port, "resp")
        # ... and the limit holds again.
        assert refusal(srv.mc_port) == MC_FULL
        assert refusal(srv.resp_port) == RESP_FULL

        mc.close()
        mc = served_client(srv.mc_port, "memcache")
        assert refusal(srv.resp_port) == RESP_FULL
    finally:
        resp.close()
        mc.close()
    assert srv.alive(), srv.dead_report()


def test_maxclients_is_exact_across_worker_threads(start_server):
    # The kernel spreads accepts across workers; the limit still holds for the server as a
    # whole, whichever worker each client lands on.
    srv = start_server(["--threads", "2", "--maxclients", "3"])
    clients = [served_client(srv.resp_port, "resp") for _ in range(3)]
    try:
        for _ in range(4):  # several tries, so that both workers are asked
            assert refusal(srv.resp_port) == RESP_FULL
            assert refusal(srv.mc_port) == MC_FULL
        for c in clients:
            c.send(resp_cmd("PING"))
            assert c.read_resp() == b"+PONG\r\n"
    finally:
        for c in clients:
            c.close()
    assert srv.alive(), srv.dead_report()
