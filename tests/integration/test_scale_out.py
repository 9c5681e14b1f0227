"""Scale-out: three larder-server instances behind twemproxy (Debian's `nutcracker`).

One nutcracker process serves two pools over the same three instances:

  redis pool      redis: true, over each instance's RESP port      (redis-py connects here)
  memcache pool   memcached text protocol, over each memcached port (pymemcache connects here)

Both pools use `hash: fnv1a_64`, `distribution: ketama`, `auto_eject_hosts: false`, and give
the servers the same names (larder-0, larder-1, larder-2). twemproxy places ketama points by
server *name* when one is given, so the two pools map every key to the same named instance
even though they list different ports; that is what makes a key written through one pool
readable through the other (test_cross_protocol_*). Without names the continuum is built from
"host:port" strings, which differ between the pools, and the two pools would disagree.

The instances are checked directly (no proxy) to show where each key lives. Every process is
stopped at teardown (fixtures). nutcracker is required: if it is missing the tests FAIL (it is
in scripts/setup.sh's test packages), they are not skipped.
"""

from __future__ import annotations

import os
import shutil
import signal
import uuid

import pytest
import redis
from pymemcache.client.base import Client as MemcacheClient

from servers import START_TIMEOUT, Proc, StartError, free_port
from wire import HOST, port_accepts, wait_until

NUTCRACKER = shutil.which("nutcracker") or next(
    (p for p in ("/usr/sbin/nutcracker", "/usr/bin/nutcracker") if os.access(p, os.X_OK)), None)
INSTANCES = 3
NAMES = [f"larder-{i}" for i in range(INSTANCES)]


def nutcracker_yaml(redis_listen: int, mc_listen: int, resp_ports, mc_ports) -> str:
    """The configuration documented in docs/scale-out.md, with the ports filled in."""
    def pool(name, listen, ports, is_redis):
        lines = [
            f"{name}:",
            f"  listen: {HOST}:{listen}",
            "  hash: fnv1a_64",
            "  distribution: ketama",
            "  auto_eject_hosts: false",
            f"  redis: {'true' if is_redis else 'false'}",
            "  timeout: 2000",
            "  preconnect: true",
            "  servers:",
        ]
        lines += [f"    - {HOST}:{p}:1 {n}" for p, n in zip(ports, NAMES)]
        return "\n".join(lines) + "\n"

    return (pool("larder_redis", redis_listen, resp_ports, True) + "\n"
            + pool("larder_memcache", mc_listen, mc_ports, False))


class Nutcracker:
    def __init__(self, tmp_path, resp_ports, mc_ports):
        if NUTCRACKER is None:
            pytest.fail("nutcracker (twemproxy) is not installed: `apt-get install nutcracker` "
                        "(scripts/setup.sh test installs it); this test needs it and does not "
                        "skip", pytrace=False)
        self.proc = None
        last = None
        for attempt in range(5):
            ports = {free_port() for _ in range(3)}
            if len(ports) != 3:
                continue
            self.redis_port, self.mc_port, self.stats_port = sorted(ports)
            self.conf = tmp_path / f"nutcracker-{attempt}.yml"
            self.conf.write_text(nutcracker_yaml(self.redis_port, self.mc_port,
                                                 resp_ports, mc_ports))
            self.log = tmp_path / f"nutcracker-{attempt}.log"
            test = Proc([NUTCRACKER, "-t", "-c", str(self.conf)], "nutcracker-t")
            rc = test.wait(START_TIMEOUT)
            out = test.output()
            test.cleanup()
            assert rc == 0, f"nutcracker -t rejected the config (status {rc}):\n{out}\n" \
                            f"{self.conf.read_text()}"
            proc = Proc([NUTCRACKER, "-c", str(self.conf), "-o", str(self.log),
                         "-s", str(self.stats_port), "-a", HOST,
                         "-p", str(tmp_path / f"nutcracker-{attempt}.pid"), "-v", "6"],
                        "nutcracker")
            try:
                self._wait_ready(proc)
            except StartError as e:
                last = e
                proc.cleanup()
                if "in use" not in str(e).lower():
                    raise
                continue
            self.proc = proc
            return
        raise last or StartError("could not start nutcracker on free ports")

    def _log(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def _wait_ready(self, proc: Proc) -> None:
        for port in (self.redis_port, self.mc_port, self.stats_port):
            try:
                wait_until(lambda: port_accepts(port) or not proc.alive(), START_TIMEOUT,
                           f"nutcracker to listen on {port}")
            except AssertionError as e:
                raise StartError(f"{e}\n{self._log()}{proc.output_tail()}")
            if not proc.alive():
                raise StartError(f"nutcracker exited with status {proc.popen.returncode}:\n"
                                 f"{self._log()}{proc.output_tail()}")

    def stop(self) -> None:
        if self.proc is not None:
            died = not self.proc.alive()
            report = self._log() if died else ""
            self.proc.stop(signal.SIGTERM, timeout=5)
            self.proc.cleanup()
            self.proc = None
            if died:
                pytest.fail(f"nutcracker died during the test:\n{report}", pytrace=False)


class Cluster:
    def __init__(self, servers, proxy: Nutcracker):
        self.servers = servers
        self.proxy = proxy
        self._clients = []

    def _keep(self, c):
        self._clients.append(c)
        return c

    def proxy_redis(self) -> redis.Redis:
        return self._keep(redis.Redis(host=HOST, port=self.proxy.redis_port,
                                      socket_timeout=5))

    def proxy_memcache(self) -> MemcacheClient:
        return self._keep(MemcacheClient((HOST, self.proxy.mc_port), timeout=5,
                                         connect_timeout=5))

    def direct_redis(self):
        return [self._keep(redis.Redis(host=HOST, port=s.resp_port, socket_timeout=5))
                for s in self.servers]

    def direct_memcache(self):
        return [self._keep(MemcacheClient((HOST, s.mc_port), timeout=5, connect_timeout=5))
                for s in self.servers]

    def close(self):
        for c in self._clients:
            try:
                c.close()
            except Exception:
                pass


@pytest.fixture
def cluster(start_server, tmp_path):
    servers = [start_server() for _ in range(INSTANCES)]
    proxy = Nutcracker(tmp_path, [s.resp_port for s in servers], [s.mc_port for s in servers])
    c = Cluster(servers, proxy)
    yield c
    c.close()
    proxy.stop()
    dead = [s.dead_report() for s in servers if not s.alive()]
    assert not dead, f"an instance died during the test: {dead}"


def unique(prefix: str) -> str:
    return f"{prefix}:{uuid.uuid4().hex}"


def holders_redis(direct, key: str) -> list[int]:
    return [i for i, r in enumerate(direct) if r.exists(key) == 1]


def holders_memcache(direct, key: str) -> list[int]:
    return [i for i, m in enumerate(direct) if m.get(key) is not None]


# --- (a) Redis clients through the RESP pool ------------------------------------------------

def test_redis_key_lands_on_exactly_one_instance(cluster):
    proxy = cluster.proxy_redis()
    direct = cluster.direct_redis()
    key, value = unique("resp"), b"value-" + uuid.uuid4().hex.encode()
    assert proxy.set(key, value) is True
    assert proxy.get(key) == value, "not read back through the proxy"
    where = holders_redis(direct, key)
    assert len(where) == 1, f"{key} is on instances {where}, expected exactly one"
    assert direct[where[0]].get(key) == value
    # and deleted through the proxy from the instance that holds it
    assert proxy.delete(key) == 1
    assert holders_redis(direct, key) == []
    assert proxy.get(key) is None


# --- (b) memcached clients through the memcached pool ---------------------------------------

def test_memcache_key_lands_on_exactly_one_instance(cluster):
    proxy = cluster.proxy_memcache()
    direct = cluster.direct_memcache()
    key, value = unique("mc"), b"value-" + uuid.uuid4().hex.encode()
    assert proxy.set(key, value, noreply=False) is True
    assert proxy.get(key) == value, "not read back through the proxy"
    where = holders_memcache(direct, key)
    assert len(where) == 1, f"{key} is on instances {where}, expected exactly one"
    assert direct[where[0]].get(key) == value
    assert proxy.delete(key, noreply=False) is True
    assert holders_memcache(direct, key) == []


# --- (c) ketama spreads keys over every instance, each key on exactly one -------------------

# Keys are random (uuid4) strings. twemproxy's fnv1a_64 is computed in 32 bits with the FNV
# prime truncated to 0x1b3, so keys that differ only in their last one or two characters
# ("user:1000" .. "user:1199") land next to each other on the ring, typically all on one
# instance; that is a property of the hash, documented in docs/scale-out.md, not of ketama.
# A share of at least 20 of 200 keys per instance: with three equal-weight servers each owns
# about a third of the ring (64 +- 7 keys), so fewer than 20 means placement is broken.
MIN_SHARE = 20


def test_keys_spread_over_all_instances(cluster):
    proxy = cluster.proxy_redis()
    direct = cluster.direct_redis()
    keys = [unique("spread") for _ in range(200)]
    for i, k in enumerate(keys):
        assert proxy.set(k, str(i)) is True
    per_instance = [0] * INSTANCES
    for k in keys:
        where = holders_redis(direct, k)
        assert len(where) == 1, f"{k} is on instances {where}, expected exactly one"
        per_instance[where[0]] += 1
    assert sum(per_instance) == len(keys)
    assert all(n >= MIN_SHARE for n in per_instance), \
        f"ketama did not spread 200 keys over the 3 instances: {per_instance}"
    # MGET through the proxy is split by key across the instances and reassembled in order
    assert proxy.mget(keys) == [str(i).encode() for i in range(len(keys))]

    # the memcached pool spreads its keys too
    mproxy = cluster.proxy_memcache()
    mdirect = cluster.direct_memcache()
    mc_per_instance = [0] * INSTANCES
    for i in range(200):
        k = unique("spread-mc")
        assert mproxy.set(k, str(i).encode(), noreply=False) is True
        where = holders_memcache(mdirect, k)
        assert len(where) == 1, f"{k} is on instances {where}, expected exactly one"
        mc_per_instance[where[0]] += 1
    assert sum(mc_per_instance) == 200
    assert all(n >= MIN_SHARE for n in mc_per_instance), \
        f"ketama did not spread 200 keys over the 3 instances: {mc_per_instance}"


# --- (d) cross-protocol: one keyspace per instance ------------------------------------------

@pytest.mark.cross_protocol
def test_cross_protocol_memcache_set_read_by_redis_on_its_instance(cluster):
    mproxy = cluster.proxy_memcache()
    rdirect = cluster.direct_redis()
    mdirect = cluster.direct_memcache()
    for i in range(20):
        key, value = unique(f"x{i}"), f"from-memcache-{i}".encode()
        assert mproxy.set(key, value, noreply=False) is True
        mc_where = holders_memcache(mdirect, key)
        assert len(mc_where) == 1, f"{key} is on instances {mc_where}"
        # the instance that stores it (memcached port) answers Redis GET for it (RESP port);
        # no other instance has it under either protocol
        assert holders_redis(rdirect, key) == mc_where
        assert rdirect[mc_where[0]].get(key) == value


@pytest.mark.cross_protocol
def test_cross_protocol_named_pools_agree(cluster):
    """With the same server names in both pools, both pools send a key to the same
    instance, so a key set through one pool is read through the other."""
    rproxy = cluster.proxy_redis()
    mproxy = cluster.proxy_memcache()
    rdirect = cluster.direct_redis()
    for i in range(50):
        key = unique(f"agree{i}")
        assert mproxy.set(key, b"m", noreply=False) is True
        assert rproxy.get(key) == b"m", f"{key} set through the memcached pool is not " \
                                        "found through the redis pool"
        key2 = unique(f"agree-r{i}")
        assert rproxy.set(key2, b"r") is True
        assert mproxy.get(key2) == b"r"
        assert len(holders_redis(rdirect, key)) == 1
        assert len(holders_redis(rdirect, key2)) == 1
