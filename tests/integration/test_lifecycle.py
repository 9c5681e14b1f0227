"""larder-server as a process: command line, configuration errors, graceful shutdown.

These exercise the daemon's own command line and signal handling, so they are marked
larder_only and deselected in LARDER_TARGET=peers mode.
"""

import json
import re
import signal
import subprocess
import time

import pytest

from servers import STOP_TIMEOUT, free_port, larder_binary
from wire import Conn, port_accepts, resp_cmd, wait_until

pytestmark = pytest.mark.larder_only


def run_larder(*args, timeout=10):
    """Run the binary to completion (for --help, --version and refused configs)."""
    try:
        return subprocess.run([larder_binary(), *args], capture_output=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"larder-server {' '.join(args)} still running after {timeout}s "
                             f"(it should have exited); output: {e.stdout!r} {e.stderr!r}")


def safe_ports():
    """Free ports, so that a config wrongly accepted never touches 6379/11211."""
    return ["--port", str(free_port()), "--memcache-port", str(free_port())]


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
