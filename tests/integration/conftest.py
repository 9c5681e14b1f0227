"""Fixtures for the integration suite: the server under test and the reference servers.

Run:   LARDER_SERVER=build/larder-server /usr/bin/python3 -m pytest -q tests/integration
Dev:   LARDER_TARGET=peers /usr/bin/python3 -m pytest -q tests/integration
       (redis-server answers RESP, memcached answers memcached; tests marked cross_protocol
       or larder_only need the real daemon and are deselected in this mode only)
"""

from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import servers  # noqa: E402
from servers import ServerUnderTest, start_memcached, start_redis  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "cross_protocol: needs one keyspace shared by RESP "
                            "and memcached (deselected in LARDER_TARGET=peers mode)")
    config.addinivalue_line("markers", "larder_only: exercises larder-server itself "
                            "(command line, config, signals); deselected in peers mode")


def pytest_report_header(config):
    mode = servers.target()
    if mode == "peers":
        return "larder integration: LARDER_TARGET=peers (redis-server + memcached)"
    try:
        return f"larder integration: LARDER_SERVER={servers.larder_binary()}"
    except RuntimeError as e:
        return f"larder integration: {e}"


def pytest_collection_modifyitems(config, items):
    if servers.target() == "larder":
        try:
            servers.larder_binary()
        except RuntimeError as e:
            raise pytest.UsageError(str(e))
        return
    keep, drop = [], []
    for item in items:
        if item.get_closest_marker("cross_protocol") or item.get_closest_marker("larder_only"):
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _finish(srv: ServerUnderTest):
    """Stop a server at teardown; a server that died during the tests is an error."""
    died = not srv.alive()
    report = srv.dead_report() if died else ""
    srv.stop()
    srv.cleanup()
    if died:
        pytest.fail(f"server under test died during the tests: {report}", pytrace=False)


@pytest.fixture(scope="module")
def server():
    """A fresh server under test for the whole module (shared keyspace across its tests)."""
    srv = ServerUnderTest()
    yield srv
    _finish(srv)


@pytest.fixture
def fresh_server():
    """A fresh server under test for one test."""
    srv = ServerUnderTest()
    yield srv
    _finish(srv)


@pytest.fixture
def start_server():
    """Factory: start_server(extra_args) -> ServerUnderTest; stopped (killed if need be) at
    teardown. The test owns asserting anything about how it stops."""
    started = []

    def factory(extra_args=()):
        srv = ServerUnderTest(extra_args)
        started.append(srv)
        return srv

    yield factory
    for srv in started:
        srv.stop(timeout=5)
        srv.cleanup()


@pytest.fixture(scope="module")
def reference_redis():
    """The real redis-server 7.0, for byte-for-byte comparison. Has `.port`."""
    proc = start_redis()
    yield proc
    proc.stop()
    proc.cleanup()


@pytest.fixture(scope="module")
def reference_memcached():
    """The real memcached 1.6, for byte-for-byte comparison. Has `.port`."""
    proc = start_memcached()
    yield proc
    proc.stop()
    proc.cleanup()


@pytest.fixture(scope="session")
def is_peers():
    return servers.target() == "peers"


def pytest_sessionfinish(session, exitstatus):
    # In peers mode a file whose tests are all larder-only is fully deselected; that is not
    # a failure of the run (pytest would report "no tests collected", status 5).
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and servers.target() == "peers":
        session.exitstatus = pytest.ExitCode.OK
