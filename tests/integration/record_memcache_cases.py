#!/usr/bin/python3
"""Re-records tests/integration/memcache_cases.json from a live memcached 1.6.

    /usr/bin/python3 tests/integration/record_memcache_cases.py [--memcached PATH] [--only NAME...]

Starts memcached on free loopback ports (one per server profile, and a new one for each
case marked `fresh`), runs every case of memcache_case_list.CASES against it and writes the
normalised replies next to the requests. test_memcache_reference.py replays the file
against Larder. Run it after adding or changing a case; review the diff of the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import memcache_cases as mc  # noqa: E402
from memcache_case_list import CASES  # noqa: E402

HOST = mc.HOST


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Profiles:
    """Server command lines per profile; files they need live in one temp dir."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="mc-record-"))
        self.auth_file = self.dir / "auth.txt"
        self.auth_file.write_text(mc.AUTH_FILE_TEXT)
        sasl = self.dir / "sasl"
        sasl.mkdir()
        # PLAIN only, and no user database: every login fails, which is what is recorded.
        (sasl / "memcached.conf").write_text(
            f"mech_list: plain\nsasldb_path: {self.dir / 'no-sasldb'}\n")
        self.sasl_dir = sasl

    def memcached(self, profile: str, binary: str, port: int):
        argv = [binary, "-p", str(port), "-U", "0", "-l", HOST, "-u", "root"]
        env = dict(os.environ)
        if profile == "auth":
            argv += ["-Y", str(self.auth_file)]
        elif profile == "sasl":
            argv += ["-S"]
            env["SASL_CONF_PATH"] = str(self.sasl_dir)
        elif profile != "default":
            raise ValueError(f"unknown profile {profile!r}")
        return argv, env

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_port(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"memcached exited with {proc.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"memcached not accepting on {port}")


def talk(port: int, data: bytes) -> bytes:
    with socket.create_connection((HOST, port), timeout=5) as s:
        s.sendall(data)
        out = b""
        while not out.endswith(b"\r\n"):
            chunk = s.recv(4096)
            if not chunk:
                break
            out += chunk
        return out


def flush(profile: str, port: int) -> None:
    """Empties the keyspace between cases (the sasl profile never stores anything)."""
    if profile == "default":
        assert talk(port, b"flush_all\r\n") == b"OK\r\n"
    elif profile == "auth":
        with socket.create_connection((HOST, port), timeout=5) as s:
            s.sendall(b"set a 0 0 9\r\nuser pass\r\n")
            assert s.recv(100) == b"STORED\r\n"
            s.sendall(b"flush_all\r\n")
            assert s.recv(100) == b"OK\r\n"


class Servers:
    def __init__(self, binary: str):
        self.binary = binary
        self.profiles = Profiles()
        self.running: dict[str, tuple] = {}

    def start(self, profile: str):
        port = free_port()
        argv, env = self.profiles.memcached(profile, self.binary, port)
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        wait_port(port, proc)
        return proc, port

    def port_for(self, case: mc.Case):
        if case.fresh:
            return self.start(case.profile)
        if case.profile not in self.running:
            self.running[case.profile] = self.start(case.profile)
        return None, self.running[case.profile][1]

    def close(self):
        for proc, _ in self.running.values():
            proc.terminate()
            proc.wait()
        self.profiles.cleanup()


def record(binary: str, only: list) -> int:
    servers = Servers(binary)
    try:
        _, port = servers.port_for(mc.Case("version", "text", []))
        version = talk(port, b"version\r\n").decode().strip()
        previous = {}
        if mc.CASES_JSON.exists() and only:
            doc = json.loads(mc.CASES_JSON.read_text())
            previous = {d["name"]: d for d in doc["cases"]}
        out = []
        names = set()
        for case in CASES:
            if case.name in names:
                raise SystemExit(f"duplicate case name {case.name!r}")
            names.add(case.name)
            if only and case.name not in only and case.name in previous:
                out.append(previous[case.name])
                continue
            proc, port = servers.port_for(case)
            try:
                if not case.fresh:
                    flush(case.profile, port)
                raw = mc.run_case(case, port)
            finally:
                if proc is not None:
                    proc.terminate()
                    proc.wait()
            got = mc.transcript(case, raw)
            out.append(mc.case_to_json(case, got))
            ends = ",".join(end for _, end in got)
            print(f"{case.name:45s} {case.protocol:6s} {ends}")
        doc = {
            "about": "Raw memcached requests and the replies memcached recorded for them, "
                     "normalised (see memcache_cases.py). Regenerate with "
                     "/usr/bin/python3 tests/integration/record_memcache_cases.py",
            "recorded_from": version,
            "cases": out,
        }
        mc.CASES_JSON.write_text(json.dumps(doc, indent=1) + "\n")
        print(f"wrote {len(out)} cases to {mc.CASES_JSON}")
        return 0
    finally:
        servers.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--memcached", default=shutil.which("memcached") or "/usr/bin/memcached")
    ap.add_argument("--only", nargs="*", default=[],
                    help="re-record only these cases; keep the others from the file")
    args = ap.parse_args()
    if not os.access(args.memcached, os.X_OK):
        print(f"no memcached at {args.memcached}; install it (Debian: memcached)")
        return 2
    return record(args.memcached, args.only)


if __name__ == "__main__":
    sys.exit(main())
