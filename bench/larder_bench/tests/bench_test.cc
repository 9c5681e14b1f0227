// Unit tests for larder-bench: histogram, workload, wire codecs, and the run loop's
// counting against an in-process fake server that speaks each protocol.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "histogram.h"
#include "options.h"
#include "protocol.h"
#include "runner.h"
#include "workload.h"

namespace larder_bench {
namespace {

// ---- histogram ------------------------------------------------------------------------------

TEST(Histogram, ExactBelowSubBucketCount) {
  for (uint64_t v = 0; v < Histogram::kSub * 2; ++v) {
    const auto i = Histogram::index_of(v);
    EXPECT_EQ(Histogram::bucket_low(i), v);
    EXPECT_EQ(Histogram::bucket_high(i), v);
  }
}

TEST(Histogram, BucketsContainTheirValuesWithinRelativeError) {
  Rng rng(7);
  for (int n = 0; n < 200000; ++n) {
    const uint64_t v = rng.next() >> rng.below(64);
    const auto i = Histogram::index_of(v);
    ASSERT_LT(i, Histogram::kBuckets);
    ASSERT_LE(Histogram::bucket_low(i), v);
    ASSERT_GE(Histogram::bucket_high(i), v);
    const double width = static_cast<double>(Histogram::bucket_high(i) - Histogram::bucket_low(i));
    ASSERT_LE(width, static_cast<double>(v) / Histogram::kSub + 1);
  }
  EXPECT_EQ(Histogram::index_of(UINT64_MAX), Histogram::kBuckets - 1);
}

TEST(Histogram, Percentiles) {
  Histogram h;
  EXPECT_EQ(h.percentile(50), 0u);
  for (uint64_t v = 1; v <= 10000; ++v) h.record(v);
  EXPECT_EQ(h.count(), 10000u);
  EXPECT_EQ(h.min(), 1u);
  EXPECT_EQ(h.max(), 10000u);
  EXPECT_DOUBLE_EQ(h.mean(), 5000.5);
  auto near = [](uint64_t got, double want) { return std::abs(static_cast<double>(got) - want) <= want / 60; };
  EXPECT_TRUE(near(h.percentile(50), 5000)) << h.percentile(50);
  EXPECT_TRUE(near(h.percentile(90), 9000)) << h.percentile(90);
  EXPECT_TRUE(near(h.percentile(99), 9900)) << h.percentile(99);
  EXPECT_EQ(h.percentile(100), 10000u);
  Histogram a, b;
  a.record(10, 3);
  b.record(1000000);
  a.merge(b);
  EXPECT_EQ(a.count(), 4u);
  EXPECT_EQ(a.percentile(75), 10u);
  EXPECT_EQ(a.percentile(99.9), 1000000u);
}

// ---- workload ---------------------------------------------------------------------------------

TEST(Workload, ParseSizesRatiosDistributions) {
  std::string err;
  SizeRange r;
  ASSERT_TRUE(parse_size_range("16", &r, &err));
  EXPECT_TRUE(r.fixed());
  ASSERT_TRUE(parse_size_range("16-32", &r, &err));
  EXPECT_EQ(r.lo, 16u);
  EXPECT_EQ(r.hi, 32u);
  EXPECT_FALSE(parse_size_range("32-16", &r, &err));
  EXPECT_FALSE(parse_size_range("0", &r, &err));
  EXPECT_FALSE(parse_size_range("x", &r, &err));
  Ratio q;
  ASSERT_TRUE(parse_ratio("9:1", &q, &err));
  EXPECT_EQ(q.get, 9u);
  EXPECT_FALSE(parse_ratio("0:0", &q, &err));
  EXPECT_FALSE(parse_ratio("9", &q, &err));
  DistSpec d;
  ASSERT_TRUE(parse_distribution("zipf:0.8", &d, &err));
  EXPECT_EQ(d.kind, Distribution::kZipf);
  EXPECT_DOUBLE_EQ(d.theta, 0.8);
  EXPECT_FALSE(parse_distribution("zipf:1.2", &d, &err));
  EXPECT_FALSE(parse_distribution("normal", &d, &err));
}

TEST(Workload, RatioIsExact) {
  Ratio r{9, 1};
  int gets = 0;
  for (uint64_t i = 0; i < 1000; ++i) gets += is_get(r, i);
  EXPECT_EQ(gets, 900);
  EXPECT_TRUE(is_get(Ratio{1, 0}, 5));
  EXPECT_FALSE(is_get(Ratio{0, 1}, 5));
}

TEST(Workload, KeysAreDistinctAndSized) {
  KeyFormatter f("key:", SizeRange{16, 16}, 100000);
  char buf[64];
  ASSERT_EQ(f.format(42, buf), 16u);
  EXPECT_EQ(std::string(buf, 16), "key:000000000042");  // redis-benchmark's spelling
  KeyFormatter g("k", SizeRange{2, 2}, 1000);            // too short: raised to 1 + 3 digits
  ASSERT_EQ(g.format(999, buf), 4u);
  EXPECT_EQ(std::string(buf, 4), "k999");
  KeyFormatter h("p:", SizeRange{10, 20}, 5000);
  std::set<std::string> seen;
  for (uint64_t i = 0; i < 5000; ++i) {
    const auto n = h.format(i, buf);
    ASSERT_GE(n, 10u);
    ASSERT_LE(n, 20u);
    EXPECT_EQ(h.format(i, buf), n);  // same key, same length, every time
    seen.insert(std::string(buf, n));
  }
  EXPECT_EQ(seen.size(), 5000u);
}

TEST(Workload, SequentialCoversKeyspaceOnceAcrossThreads) {
  KeyChooser c(1000, DistSpec{Distribution::kSequential, 0});
  std::vector<std::atomic<int>> hits(1000);
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t)
    ts.emplace_back([&] {
      Rng rng(1);
      for (int i = 0; i < 250; ++i) hits[c.next(rng)]++;
    });
  for (auto& t : ts) t.join();
  for (auto& h : hits) EXPECT_EQ(h.load(), 1);
}

TEST(Workload, ZipfIsSkewedAndInRange) {
  const uint64_t n = 10000;
  KeyChooser z(n, DistSpec{Distribution::kZipf, 0.99});
  KeyChooser u(n, DistSpec{Distribution::kUniform, 0});
  Rng rng(3);
  std::map<uint64_t, int> zc, uc;
  for (int i = 0; i < 200000; ++i) {
    const auto a = z.next(rng), b = u.next(rng);
    ASSERT_LT(a, n);
    ASSERT_LT(b, n);
    zc[a]++;
    uc[b]++;
  }
  auto top = [](const std::map<uint64_t, int>& m) {
    int best = 0;
    for (auto& [k, v] : m) best = std::max(best, v);
    return best;
  };
  // θ = 0.99 over 10k keys: the hottest key draws ~10% of requests; uniform ~0.01%.
  EXPECT_GT(top(zc), 200000 / 20);
  EXPECT_LT(top(uc), 200000 / 500);
  EXPECT_LT(zc.size(), uc.size());
}

// ---- codecs -------------------------------------------------------------------------------------

struct ReplyCase {
  Protocol p;
  std::string bytes;
  ReplyClass cls;
};

std::vector<ReplyCase> reply_cases() {
  std::string bin_hit("\x81\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00\x07\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01"
                      "\x00\x00\x00\x00" "abc", 31);
  std::string bin_miss("\x81\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x09\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                       "Not found", 33);
  std::string bin_stored("\x81\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01",
                         24);
  std::string bin_err("\x81\x01\x00\x00\x00\x00\x00\x81\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
                      24);
  return {
      {Protocol::kResp, "$3\r\nabc\r\n", ReplyClass::kValue},
      {Protocol::kResp, "$0\r\n\r\n", ReplyClass::kValue},
      {Protocol::kResp, "$-1\r\n", ReplyClass::kNull},
      {Protocol::kResp, "_\r\n", ReplyClass::kNull},
      {Protocol::kResp, "+OK\r\n", ReplyClass::kOk},
      {Protocol::kResp, "-ERR unknown command\r\n", ReplyClass::kError},
      {Protocol::kResp, "*2\r\n$1\r\na\r\n*1\r\n:5\r\n", ReplyClass::kValue},
      {Protocol::kResp, "%1\r\n+a\r\n$2\r\nbc\r\n", ReplyClass::kValue},
      {Protocol::kText, "VALUE key:1 0 3\r\nabc\r\nEND\r\n", ReplyClass::kValue},
      {Protocol::kText, "VALUE key:1 5 4 99\r\na\r\nb\r\nEND\r\n", ReplyClass::kValue},
      {Protocol::kText, "END\r\n", ReplyClass::kNull},
      {Protocol::kText, "STORED\r\n", ReplyClass::kOk},
      {Protocol::kText, "NOT_STORED\r\n", ReplyClass::kFail},
      {Protocol::kText, "SERVER_ERROR out of memory\r\n", ReplyClass::kError},
      {Protocol::kText, "ERROR\r\n", ReplyClass::kError},
      {Protocol::kMeta, "VA 3\r\nabc\r\n", ReplyClass::kValue},
      {Protocol::kMeta, "VA 2 f0 t-1\r\nab\r\n", ReplyClass::kValue},
      {Protocol::kMeta, "EN\r\n", ReplyClass::kNull},
      {Protocol::kMeta, "HD\r\n", ReplyClass::kOk},
      {Protocol::kMeta, "NS\r\n", ReplyClass::kFail},
      {Protocol::kMeta, "CLIENT_ERROR bad data chunk\r\n", ReplyClass::kError},
      {Protocol::kBinary, bin_hit, ReplyClass::kValue},
      {Protocol::kBinary, bin_miss, ReplyClass::kNull},
      {Protocol::kBinary, bin_stored, ReplyClass::kOk},
      {Protocol::kBinary, bin_err, ReplyClass::kError},
  };
}

TEST(Codec, ScansEveryReplyWholeAndNeverEarly) {
  for (const auto& c : reply_cases()) {
    SCOPED_TRACE(c.bytes);
    ReplyClass cls;
    // Every strict prefix is incomplete; the whole reply (even with more bytes behind it) scans.
    for (std::size_t k = 0; k < c.bytes.size(); ++k) ASSERT_EQ(scan_reply(c.p, c.bytes.data(), k, &cls), 0u) << k;
    const std::string two = c.bytes + c.bytes;
    ASSERT_EQ(scan_reply(c.p, two.data(), two.size(), &cls), c.bytes.size());
    EXPECT_EQ(cls, c.cls);
  }
}

TEST(Codec, RejectsGarbage) {
  ReplyClass cls;
  const std::string resp_bad = "?what\r\n", text_bad = "HELLO\r\n", meta_bad = "ZZ\r\n", lf_only = "+OK\n";
  EXPECT_EQ(scan_reply(Protocol::kResp, resp_bad.data(), resp_bad.size(), &cls), kGarbage);
  EXPECT_EQ(scan_reply(Protocol::kResp, lf_only.data(), lf_only.size(), &cls), kGarbage);
  EXPECT_EQ(scan_reply(Protocol::kText, text_bad.data(), text_bad.size(), &cls), kGarbage);
  EXPECT_EQ(scan_reply(Protocol::kMeta, meta_bad.data(), meta_bad.size(), &cls), kGarbage);
  const std::string bin_bad(24, '\x80');
  EXPECT_EQ(scan_reply(Protocol::kBinary, bin_bad.data(), bin_bad.size(), &cls), kGarbage);
}

TEST(Codec, EncodesRequests) {
  std::string out;
  encode_request(Protocol::kResp, Op::kSet, "k1", "vv", &out);
  encode_request(Protocol::kResp, Op::kGet, "k1", "", &out);
  EXPECT_EQ(out, "*3\r\n$3\r\nSET\r\n$2\r\nk1\r\n$2\r\nvv\r\n*2\r\n$3\r\nGET\r\n$2\r\nk1\r\n");
  out.clear();
  encode_request(Protocol::kText, Op::kSet, "k1", "vv", &out);
  encode_request(Protocol::kText, Op::kGet, "k1", "", &out);
  EXPECT_EQ(out, "set k1 0 0 2\r\nvv\r\nget k1\r\n");
  out.clear();
  encode_request(Protocol::kMeta, Op::kSet, "k1", "vv", &out);
  encode_request(Protocol::kMeta, Op::kGet, "k1", "", &out);
  EXPECT_EQ(out, "ms k1 2\r\nvv\r\nmg k1 v\r\n");
  out.clear();
  encode_request(Protocol::kBinary, Op::kSet, "k1", "vv", &out);
  ASSERT_EQ(out.size(), 24u + 8 + 2 + 2);
  EXPECT_EQ(static_cast<unsigned char>(out[0]), 0x80);
  EXPECT_EQ(out[1], 0x01);
  EXPECT_EQ(out[3], 2);    // key length
  EXPECT_EQ(out[4], 8);    // extras
  EXPECT_EQ(out[11], 12);  // body
  EXPECT_EQ(out.substr(32), "k1vv");
}

TEST(Options, ParsesAndDefaults) {
  Options o;
  std::string err;
  ASSERT_TRUE(parse_options({"larder-bench", "--protocol", "meta", "--duration=2.5", "--ratio", "1:0",
                             "--value-size", "100-200", "--distribution", "zipf:0.9"},
                            &o, &err))
      << err;
  EXPECT_EQ(o.cfg.protocol, Protocol::kMeta);
  EXPECT_EQ(o.cfg.endpoint.port, 11211);
  EXPECT_EQ(o.cfg.requests, 0u);
  EXPECT_DOUBLE_EQ(o.cfg.duration_s, 2.5);
  Options d;
  ASSERT_TRUE(parse_options({"larder-bench"}, &d, &err));
  EXPECT_EQ(d.cfg.requests, 100000u);  // always bounded
  EXPECT_EQ(d.cfg.endpoint.port, 6379);
  Options bad;
  EXPECT_FALSE(parse_options({"larder-bench", "--requests", "5", "--duration", "1"}, &bad, &err));
  EXPECT_FALSE(parse_options({"larder-bench", "--host", "10.1.2.3"}, &bad, &err));
  EXPECT_FALSE(parse_options({"larder-bench", "--bogus"}, &bad, &err));
}

// ---- counting, against a fake server --------------------------------------------------------------

// Answers GET/SET in one protocol from a shared key set. Counts requests it parsed. Closes a
// connection after `close_after` requests on it when that is non-zero.
class FakeServer {
 public:
  FakeServer(Protocol p, uint64_t close_after = 0) : p_(p), close_after_(close_after) {
    lfd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(lfd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    EXPECT_EQ(::bind(lfd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    EXPECT_EQ(::listen(lfd_, 128), 0);
    socklen_t len = sizeof a;
    ::getsockname(lfd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~FakeServer() {
    ::shutdown(lfd_, SHUT_RDWR);
    ::close(lfd_);
    acceptor_.join();
    for (auto& t : conns_) t.join();
  }
  int port() const { return port_; }
  uint64_t requests() const { return requests_.load(); }

 private:
  void accept_loop() {
    for (;;) {
      const int fd = ::accept(lfd_, nullptr, nullptr);
      if (fd < 0) return;
      conns_.emplace_back([this, fd] { serve(fd); });
    }
  }

  void serve(int fd) {
    std::string in, out;
    char buf[65536];
    uint64_t served = 0;
    for (;;) {
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      in.append(buf, static_cast<std::size_t>(n));
      std::size_t off = 0;
      for (;;) {
        Op op;
        std::string key;
        const std::size_t used = parse(in.data() + off, in.size() - off, &op, &key);
        if (used == 0) break;
        off += used;
        reply(op, key, &out);
        requests_++;
        if (close_after_ && ++served == close_after_) {
          (void)!::write(fd, out.data(), out.size());
          ::close(fd);
          return;
        }
      }
      in.erase(0, off);
      if (!out.empty()) {
        if (::write(fd, out.data(), out.size()) != static_cast<ssize_t>(out.size())) break;
        out.clear();
      }
    }
    ::close(fd);
  }

  static std::size_t line(const char* d, std::size_t n) {
    const void* nl = std::memchr(d, '\n', n);
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - d) + 1 : 0;
  }
  static std::vector<std::string> words(std::string_view l) {
    std::vector<std::string> w;
    std::size_t i = 0;
    while (i < l.size()) {
      const auto sp = l.find(' ', i);
      w.emplace_back(l.substr(i, sp == std::string_view::npos ? l.size() - i : sp - i));
      if (sp == std::string_view::npos) break;
      i = sp + 1;
    }
    return w;
  }

  std::size_t parse(const char* d, std::size_t n, Op* op, std::string* key) {
    switch (p_) {
      case Protocol::kResp: {
        std::size_t off = line(d, n);
        if (!off) return 0;
        const int argc = std::atoi(d + 1);
        std::vector<std::string> args;
        for (int i = 0; i < argc; ++i) {
          const std::size_t l = line(d + off, n - off);
          if (!l) return 0;
          const std::size_t len = static_cast<std::size_t>(std::atoi(d + off + 1));
          if (n < off + l + len + 2) return 0;
          args.emplace_back(d + off + l, len);
          off += l + len + 2;
        }
        *op = args[0] == "GET" ? Op::kGet : Op::kSet;
        *key = args[1];
        return off;
      }
      case Protocol::kText:
      case Protocol::kMeta: {
        const std::size_t l = line(d, n);
        if (!l) return 0;
        const auto w = words(std::string_view(d, l - 2));
        *key = w[1];
        if (w[0] == "get" || w[0] == "mg") {
          *op = Op::kGet;
          return l;
        }
        *op = Op::kSet;
        const std::size_t len = static_cast<std::size_t>(std::stoul(w[0] == "set" ? w[4] : w[2]));
        return n < l + len + 2 ? 0 : l + len + 2;
      }
      case Protocol::kBinary: {
        if (n < 24) return 0;
        const auto* u = reinterpret_cast<const unsigned char*>(d);
        const std::size_t klen = (u[2] << 8) | u[3], ext = u[4];
        const std::size_t body = (std::size_t{u[8]} << 24) | (u[9] << 16) | (u[10] << 8) | u[11];
        if (n < 24 + body) return 0;
        *op = u[1] == 0x00 ? Op::kGet : Op::kSet;
        *key = std::string(d + 24 + ext, klen);
        return 24 + body;
      }
    }
    return 0;
  }

  void reply(Op op, const std::string& key, std::string* out) {
    bool hit = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (op == Op::kSet) keys_.insert(key);
      else hit = keys_.count(key) != 0;
    }
    switch (p_) {
      case Protocol::kResp:
        *out += op == Op::kSet ? "+OK\r\n" : hit ? "$3\r\nabc\r\n" : "$-1\r\n";
        return;
      case Protocol::kText:
        if (op == Op::kSet) *out += "STORED\r\n";
        else if (hit) *out += "VALUE " + key + " 0 3\r\nabc\r\nEND\r\n";
        else *out += "END\r\n";
        return;
      case Protocol::kMeta:
        *out += op == Op::kSet ? "HD\r\n" : hit ? "VA 3\r\nabc\r\n" : "EN\r\n";
        return;
      case Protocol::kBinary: {
        std::string h(24, '\0');
        h[0] = static_cast<char>(0x81);
        h[1] = op == Op::kGet ? 0x00 : 0x01;
        if (op == Op::kGet && !hit) {
          h[7] = 1;
          h[11] = 9;
          *out += h + "Not found";
        } else if (op == Op::kGet) {
          h[4] = 4;
          h[11] = 7;
          *out += h + std::string(4, '\0') + "abc";
        } else {
          *out += h;
        }
        return;
      }
    }
  }

  Protocol p_;
  uint64_t close_after_;
  int lfd_ = -1;
  int port_ = 0;
  std::thread acceptor_;
  std::vector<std::thread> conns_;
  std::mutex mu_;
  std::set<std::string> keys_;
  std::atomic<uint64_t> requests_{0};
};

Config base_config(Protocol p, int port) {
  Config c;
  c.protocol = p;
  c.endpoint.port = port;
  c.threads = 1;
  c.connections = 1;
  return c;
}

class Counting : public ::testing::TestWithParam<Protocol> {};

// One connection, sequential keys: the exact hit count is known in advance.
TEST_P(Counting, ExactHitsOnOneConnection) {
  FakeServer s(GetParam());
  Config c = base_config(GetParam(), s.port());
  c.pipeline = 4;
  c.requests = 1000;
  c.keyspace = 7;
  c.dist.kind = Distribution::kSequential;
  c.ratio = Ratio{1, 1};
  std::set<uint64_t> have;
  uint64_t want_hits = 0;
  for (uint64_t i = 0; i < c.requests; ++i) {
    if (is_get(c.ratio, i)) want_hits += have.count(i % 7);
    else have.insert(i % 7);
  }
  const RunResult r = run_load(c);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.c.sent, 1000u);
  EXPECT_EQ(r.c.replies, 1000u);
  EXPECT_EQ(s.requests(), 1000u);
  EXPECT_EQ(r.c.get_replies, 500u);
  EXPECT_EQ(r.c.set_replies, 500u);
  EXPECT_EQ(r.c.hits, want_hits);
  EXPECT_EQ(r.c.hits + r.c.misses, r.c.get_replies);
  EXPECT_EQ(r.c.stored, 500u);
  EXPECT_EQ(r.c.errors(), 0u);
  EXPECT_EQ(r.latency_ns.count(), 1000u);
}

// Several threads and connections, prefill then a GET-only run: every GET hits.
TEST_P(Counting, PrefillThenAllHitsAcrossThreads) {
  FakeServer s(GetParam());
  Config c = base_config(GetParam(), s.port());
  c.threads = 3;
  c.connections = 4;
  c.pipeline = 8;
  c.keyspace = 500;
  c.requests = 5003;  // not a multiple of threads
  c.ratio = Ratio{1, 0};
  c.dist = DistSpec{Distribution::kZipf, 0.9};
  c.value_size = SizeRange{1, 3000};
  const RunResult p = run_prefill(c);
  EXPECT_TRUE(p.complete);
  EXPECT_EQ(p.c.sets_sent, 500u);
  EXPECT_EQ(p.c.stored, 500u);
  const RunResult r = run_load(c);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.c.sent, 5003u);
  EXPECT_EQ(r.c.replies, 5003u);
  EXPECT_EQ(r.c.hits, 5003u);
  EXPECT_EQ(r.c.misses, 0u);
  EXPECT_EQ(s.requests(), 5503u);
}

TEST_P(Counting, DurationRunIsBoundedAndBalanced) {
  FakeServer s(GetParam());
  Config c = base_config(GetParam(), s.port());
  c.connections = 3;
  c.pipeline = 2;
  c.requests = 0;
  c.duration_s = 0.2;
  const RunResult r = run_load(c);
  EXPECT_TRUE(r.complete);
  EXPECT_GT(r.c.sent, 0u);
  EXPECT_EQ(r.c.sent, r.c.replies);
  EXPECT_EQ(r.c.hits + r.c.misses, r.c.get_replies);
  EXPECT_EQ(r.c.stored, r.c.set_replies);
  EXPECT_LT(r.elapsed_s, 5.0);
}

TEST_P(Counting, LostConnectionIsReported) {
  FakeServer s(GetParam(), /*close_after=*/10);
  Config c = base_config(GetParam(), s.port());
  c.requests = 100;
  const RunResult r = run_load(c);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.c.replies, 10u);
  EXPECT_FALSE(r.problems.empty());
}

INSTANTIATE_TEST_SUITE_P(AllProtocols, Counting,
                         ::testing::Values(Protocol::kResp, Protocol::kText, Protocol::kMeta, Protocol::kBinary),
                         [](const auto& info) { return std::string(protocol_name(info.param)); });

TEST(Counting, SilentServerTimesOut) {
  // A listening socket that never accepts: connects succeed (backlog), nothing ever answers.
  const int lfd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(lfd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(lfd, 16), 0);
  socklen_t len = sizeof a;
  ::getsockname(lfd, reinterpret_cast<sockaddr*>(&a), &len);
  Config c = base_config(Protocol::kText, ntohs(a.sin_port));
  c.requests = 100;
  c.reply_timeout_s = 0.3;
  const RunResult r = run_load(c);
  ::close(lfd);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.c.sent, 1u);
  EXPECT_EQ(r.c.replies, 0u);
  ASSERT_FALSE(r.problems.empty());
  EXPECT_NE(r.problems[0].find("no reply"), std::string::npos) << r.problems[0];
}

TEST(Counting, ConnectFailureIsReported) {
  int port = 0;
  {
    FakeServer s(Protocol::kResp);
    port = s.port();
  }  // closed: nothing listens there now
  Config c = base_config(Protocol::kResp, port);
  const RunResult r = run_load(c);
  EXPECT_FALSE(r.complete);
  EXPECT_FALSE(r.problems.empty());
}

}  // namespace
}  // namespace larder_bench
