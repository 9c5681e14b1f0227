#!/usr/bin/python3
"""ctest bench_live_counts: tiny bounded larder-bench runs against a real redis-server and a
real memcached, each started here on a free loopback port. Checks the tool's counting:
requests sent == replies counted, hits + misses == gets, stored == sets, and that the
servers' own counters (Redis keyspace_hits/misses, memcached get_hits/get_misses/cmd_set)
agree with the tool's. Fails when a server binary is missing: the README's test command installs both."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "lib"))
import servers  # noqa: E402

BENCH = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("LARDER_BENCH", "larder-bench")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def bench(*args):
    p = subprocess.run([BENCH, "--quiet", "--json", "-", *args], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        print(p.stdout, p.stderr)
    check(p.returncode == 0, f"larder-bench {' '.join(args)} exits 0")
    return json.loads(p.stdout)


def counts_ok(label, out, requests=None):
    r = out["result"]
    if requests is not None:
        check(r["requests_sent"] == requests, f"{label}: sent {r['requests_sent']} == {requests}")
    check(r["requests_sent"] == r["replies"], f"{label}: sent {r['requests_sent']} == replies {r['replies']}")
    check(r["hits"] + r["misses"] == r["gets"], f"{label}: hits {r['hits']} + misses {r['misses']} == gets {r['gets']}")
    check(r["stored"] == r["sets"], f"{label}: stored {r['stored']} == sets {r['sets']}")
    check(r["gets"] + r["sets"] == r["replies"], f"{label}: gets + sets == replies")
    check(r["errors"] == 0 and r["complete"], f"{label}: no errors, complete")
    check(r["latency_us"]["count"] == r["replies"], f"{label}: one latency sample per reply")
    return r


def main():
    redis_bin = servers.find_binary("REDIS_SERVER", "redis-server")
    mc_bin = servers.find_binary("MEMCACHED", "memcached")
    if not redis_bin or not mc_bin:
        print("FAIL: redis-server or memcached not installed (scripts/setup.sh test installs them)")
        return 1

    with servers.Server("redis", redis_bin) as rs:
        port = str(rs.resp_port)
        # keyspace 1000, no prefill, 3:1 mix: some misses, some hits
        out = bench("--protocol", "resp", "--port", port, "--requests", "4000", "--keyspace", "1000",
                    "--ratio", "3:1", "--threads", "2", "--connections", "3", "--pipeline", "4")
        r = counts_ok("redis 3:1", out, 4000)
        info = servers.redis_info(rs.resp_port, "stats")
        check(int(info["keyspace_hits"]) == r["hits"] and int(info["keyspace_misses"]) == r["misses"],
              f"redis keyspace_hits/misses {info['keyspace_hits']}/{info['keyspace_misses']} == "
              f"tool {r['hits']}/{r['misses']}")
        out = bench("--protocol", "resp", "--port", port, "--requests", "3000", "--keyspace", "500",
                    "--ratio", "1:0", "--prefill", "--distribution", "zipf:0.99", "--value-size", "10-2000")
        r = counts_ok("redis prefill + gets", out, 3000)
        check(out["prefill"]["stored"] == 500, "redis prefill stored 500")
        check(r["hits"] == 3000, f"redis: every GET after prefill hits ({r['hits']})")
        dbsize = int(servers.resp_value(rs.resp_port, "DBSIZE"))
        check(dbsize >= 500, f"redis DBSIZE {dbsize} covers the 500 prefilled keys")
        out = bench("--protocol", "resp", "--port", port, "--duration", "0.3", "--ratio", "1:1", "--pipeline", "16")
        counts_ok("redis duration", out)

    for proto in ("text", "meta", "binary"):
        with servers.Server("memcached", mc_bin) as ms:
            port = str(ms.mc_port)
            out = bench("--protocol", proto, "--port", port, "--requests", "4000", "--keyspace", "1000",
                        "--ratio", "3:1", "--threads", "2", "--connections", "3", "--pipeline", "4",
                        "--key-size", "10-40", "--value-size", "1-3000")
            r = counts_ok(f"memcached {proto} 3:1", out, 4000)
            st = servers.mc_stats(ms.mc_port)
            check(int(st["get_hits"]) == r["hits"] and int(st["get_misses"]) == r["misses"]
                  and int(st["cmd_set"]) == r["sets"],
                  f"memcached {proto} get_hits/get_misses/cmd_set {st['get_hits']}/{st['get_misses']}/{st['cmd_set']}"
                  f" == tool {r['hits']}/{r['misses']}/{r['sets']}")
            out = bench("--protocol", proto, "--port", port, "--requests", "2000", "--keyspace", "300",
                        "--ratio", "1:0", "--prefill", "--pipeline", "16")
            r = counts_ok(f"memcached {proto} prefill + gets", out, 2000)
            check(r["hits"] == 2000, f"memcached {proto}: every GET after prefill hits ({r['hits']})")

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
