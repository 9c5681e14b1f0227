// The load loop: T threads, each with its own epoll set and C connections, each connection
// keeping up to `pipeline` requests in flight (closed loop: a request is sent when a slot
// frees up). Counts every request and every reply, and times each request from the write
// that carried it to the read that completed its reply.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "histogram.h"
#include "protocol.h"
#include "transport.h"
#include "workload.h"

namespace larder_bench {

struct Config {
  Protocol protocol = Protocol::kResp;
  Endpoint endpoint;
  int threads = 1;
  int connections = 50;  // per thread
  int pipeline = 1;
  // window: refill each connection as replies arrive (up to `pipeline` in flight);
  // batch: send `pipeline` requests, wait for all their replies, repeat (redis-benchmark -P).
  bool batch = false;
  uint64_t requests = 0;    // total over all threads; 0 = use duration_s
  double duration_s = 0;    // seconds of load; 0 = use requests
  uint64_t keyspace = 100000;
  DistSpec dist;
  SizeRange key_size{16, 16};
  SizeRange value_size{16, 16};
  Ratio ratio{9, 1};
  std::string key_prefix = "key:";
  bool prefill = false;
  int prefill_pipeline = 32;
  uint64_t seed = 1;
  double drain_timeout_s = 10;
  double reply_timeout_s = 10;  // give up when nothing arrives this long with requests outstanding
};

struct Counters {
  uint64_t sent = 0, gets_sent = 0, sets_sent = 0;
  uint64_t replies = 0, get_replies = 0, set_replies = 0;
  uint64_t hits = 0, misses = 0, get_errors = 0;              // hits + misses + get_errors == get_replies
  uint64_t stored = 0, not_stored = 0, set_errors = 0;        // stored + not_stored + set_errors == set_replies
  uint64_t bytes_out = 0, bytes_in = 0;
  uint64_t set_key_bytes = 0, set_value_bytes = 0;            // payload written by SETs
  void add(const Counters& o);
  uint64_t errors() const { return get_errors + set_errors; }
};

struct RunResult {
  Counters c;
  Histogram latency_ns;
  double elapsed_s = 0;      // from the common start to the last reply
  bool complete = false;     // every request got its reply, no connection failed
  std::vector<std::string> problems;  // first few connection / protocol failures
  double ops_per_sec() const { return elapsed_s > 0 ? static_cast<double>(c.replies) / elapsed_s : 0; }
};

// Runs one bounded load (requests or duration). Does not prefill; see run_prefill.
RunResult run_load(const Config& cfg);

// SETs every key of the key space exactly once (sequential, cfg's threads and connections,
// pipeline cfg.prefill_pipeline, cfg's key and value sizes).
RunResult run_prefill(const Config& cfg);

}  // namespace larder_bench
