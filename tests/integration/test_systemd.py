"""Running under systemd: the sd_notify protocol (Type=notify: READY, RELOADING, STOPPING),
journald priority prefixes, and the shipped units (hardening no weaker than Debian's
redis-server unit, by systemd-analyze's own score; units that systemd-analyze verifies).

systemd is not PID 1 where CI runs, so the daemon is started the way the unit starts it:
with $NOTIFY_SOCKET (and $JOURNAL_STREAM) in its environment."""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile

import pytest

from servers import STOP_TIMEOUT, free_port, larder_binary, safe_ports
from wire import Conn, port_accepts, resp_cmd, wait_until

pytestmark = pytest.mark.larder_only

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UNITS = [os.path.join(ROOT, "packaging", u)
         for u in ("larder-server.service", "larder-server@.service")]
REDIS_UNIT = "/lib/systemd/system/redis-server.service"


class Notified:
    """A datagram socket standing in for systemd's notify socket."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)

    def next(self, timeout=10.0):
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(4096)
        except socket.timeout:
            raise AssertionError(f"no notification within {timeout}s")
        return dict(line.split("=", 1) for line in data.decode().splitlines())

    def close(self):
        self.sock.close()


@pytest.fixture
def notify_run():
    tmp = tempfile.mkdtemp(prefix="larder-notify-")
    notified = Notified(os.path.join(tmp, "notify.sock"))
    procs = []

    def start(*args, extra_env=None):
        env = dict(os.environ, NOTIFY_SOCKET=notified.path, **(extra_env or {}))
        p = subprocess.Popen([larder_binary(), *args], env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        procs.append(p)
        return p

    yield start, notified
    for p in procs:
        if p.poll() is None:
            p.kill()
        p.communicate()
    notified.close()
    shutil.rmtree(tmp)


def test_ready_reloading_stopping(notify_run):
    start, notified = notify_run
    port = free_port()
    p = start("--port", str(port), "--memcache-port", str(free_port()), "--threads", "1")
    ready = notified.next()
    assert ready["READY"] == "1"
    assert ready["MAINPID"] == str(p.pid)
    # READY means serving: no polling needed before the first request.
    with Conn(port) as c:
        c.send(resp_cmd("PING"))
        assert c.read_resp() == b"+PONG\r\n"

    p.send_signal(signal.SIGHUP)
    reloading = notified.next()
    assert reloading["RELOADING"] == "1"
    assert int(reloading["MONOTONIC_USEC"]) > 0
    assert notified.next()["READY"] == "1"
    assert p.poll() is None, "SIGHUP stopped the server"

    p.send_signal(signal.SIGTERM)
    assert notified.next()["STOPPING"] == "1"
    assert p.wait(STOP_TIMEOUT) == 0


def test_no_notify_socket_inherited_and_none_needed(notify_run):
    # Without $NOTIFY_SOCKET nothing is sent and the server runs as usual.
    port = free_port()
    p = subprocess.Popen([larder_binary(), "--port", str(port), "--memcache-port",
                          str(free_port())], env={k: v for k, v in os.environ.items()
                                                  if k != "NOTIFY_SOCKET"},
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: port_accepts(port), 10, "the server to listen")
    finally:
        p.send_signal(signal.SIGTERM)
        assert p.wait(STOP_TIMEOUT) == 0


def test_journal_lines_carry_priority_prefixes(notify_run):
    start, notified = notify_run
    p = start(*safe_ports(), "--loglevel", "notice", extra_env={"JOURNAL_STREAM": "8:12345"})
    assert notified.next()["READY"] == "1"
    p.send_signal(signal.SIGTERM)
    assert notified.next()["STOPPING"] == "1"
    assert p.wait(STOP_TIMEOUT) == 0
    lines = p.stderr.read().decode().splitlines()
    assert lines, "nothing logged"
    assert all(re.match(r"<[4-7]>\d+:M ", line) for line in lines), lines
    assert any(line.startswith("<5>") and "ready" in line for line in lines), lines


def test_refusal_is_logged_as_a_plain_line_without_journal(notify_run):
    start, _ = notify_run
    p = start(*safe_ports(), "--requirepass", "secret")
    assert p.wait(10) == 2
    assert not p.stderr.read().startswith(b"<")


def exposure(unit):
    out = subprocess.run(["systemd-analyze", "security", "--offline=true", unit],
                         capture_output=True, text=True, cwd=tempfile.gettempdir())
    m = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", out.stdout + out.stderr)
    assert m, f"no exposure level for {unit}:\n{out.stdout}\n{out.stderr}"
    return float(m.group(1))


@pytest.mark.parametrize("unit", UNITS, ids=os.path.basename)
def test_unit_hardening_no_weaker_than_redis(unit):
    assert os.path.exists(REDIS_UNIT), "Debian's redis-server package is needed for the reference"
    ours, redis = exposure(unit), exposure(REDIS_UNIT)
    assert ours <= redis, f"{os.path.basename(unit)} exposure {ours} > redis-server's {redis}"


@pytest.mark.parametrize("unit", UNITS, ids=os.path.basename)
def test_unit_verifies(unit, tmp_path):
    # systemd-analyze verify checks that ExecStart exists: point the copy at the build's binary.
    text = open(unit).read()
    assert "Type=notify" in text and "ExecReload=/bin/kill -HUP $MAINPID" in text
    name = os.path.basename(unit).replace("@.service", "@test.service")
    copy = tmp_path / name
    copy.write_text(text.replace("/usr/bin/larder-server", larder_binary()))
    out = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True,
                         text=True)
    problems = [line for line in (out.stdout + out.stderr).splitlines()
                if name in line or "larder" in line]
    assert out.returncode == 0 and not problems, out.stdout + out.stderr
