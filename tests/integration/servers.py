"""Starting and stopping real server processes on free loopback ports.

The server under test is chosen by the environment:

  LARDER_SERVER=/path/to/larder-server   the daemon, started as
        larder-server --port P --memcache-port M --threads 2 [extra args]
  LARDER_TARGET=peers                    development mode: the RESP side is a real
        redis-server and the memcached side a real memcached (two processes, two keyspaces)

Without either, <repo>/build/larder-server is used if it exists.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional, Sequence

from wire import HOST, port_accepts

REPO = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
MEMCACHED = shutil.which("memcached") or "/usr/bin/memcached"
START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0


def target() -> str:
    """'peers' or 'larder'."""
    t = os.environ.get("LARDER_TARGET", "").strip().lower()
    if t in ("peers", "peer", "reference"):
        return "peers"
    if t not in ("", "larder"):
        raise RuntimeError(f"LARDER_TARGET must be 'peers' or 'larder', got {t!r}")
    return "larder"


def larder_binary() -> str:
    path = os.environ.get("LARDER_SERVER")
    if not path:
        default = REPO / "build" / "larder-server"
        if default.exists():
            return str(default)
        raise RuntimeError("set LARDER_SERVER=/path/to/larder-server (or LARDER_TARGET=peers "
                           "to develop the tests against redis-server + memcached)")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"LARDER_SERVER={path} is not an executable file")
    return path


_libc = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child before exec: get SIGKILL if the test process dies (e.g. a ctest timeout),
    so that no server outlives the suite."""
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Proc:
    """One child process with its output captured to a temp file."""

    def __init__(self, argv: Sequence[str], name: str):
        self.argv = list(argv)
        self.name = name
        self.log = tempfile.NamedTemporaryFile(prefix=f"larder-it-{name}-", suffix=".log",
                                               delete=False)
        self.popen = subprocess.Popen(self.argv, stdout=self.log, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def output(self) -> str:
        try:
            return Path(self.log.name).read_text(errors="replace")
        except OSError:
            return ""

    def output_tail(self, n: int = 3000) -> str:
        return self.output()[-n:]

    def send_signal(self, sig: int) -> None:
        if self.alive():
            self.popen.send_signal(sig)

    def wait(self, timeout: float) -> Optional[int]:
        try:
            return self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT) -> Optional[int]:
        """Signal, wait; kill if it does not exit in time. Returns the exit status, or None
        when it had to be killed."""
        if self.alive():
            self.popen.send_signal(sig)
        rc = self.wait(timeout)
        if rc is None:
            self.popen.kill()
            self.popen.wait()
        return rc

    def cleanup(self) -> None:
        if self.alive():
            self.popen.kill()
            self.popen.wait()
        self.log.close()
        try:
            os.unlink(self.log.name)
        except OSError:
            pass


class StartError(RuntimeError):
    pass


def _wait_ready(procs: Sequence[Proc], ports: Sequence[int]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    pending = list(ports)
    while pending:
        for p in procs:
            if not p.alive():
                raise StartError(f"{p.name} exited with status {p.popen.returncode} while "
                                 f"starting: {' '.join(p.argv)}\n{p.output_tail()}")
        if port_accepts(pending[0]):
            pending.pop(0)
            continue
        if time.monotonic() > deadline:
            raise StartError(f"port {pending[0]} not accepting after {START_TIMEOUT}s: "
                             + "; ".join(f"{p.name}: {p.output_tail(500)}" for p in procs))
        time.sleep(0.01)  # polling interval between connection attempts, not a synchronisation


def start_redis(port: Optional[int] = None, extra: Sequence[str] = ()) -> Proc:
    for _ in range(5):
        p = port or free_port()
        proc = Proc([REDIS_SERVER, "--port", str(p), "--bind", HOST, "--save", "",
                     "--appendonly", "no", "--daemonize", "no", *extra], "redis-server")
        proc.port = p
        try:
            _wait_ready([proc], [p])
            return proc
        except StartError:
            proc.cleanup()
            if port:
                raise
    raise StartError("could not start redis-server on a free port")


def start_memcached(port: Optional[int] = None, extra: Sequence[str] = ()) -> Proc:
    for _ in range(5):
        p = port or free_port()
        proc = Proc([MEMCACHED, "-p", str(p), "-U", "0", "-l", HOST, "-u", "root", *extra],
                    "memcached")
        proc.port = p
        try:
            _wait_ready([proc], [p])
            return proc
        except StartError:
            proc.cleanup()
            if port:
                raise
    raise StartError("could not start memcached on a free port")


class ServerUnderTest:
    """The daemon (one process) or, in peers mode, redis-server + memcached.

    resp_port   where RESP clients connect
    mc_port     where memcached clients (text and binary) connect
    procs       the processes; `proc` is the larder process (None in peers mode)
    """

    def __init__(self, extra_args: Sequence[str] = (), mode: Optional[str] = None):
        self.mode = mode or target()
        self.extra_args = list(extra_args)
        self.procs: list[Proc] = []
        self.proc: Optional[Proc] = None
        self.host = HOST
        if self.mode == "peers":
            self._start_peers()
        else:
            self._start_larder()

    def _start_peers(self) -> None:
        # Redis buffers replies for a client that does not read without limit by default;
        # the cap makes it drop such a client (as it does for replicas and pubsub).
        r = start_redis(extra=["--client-output-buffer-limit", "normal 64mb 32mb 10"])
        self.procs.append(r)
        m = start_memcached()
        self.procs.append(m)
        self.resp_port, self.mc_port = r.port, m.port

    def _start_larder(self) -> None:
        binary = larder_binary()
        last = None
        for _ in range(5):
            rp, mp = free_port(), free_port()
            if rp == mp:
                continue
            proc = Proc([binary, "--port", str(rp), "--memcache-port", str(mp), "--threads", "2",
                         *self.extra_args], "larder-server")
            try:
                _wait_ready([proc], [rp, mp])
            except StartError as e:
                last = e
                proc.cleanup()
                if "in use" not in str(e).lower():
                    raise
                continue
            self.proc = proc
            self.procs = [proc]
            self.resp_port, self.mc_port = rp, mp
            return
        raise last or StartError("could not start larder-server")

    @property
    def is_peers(self) -> bool:
        return self.mode == "peers"

    def alive(self) -> bool:
        return all(p.alive() for p in self.procs)

    def dead_report(self) -> str:
        return "; ".join(f"{p.name} pid {p.pid} exited with {p.popen.returncode}:\n"
                         f"{p.output_tail()}" for p in self.procs if not p.alive())

    def stop(self, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT) -> list:
        return [p.stop(sig, timeout) for p in self.procs]

    def cleanup(self) -> None:
        for p in self.procs:
            p.cleanup()

    def rss_bytes(self) -> int:
        """Resident set size of all processes."""
        total = 0
        for p in self.procs:
            try:
                for line in Path(f"/proc/{p.pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                pass
        return total


def run_larder(*args, timeout=10):
    """Run the binary to completion (--help, --version, or a configuration it must refuse);
    a run that is still going after `timeout` started when it should have exited."""
    try:
        return subprocess.run([larder_binary(), *args], capture_output=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"larder-server {' '.join(args)} still running after {timeout}s "
                             f"(it should have exited); output: {e.stdout!r} {e.stderr!r}")


def safe_ports():
    """Free ports, so that a config wrongly accepted never touches 6379/11211."""
    return ["--port", str(free_port()), "--memcache-port", str(free_port())]
