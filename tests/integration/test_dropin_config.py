"""Drop-in configuration against Debian's own files: /etc/redis/redis.conf (shipped by
redis-server) and /etc/memcached.conf (shipped by memcached), as docs/configuration.md
("Drop-in: memcached flags and redis.conf") describes them.

Debian's redis.conf asks for three things Larder refuses (daemonize yes, a pidfile, a
logfile), so `--check-config` answers with exactly those three lines and exit status 2; with
the overrides Debian's own unit passes (--daemonize no) plus --pidfile "" --logfile "" it is
OK and serves. Debian's memcached.conf is read the way Debian's systemd wrapper reads it
(without -d and logfile); its -u memcache and -P are refused with their lines, and with -u
naming the current user and without -P it serves, the flags taking effect.
"""

import getpass
import re
import shutil
from pathlib import Path

import pytest
import redis
from pymemcache.client.base import Client as MemcacheClient

import servers
from servers import Proc, StartError, free_port, larder_binary, run_larder

pytestmark = pytest.mark.larder_only

REDIS_CONF = Path("/etc/redis/redis.conf")
MEMCACHED_CONF = Path("/etc/memcached.conf")


def stderr_lines(out):
    return [line for line in out.stderr.decode(errors="replace").splitlines() if line.strip()]


def start_larder(args, ports):
    """larder-server with `args`, where `ports()` gives (args for free ports, the ports to
    wait for); retried when a port turned out to be taken."""
    last = None
    for _ in range(5):
        port_args, wait_ports = ports()
        proc = Proc([larder_binary(), *args, *port_args], "larder-server")
        try:
            servers._wait_ready([proc], wait_ports)
            return proc
        except StartError as e:
            last = e
            proc.cleanup()
            if "in use" not in str(e).lower():
                raise
    raise last


# --- redis.conf ---------------------------------------------------------------------------

def directive_lines(path):
    """(line number, args) of every directive line, split on blanks (enough for Debian's
    file, whose quoted values hold no blanks that matter here)."""
    out = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        text = line.strip()
        if text and not text.startswith("#"):
            out.append((number, text.split()))
    return out


@pytest.fixture
def redis_conf(tmp_path):
    copy = tmp_path / "redis.conf"
    shutil.copyfile(REDIS_CONF, copy)
    return copy


def expected_refusals(conf):
    reasons = {
        "daemonize": "Larder does not daemonize; it runs in the foreground (systemd supervises "
                     "it); set daemonize no",
        "pidfile": "Larder does not write a pid file (systemd tracks the process); remove the "
                   "line",
        "logfile": "Larder logs to stderr only (journald under systemd); set logfile \"\" or "
                   "remove the line",
    }
    lines = []
    for number, args in directive_lines(conf):
        if args[0] in reasons:
            lines.append(f"config: {conf}:{number}: {' '.join(args)}: {reasons[args[0]]}")
    return lines


def check_warnings(lines, conf):
    """Debian's file: one note for the optional ::1 and one line listing what is ignored."""
    bind_line = next(n for n, args in directive_lines(conf) if args[0] == "bind")
    assert lines[0] == (f"config: {conf}:{bind_line}: bind: not binding the optional "
                        f"address(es) ::1 (Larder binds one address per port: 127.0.0.1)")
    m = re.fullmatch(rf"config: {re.escape(str(conf))}: ignored (\d+) directives Larder does "
                     rf"not implement: (.*)", lines[1])
    assert m, lines[1]
    names = m.group(2).split(", ")
    assert int(m.group(1)) == len(names) == len(set(names))
    for ignored in ("tcp-keepalive", "appendonly", "dir", "client-output-buffer-limit"):
        assert ignored in names
    for honoured in ("port", "bind", "tcp-backlog", "databases", "hz", "loglevel", "timeout",
                     "protected-mode", "daemonize", "pidfile", "logfile"):
        assert honoured not in names


def test_debian_redis_conf_check_refuses_what_larder_cannot_do(redis_conf):
    out = run_larder("--check-config", str(redis_conf))
    assert out.returncode == 2, out
    assert out.stdout == b""
    lines = stderr_lines(out)
    refusals = expected_refusals(redis_conf)
    assert len(refusals) == 3, refusals  # daemonize yes, pidfile, logfile in Debian's file
    check_warnings(lines, redis_conf)
    assert lines[2:] == refusals


OVERRIDES = ["--daemonize", "no", "--pidfile", "", "--logfile", ""]


def test_debian_redis_conf_check_ok_with_overrides(redis_conf):
    out = run_larder("--check-config", str(redis_conf), "--supervised", "systemd", *OVERRIDES)
    assert out.returncode == 0, out
    assert out.stdout == b"config OK\n"
    check_warnings(stderr_lines(out), redis_conf)


def test_debian_redis_conf_serves(redis_conf):
    def ports():
        rp, mp = free_port(), free_port()
        return ["--port", str(rp), "--memcache-port", str(mp)], [rp, mp]

    proc = start_larder([str(redis_conf), *OVERRIDES], ports)
    try:
        rp = int(proc.argv[proc.argv.index("--port") + 1])
        r = redis.Redis(host="127.0.0.1", port=rp, socket_timeout=5)
        assert r.ping()
        # Debian's values, honoured: tcp-backlog 511, databases 16, hz 10, bind 127.0.0.1.
        assert r.config_get("tcp-backlog") == {"tcp-backlog": "511"}
        assert r.config_get("databases") == {"databases": "16"}
        assert r.config_get("bind") == {"bind": "127.0.0.1"}
        assert r.set("dropin", "yes")
        assert r.get("dropin") == b"yes"
        r.close()
    finally:
        proc.stop()
        output = proc.output()
        proc.cleanup()
    check_warnings([line for line in output.splitlines() if line.startswith("config: ")],
                   redis_conf)


# --- memcached.conf -----------------------------------------------------------------------

def memcached_conf_argv(drop=("-d",)):
    """/etc/memcached.conf as argv, the way Debian's systemd-memcached-wrapper reads it:
    '#' starts a comment, `logfile` is not a flag (the wrapper drops it), each line holds one
    flag and its value. Lines whose flag is in `drop` are left out."""
    argv = []
    for line in MEMCACHED_CONF.read_text().splitlines():
        text = line.split("#", 1)[0].strip()
        if not text or text.startswith("logfile"):
            continue
        parts = text.split(None, 1)
        if parts[0] in drop:
            continue
        argv.extend(parts)
    return argv


def with_value(argv, flag, value):
    i = argv.index(flag)
    return argv[:i + 1] + [value] + argv[i + 2:]


def without(argv, flag):
    i = argv.index(flag)
    return argv[:i] + argv[i + 2:]


def test_debian_memcached_conf_as_written_is_refused_at_d():
    argv = memcached_conf_argv(drop=())
    assert "-d" in argv  # Debian's file says -d (its wrapper drops it)
    out = run_larder(*with_value(argv, "-p", str(free_port())), "--port", str(free_port()))
    assert out.returncode == 2, out
    assert stderr_lines(out) == ["config: -d: Larder does not daemonize; it runs in the "
                                 "foreground (systemd supervises it); drop -d"]


def test_debian_memcached_conf_user_and_pidfile_refused():
    argv = memcached_conf_argv()
    user = argv[argv.index("-u") + 1]
    assert user != getpass.getuser()  # Debian's file names 'memcache'; the tests run as another
    out = run_larder(*without(argv, "-P"), "--port", str(free_port()))
    assert out.returncode == 2, out
    assert stderr_lines(out) == [f"config: -u {user}: Larder does not switch users; start it "
                                 f"as '{user}' (systemd: User={user}) and drop -u"]
    pidfile = argv[argv.index("-P") + 1]
    out = run_larder(*with_value(argv, "-u", getpass.getuser()), "--port", str(free_port()))
    assert out.returncode == 2, out
    assert stderr_lines(out) == [f"config: -P {pidfile}: Larder does not write a pid file "
                                 f"(systemd tracks the process); drop -P"]


def test_debian_memcached_conf_serves_with_its_flags():
    argv = without(with_value(memcached_conf_argv(), "-u", getpass.getuser()), "-P")
    megabytes = int(argv[argv.index("-m") + 1])
    address = argv[argv.index("-l") + 1]

    def ports():
        mp, rp = free_port(), free_port()
        return with_value(argv, "-p", str(mp)) + ["--port", str(rp)], [mp, rp]

    proc = start_larder([], ports)
    try:
        mp = int(proc.argv[proc.argv.index("-p") + 1])
        rp = int(proc.argv[proc.argv.index("--port") + 1])
        mc = MemcacheClient((address, mp), timeout=5)
        settings = mc.stats("settings")
        assert settings[b"maxbytes"] == megabytes * 1024 * 1024
        assert settings[b"tcpport"] == mp
        assert settings[b"inter"] == address.encode()
        assert mc.set("dropin", b"mc", noreply=False)
        assert mc.get("dropin") == b"mc"
        mc.close()
        r = redis.Redis(host=address, port=rp, socket_timeout=5)
        assert r.config_get("maxmemory") == {"maxmemory": str(megabytes * 1024 * 1024)}
        assert r.config_get("bind") == {"bind": address}
        assert r.get("dropin") == b"mc"  # one keyspace for both protocols
        r.close()
    finally:
        proc.stop()
        proc.cleanup()
