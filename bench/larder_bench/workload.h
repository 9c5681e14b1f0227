// What to send: key choice (uniform, Zipf, sequential), key and value sizes, GET/SET mix.
// Everything here is deterministic given a seed, and free of I/O.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace larder_bench {

struct SizeRange {
  uint32_t lo = 16;
  uint32_t hi = 16;
  bool fixed() const { return lo == hi; }
  std::string str() const;
};
// "16" or "16-32"; false (and *err) when malformed.
bool parse_size_range(std::string_view s, SizeRange* out, std::string* err);

enum class Distribution { kUniform, kZipf, kSequential };

struct DistSpec {
  Distribution kind = Distribution::kUniform;
  double theta = 0.99;  // Zipf only
  std::string str() const;
};
// "uniform", "sequential", "zipf" (θ 0.99) or "zipf:THETA" with 0 < THETA < 1.
bool parse_distribution(std::string_view s, DistSpec* out, std::string* err);

struct Ratio {
  uint32_t get = 1;
  uint32_t set = 0;
  std::string str() const;
};
// "GET:SET", e.g. "9:1", "1:0" (GETs only), "0:1" (SETs only).
bool parse_ratio(std::string_view s, Ratio* out, std::string* err);

// xoshiro256** seeded through splitmix64: fast, good enough for load generation.
class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t next();
  uint64_t below(uint64_t n);  // uniform in [0, n), n > 0
  double unit();               // uniform in [0, 1)

 private:
  uint64_t s_[4];
};

// YCSB's Zipfian generator (Gray et al., "Quickly generating billion-record synthetic
// databases"): rank 0 is the most popular. The zeta constant is O(n) to compute, so it is
// built once and shared read-only by all threads.
class Zipf {
 public:
  Zipf(uint64_t n, double theta);
  uint64_t rank(double u) const;  // u uniform in [0, 1)
  uint64_t n() const { return n_; }

 private:
  uint64_t n_;
  double theta_, alpha_, zetan_, eta_, half_pow_theta_;
};

// Picks key indices in [0, keyspace). Zipf ranks are scrambled by a multiplicative
// bijection so that the hot keys are spread over the key space (as YCSB does), rather than
// all being key 0, 1, 2...; sequential walks a counter shared by all threads, so that a run
// of exactly `keyspace` requests touches every key exactly once.
class KeyChooser {
 public:
  KeyChooser(uint64_t keyspace, DistSpec dist);
  uint64_t next(Rng& rng);
  void reset_sequence() { seq_.store(0, std::memory_order_relaxed); }
  uint64_t keyspace() const { return keyspace_; }

 private:
  uint64_t keyspace_;
  DistSpec dist_;
  std::unique_ptr<Zipf> zipf_;
  std::atomic<uint64_t> seq_{0};
};

// Key text: prefix + the index in decimal, zero-padded on the left up to the key length.
// With a range of key sizes, each key index always gets the same length (a hash of the
// index), so a key is spelled the same way every time it is chosen. A length shorter than
// prefix + digits is raised to that (keys must stay distinct).
class KeyFormatter {
 public:
  KeyFormatter(std::string prefix, SizeRange size, uint64_t keyspace);
  // Writes the key into buf (at least max_len() bytes) and returns its length.
  std::size_t format(uint64_t index, char* buf) const;
  std::size_t max_len() const { return max_len_; }
  std::size_t min_len() const { return min_len_; }

 private:
  std::string prefix_;
  SizeRange size_;
  std::size_t digits_;
  std::size_t min_len_, max_len_;
};

// true = GET for request number `i` of one connection, following the ratio exactly over
// every GET+SET consecutive requests (interleaved, e.g. 9:1 = nine GETs then one SET).
inline bool is_get(const Ratio& r, uint64_t i) {
  if (r.set == 0) return true;
  if (r.get == 0) return false;
  return (i % (r.get + r.set)) < r.get;
}

}  // namespace larder_bench
