#include "runner.h"

#include "strcat.h"

#include <sys/epoll.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include <cerrno>
#include <cstdio>
#include <unistd.h>

namespace larder_bench {
namespace {

uint64_t now_ns() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

// State shared by the threads of one run.
struct Shared {
  const Config* cfg;
  KeyChooser chooser;
  KeyFormatter keys;
  std::string value;  // max value size of 'x'
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::atomic<bool> abort{false};
  uint64_t start_ns = 0;
  uint64_t deadline_ns = 0;  // duration mode
  std::mutex mu;
  std::vector<std::string> problems;

  Shared(const Config& c)
      : cfg(&c), chooser(c.keyspace, c.dist), keys(c.key_prefix, c.key_size, c.keyspace), value(c.value_size.hi, 'x') {}

  void problem(std::string p) {
    std::lock_guard<std::mutex> lock(mu);
    if (problems.size() < 8) problems.push_back(std::move(p));
  }
};

struct Pending {
  uint64_t sent_ns;
  Op op;
};

struct Conn {
  std::unique_ptr<Transport> t;
  std::string out;
  std::size_t out_off = 0;
  std::vector<char> in;
  std::size_t in_len = 0;
  std::vector<Pending> ring;  // capacity = pipeline
  std::size_t head = 0, count = 0;
  uint64_t seq = 0;
  bool dead = false;
  bool polling_out = false;
};

class Worker {
 public:
  Worker(Shared& sh, int id, uint64_t budget)
      : sh_(sh), cfg_(*sh.cfg), rng_(cfg_.seed * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(id) + 1),
        budget_(budget), keybuf_(sh.keys.max_len() + 1) {}

  void run() {
    ep_ = epoll_create1(EPOLL_CLOEXEC);
    if (ep_ < 0) {
      sh_.problem(cat("epoll_create1: ", std::strerror(errno)));
      sh_.abort = true;
    }
    conns_.resize(static_cast<std::size_t>(cfg_.connections));
    for (auto& c : conns_) {
      if (sh_.abort) break;
      std::string err;
      c.t = connect_transport(cfg_.endpoint, &err);
      if (!c.t) {
        sh_.problem(err);
        sh_.abort = true;
        break;
      }
      c.in.resize(64 * 1024);
      c.ring.resize(static_cast<std::size_t>(pipeline()));
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.ptr = &c;
      epoll_ctl(ep_, EPOLL_CTL_ADD, c.t->fd(), &ev);
    }
    sh_.ready.fetch_add(1);
    while (!sh_.go.load(std::memory_order_acquire)) std::this_thread::yield();
    if (!sh_.abort) loop();
    if (ep_ >= 0) ::close(ep_);
    conns_.clear();
  }

  Counters counters;
  Histogram hist;
  uint64_t end_ns = 0;
  bool complete = true;

 private:
  int pipeline() const { return cfg_.pipeline; }

  bool may_issue(uint64_t now) const {
    if (stopping_) return false;
    if (cfg_.requests) return budget_ > 0;
    return now < sh_.deadline_ns;
  }

  void loop() {
    end_ns = sh_.start_ns;
    live_ = conns_.size();
    last_progress_ns_ = now_ns();
    const uint64_t now0 = now_ns();
    for (auto& c : conns_) refill(c, now0);
    epoll_event evs[64];
    uint64_t drain_until = 0;
    for (;;) {
      const uint64_t now = now_ns();
      if (!may_issue(now) && !stopping_) {
        stopping_ = true;
        drain_until = now + static_cast<uint64_t>(cfg_.drain_timeout_s * 1e9);
      }
      if (stopping_ && (outstanding_ == 0 || now >= drain_until)) break;
      if (sh_.abort.load(std::memory_order_relaxed) || live_ == 0) break;
      if (outstanding_ && now - last_progress_ns_ > static_cast<uint64_t>(cfg_.reply_timeout_s * 1e9)) {
        char secs[32];
        std::snprintf(secs, sizeof secs, "%g", cfg_.reply_timeout_s);
        sh_.problem(cat("no reply for ", secs, " s with ", std::to_string(outstanding_), " requests outstanding"));
        break;
      }
      int timeout_ms = 100;
      if (!stopping_ && !cfg_.requests) {
        const uint64_t left = sh_.deadline_ns > now ? sh_.deadline_ns - now : 0;
        timeout_ms = static_cast<int>(std::min<uint64_t>(100, left / 1000000 + 1));
      }
      const int n = epoll_wait(ep_, evs, 64, timeout_ms);
      if (n < 0) {
        if (errno == EINTR) continue;
        sh_.problem(cat("epoll_wait: ", std::strerror(errno)));
        break;
      }
      for (int i = 0; i < n; ++i) {
        Conn& c = *static_cast<Conn*>(evs[i].data.ptr);
        if (c.dead) continue;
        if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) on_readable(c);
        if (!c.dead && (evs[i].events & EPOLLOUT)) flush(c);
      }
    }
    if (outstanding_ != 0) {
      complete = false;
      sh_.problem(cat(std::to_string(outstanding_), " requests had no reply when the run ended"));
    }
    for (auto& c : conns_)
      if (c.dead) complete = false;
  }

  void kill(Conn& c, const std::string& why) {
    if (c.dead) return;
    c.dead = true;
    --live_;
    outstanding_ -= c.count;
    c.count = 0;
    complete = false;
    epoll_ctl(ep_, EPOLL_CTL_DEL, c.t->fd(), nullptr);
    sh_.problem(cat(c.t->describe(), ": ", why));
  }

  void on_readable(Conn& c) {
    bool got = false;
    for (;;) {
      if (c.in_len == c.in.size()) c.in.resize(c.in.size() * 2);
      const std::size_t room = c.in.size() - c.in_len;
      const IoResult r = c.t->read(c.in.data() + c.in_len, room);
      if (r.kind == IoResult::kOk) {
        c.in_len += r.bytes;
        counters.bytes_in += r.bytes;
        got = true;
        if (r.bytes < room) break;
        continue;
      }
      if (r.kind == IoResult::kWouldBlock) break;
      kill(c, r.kind == IoResult::kClosed ? std::string("server closed the connection") : cat("read: ", std::strerror(r.err)));
      return;
    }
    const uint64_t now = now_ns();
    if (got) last_progress_ns_ = now;
    std::size_t off = 0;
    while (c.count > 0 && off < c.in_len) {
      ReplyClass cls;
      const std::size_t used = scan_reply(cfg_.protocol, c.in.data() + off, c.in_len - off, &cls);
      if (used == 0) break;
      if (used == kGarbage) {
        kill(c, cat("unparseable reply: ", printable(c.in.data() + off, c.in_len - off)));
        return;
      }
      const Pending p = c.ring[c.head];
      c.head = (c.head + 1) % c.ring.size();
      --c.count;
      --outstanding_;
      off += used;
      account(p.op, cls);
      hist.record(now - p.sent_ns);
      end_ns = now;
    }
    if (c.count == 0 && off < c.in_len) {
      kill(c, cat("reply without a request: ", printable(c.in.data() + off, c.in_len - off)));
      return;
    }
    if (off) {
      std::memmove(c.in.data(), c.in.data() + off, c.in_len - off);
      c.in_len -= off;
    }
    refill(c, now);
  }

  void account(Op op, ReplyClass cls) {
    ++counters.replies;
    if (op == Op::kGet) {
      ++counters.get_replies;
      if (cls == ReplyClass::kValue) ++counters.hits;
      else if (cls == ReplyClass::kNull) ++counters.misses;
      else ++counters.get_errors;
    } else {
      ++counters.set_replies;
      if (cls == ReplyClass::kOk) ++counters.stored;
      else if (cls == ReplyClass::kFail || cls == ReplyClass::kNull) ++counters.not_stored;
      else ++counters.set_errors;
    }
  }

  void refill(Conn& c, uint64_t now) {
    if (c.dead || (cfg_.batch && c.count != 0)) return;
    std::size_t added = 0;
    const std::size_t cap = c.ring.size();
    while (c.count < cap && may_issue(now)) {
      if (cfg_.requests) --budget_;
      const Op op = is_get(cfg_.ratio, c.seq++) ? Op::kGet : Op::kSet;
      const uint64_t idx = sh_.chooser.next(rng_);
      const std::size_t klen = sh_.keys.format(idx, keybuf_.data());
      const std::string_view key(keybuf_.data(), klen);
      std::string_view value;
      if (op == Op::kSet) {
        const SizeRange& vs = cfg_.value_size;
        const std::size_t vlen = vs.fixed() ? vs.lo : vs.lo + rng_.below(vs.hi - vs.lo + 1);
        value = std::string_view(sh_.value.data(), vlen);
        ++counters.sets_sent;
        counters.set_key_bytes += klen;
        counters.set_value_bytes += vlen;
      } else {
        ++counters.gets_sent;
      }
      encode_request(cfg_.protocol, op, key, value, &c.out);
      c.ring[(c.head + c.count) % cap].op = op;
      ++c.count;
      ++added;
      ++counters.sent;
      ++outstanding_;
    }
    if (!added) return;
    const uint64_t t = now_ns();
    for (std::size_t i = c.count - added; i < c.count; ++i) c.ring[(c.head + i) % cap].sent_ns = t;
    flush(c);
  }

  void flush(Conn& c) {
    while (c.out_off < c.out.size()) {
      const IoResult r = c.t->write(c.out.data() + c.out_off, c.out.size() - c.out_off);
      if (r.kind == IoResult::kOk) {
        c.out_off += r.bytes;
        counters.bytes_out += r.bytes;
        continue;
      }
      if (r.kind == IoResult::kWouldBlock) {
        if (!c.polling_out) set_events(c, EPOLLIN | EPOLLOUT);
        return;
      }
      kill(c, r.kind == IoResult::kClosed ? std::string("server closed the connection") : cat("write: ", std::strerror(r.err)));
      return;
    }
    c.out.clear();
    c.out_off = 0;
    if (c.polling_out) set_events(c, EPOLLIN);
  }

  void set_events(Conn& c, uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = &c;
    epoll_ctl(ep_, EPOLL_CTL_MOD, c.t->fd(), &ev);
    c.polling_out = (events & EPOLLOUT) != 0;
  }

  static std::string printable(const char* p, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n && i < 48; ++i) {
      const unsigned char ch = static_cast<unsigned char>(p[i]);
      if (ch >= 0x20 && ch < 0x7f) {
        s.push_back(static_cast<char>(ch));
      } else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", ch);
        s += buf;
      }
    }
    return s;
  }

  Shared& sh_;
  const Config& cfg_;
  Rng rng_;
  uint64_t budget_;
  std::vector<char> keybuf_;
  int ep_ = -1;
  std::vector<Conn> conns_;
  uint64_t outstanding_ = 0;
  std::size_t live_ = 0;
  uint64_t last_progress_ns_ = 0;
  bool stopping_ = false;
};

RunResult run_with(const Config& cfg) {
  Shared sh(cfg);
  const int nt = std::max(1, cfg.threads);
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < nt; ++i) {
    uint64_t budget = 0;
    if (cfg.requests) budget = cfg.requests / nt + (static_cast<uint64_t>(i) < cfg.requests % nt ? 1 : 0);
    workers.push_back(std::make_unique<Worker>(sh, i, budget));
  }
  std::vector<std::thread> threads;
  for (auto& w : workers) threads.emplace_back([&w] { w->run(); });
  while (sh.ready.load() < nt) std::this_thread::sleep_for(std::chrono::microseconds(200));
  sh.start_ns = now_ns();
  sh.deadline_ns = sh.start_ns + static_cast<uint64_t>(cfg.duration_s * 1e9);
  sh.go.store(true, std::memory_order_release);
  for (auto& t : threads) t.join();

  RunResult r;
  uint64_t end = sh.start_ns;
  r.complete = !sh.abort;
  for (auto& w : workers) {
    r.c.add(w->counters);
    r.latency_ns.merge(w->hist);
    end = std::max(end, w->end_ns);
    r.complete = r.complete && w->complete;
  }
  r.elapsed_s = static_cast<double>(end - sh.start_ns) / 1e9;
  r.problems = std::move(sh.problems);
  return r;
}

}  // namespace

void Counters::add(const Counters& o) {
  sent += o.sent; gets_sent += o.gets_sent; sets_sent += o.sets_sent;
  replies += o.replies; get_replies += o.get_replies; set_replies += o.set_replies;
  hits += o.hits; misses += o.misses; get_errors += o.get_errors;
  stored += o.stored; not_stored += o.not_stored; set_errors += o.set_errors;
  bytes_out += o.bytes_out; bytes_in += o.bytes_in;
  set_key_bytes += o.set_key_bytes; set_value_bytes += o.set_value_bytes;
}

RunResult run_load(const Config& cfg) { return run_with(cfg); }

RunResult run_prefill(const Config& cfg) {
  Config p = cfg;
  p.requests = cfg.keyspace;
  p.duration_s = 0;
  p.ratio = Ratio{0, 1};
  p.dist = DistSpec{Distribution::kSequential, 0};
  p.pipeline = std::max(1, cfg.prefill_pipeline);
  return run_with(p);
}

}  // namespace larder_bench
