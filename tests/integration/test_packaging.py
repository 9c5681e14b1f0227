"""The packaged default configuration (packaging/larder.json) loads and takes effect."""

import os

import pytest
import redis

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGED_CONFIG = os.path.join(ROOT, "packaging", "larder.json")

pytestmark = pytest.mark.larder_only


def test_packaged_config_starts_and_applies(start_server):
    srv = start_server(["--config", PACKAGED_CONFIG])
    r = redis.Redis(port=srv.resp_port)
    assert r.config_get("maxmemory") == {"maxmemory": str(1 << 30)}
    assert r.config_get("maxmemory-policy") == {"maxmemory-policy": "allkeys-lru"}
    assert r.set("packaged", "yes") is True
    assert r.get("packaged") == b"yes"


def test_systemd_unit_runs_the_packaged_config():
    unit = open(os.path.join(ROOT, "packaging", "larder-server.service")).read()
    assert "ExecStart=/usr/bin/larder-server --config /etc/larder/larder.json" in unit
    assert "KillSignal=SIGTERM" in unit
