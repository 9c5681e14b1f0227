"""Helpers shared by bench/compare, bench/memory and the live larder-bench test.

Starts private servers (Larder, redis-server, memcached) on free loopback ports, talks to
them over plain sockets (no client libraries needed, so the scripts run from a folder of
carried binaries), reads their RSS, and stops exactly the processes they started.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

LOOPBACK = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def find_binary(env_name, default_name, extra_dirs=()):
    """$ENV_NAME if set, else ./extra_dirs/default_name, else PATH. None if not found."""
    path = os.environ.get(env_name)
    if path:
        return path if os.access(path, os.X_OK) else None
    for d in extra_dirs:
        cand = os.path.join(d, default_name)
        if os.access(cand, os.X_OK):
            return cand
    return shutil.which(default_name)


def wait_port(port, timeout=10.0, proc=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {LOOPBACK}:{port} after {timeout}s")


def _cpus_prefix(cpus):
    if not cpus:
        return []
    taskset = shutil.which("taskset")
    return [taskset, "-c", cpus] if taskset else []


class Server:
    """One server process. kind: larder | redis | memcached."""

    def __init__(self, kind, binary, threads=1, cpus=None, log_dir=None, memory_mb=4096):
        self.kind, self.binary, self.threads, self.cpus = kind, binary, threads, cpus
        self.memory_mb = memory_mb
        self.dir = log_dir or tempfile.mkdtemp(prefix=f"bench-{kind}-")
        self.proc = None
        self.resp_port = None
        self.mc_port = None

    def argv(self):
        if self.kind == "larder":
            self.resp_port, self.mc_port = free_port(), free_port()
            return [self.binary, "--port", str(self.resp_port), "--memcache-port", str(self.mc_port),
                    "--threads", str(self.threads)] + os.environ.get("LARDER_ARGS", "").split()
        if self.kind == "redis":
            self.resp_port = free_port()
            a = [self.binary, "--bind", LOOPBACK, "--port", str(self.resp_port), "--save", "", "--appendonly", "no",
                 "--protected-mode", "no", "--dir", self.dir, "--logfile", ""]
            if self.threads > 1:
                a += ["--io-threads", str(self.threads), "--io-threads-do-reads", "yes"]
            return a
        if self.kind == "memcached":
            self.mc_port = free_port()
            a = [self.binary, "-l", LOOPBACK, "-p", str(self.mc_port), "-U", "0", "-t", str(self.threads),
                 "-m", str(self.memory_mb), "-c", "4096"]
            if os.geteuid() == 0:
                a += ["-u", "root"]
            return a
        raise ValueError(self.kind)

    def start(self):
        argv = _cpus_prefix(self.cpus) + self.argv()
        self.log_path = os.path.join(self.dir, f"{self.kind}.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        try:
            for p in (self.resp_port, self.mc_port):
                if p:
                    wait_port(p, proc=self.proc)
        except RuntimeError as e:
            self.stop()
            with open(self.log_path, "rb") as f:
                tail = f.read()[-2000:].decode(errors="replace")
            raise RuntimeError(f"{self.kind} ({' '.join(argv)}): {e}\n{tail}") from None
        if self.cpus and shutil.which("taskset"):
            # every thread, including ones created later by the server, is pinned through
            # inheritance; re-pin the threads that already exist to be sure
            subprocess.run(["taskset", "-a", "-cp", self.cpus, str(self.proc.pid)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
        return self

    @property
    def pid(self):
        return self.proc.pid

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        tck = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / tck  # utime + stime

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _recv_until(sock, done, timeout=10.0):
    sock.settimeout(timeout)
    buf = b""
    while not done(buf):
        chunk = sock.recv(65536)
        if not chunk:
            break
        buf += chunk
    return buf


def resp_command(port, *args):
    """Sends one RESP command, returns the raw reply bytes (bulk/simple/integer/error)."""
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)

    def complete(buf):
        if not buf.endswith(b"\r\n"):
            return False
        if buf[:1] == b"$":
            n = int(buf[1:buf.index(b"\r\n")])
            return n < 0 or len(buf) >= buf.index(b"\r\n") + 2 + n + 2
        return True

    with socket.create_connection((LOOPBACK, port), timeout=10) as s:
        s.sendall(out)
        return _recv_until(s, complete)


def resp_value(port, *args):
    r = resp_command(port, *args)
    if r[:1] == b"$":
        n = int(r[1:r.index(b"\r\n")])
        return None if n < 0 else r[r.index(b"\r\n") + 2:][:n]
    return r[1:].rstrip(b"\r\n")


def redis_info(port, section=""):
    raw = resp_value(port, "INFO", section) if section else resp_value(port, "INFO")
    info = {}
    for line in (raw or b"").decode(errors="replace").splitlines():
        if ":" in line and not line.startswith("#"):
            k, v = line.split(":", 1)
            info[k] = v
    return info


def mc_command(port, line):
    """Sends one memcached text command; returns the reply text (through END for stats/get)."""
    with socket.create_connection((LOOPBACK, port), timeout=10) as s:
        s.sendall(line.encode() + b"\r\n")
        word = line.split()[0]
        if word in ("stats", "get", "gets"):
            buf = _recv_until(s, lambda b: b.endswith(b"END\r\n") or b.startswith(b"ERROR"))
        else:
            buf = _recv_until(s, lambda b: b.endswith(b"\r\n"))
        return buf.decode(errors="replace")


def mc_stats(port):
    stats = {}
    for line in mc_command(port, "stats").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "STAT":
            stats[parts[1]] = parts[2]
    return stats


def cpu_busy_fraction(interval=1.0):
    """Fraction of all CPUs busy over `interval` seconds (from /proc/stat)."""
    def snap():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        idle = v[3] + (v[4] if len(v) > 4 else 0)
        return sum(v), idle
    t0, i0 = snap()
    time.sleep(interval)
    t1, i1 = snap()
    return 1.0 - (i1 - i0) / max(1, t1 - t0)


def wait_idle(max_wait, threshold=0.15, log=print):
    """Waits up to max_wait seconds for the machine to be mostly idle; returns the busy fraction seen last."""
    deadline = time.time() + max_wait
    busy = cpu_busy_fraction()
    while busy > threshold and time.time() < deadline:
        log(f"machine busy ({busy:.0%} of CPU in use by other processes); waiting...")
        time.sleep(4)
        busy = cpu_busy_fraction()
    return busy


def update_doc(doc_path, name, text):
    """Replaces the text between <!-- bench:NAME:begin --> and <!-- bench:NAME:end --> in
    doc_path (docs/benchmarks.md), so the document always shows the latest figures. Returns
    False when the file or the markers are missing."""
    begin, end = f"<!-- bench:{name}:begin -->", f"<!-- bench:{name}:end -->"
    try:
        with open(doc_path) as f:
            doc = f.read()
    except OSError:
        return False
    i, j = doc.find(begin), doc.find(end)
    if i < 0 or j < i:
        return False
    with open(doc_path, "w") as f:
        f.write(doc[:i + len(begin)] + "\n" + text.rstrip() + "\n" + doc[j:])
    return True
