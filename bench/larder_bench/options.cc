#include "options.h"

#include <charconv>
#include <cstdlib>
#include <map>

#include "strcat.h"

namespace larder_bench {
namespace {

bool to_u64(const std::string& s, uint64_t* v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

bool to_int(const std::string& s, int lo, int hi, int* v) {
  uint64_t u = 0;
  if (!to_u64(s, &u) || u < static_cast<uint64_t>(lo) || u > static_cast<uint64_t>(hi)) return false;
  *v = static_cast<int>(u);
  return true;
}

bool to_seconds(const std::string& s, double* v) {
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !(d > 0) || d > 86400) return false;
  *v = d;
  return true;
}

bool is_loopback(const std::string& h) {
  return h == "localhost" || h == "::1" || h.rfind("127.", 0) == 0;
}

}  // namespace

const char* usage() {
  return R"(usage: larder-bench [options]
  --protocol resp|text|meta|binary   wire protocol (default resp)
  --host H          server host (default 127.0.0.1; loopback only unless --allow-remote)
  --port P          server port (default 6379 for resp, 11211 otherwise)
  --threads T       client threads, one epoll loop each (default 1)
  --connections C   connections per thread (default 50)
  --pipeline P      requests in flight per connection (default 1)
  --pipeline-mode window|batch   window (default): refill each connection as replies
                    arrive; batch: send P, wait for all P replies, repeat (as redis-benchmark -P)
  --requests N      total requests, over all threads (default 100000 unless --duration)
  --duration S      seconds of load instead of a request count (may be fractional)
  --keyspace K      number of distinct keys (default 100000)
  --distribution uniform|sequential|zipf[:THETA]   key choice (default uniform; zipf θ 0.99)
  --key-size N|A-B  key length in bytes (default 16: "key:" + zero-padded index)
  --value-size N|A-B  SET value length in bytes (default 16)
  --ratio G:S       GET:SET mix, e.g. 9:1 (default), 1:0 (GETs only), 0:1 (SETs only)
  --key-prefix P    key prefix (default "key:")
  --prefill         SET every key of the key space once before the measured run
  --prefill-only    only the prefill (no measured run)
  --prefill-pipeline P   pipeline depth of the prefill (default 32)
  --seed N          random seed (default 1)
  --drain-timeout S wait this long for outstanding replies at the end (default 10)
  --reply-timeout S stop when no reply arrives for S seconds with requests outstanding (default 10)
  --connect-timeout S   (default 5)
  --json FILE       write the configuration and results as JSON ("-" = stdout)
  --quiet           no human summary
  --allow-remote    allow a non-loopback --host
Exit status: 0 = every request got a reply, 1 = a connection failed or replies were
missing, 2 = bad options. Error replies are counted (and reported), not fatal.
)";
}

bool parse_options(const std::vector<std::string>& args, Options* o, std::string* err) {
  Config& c = o->cfg;
  bool port_set = false;
  uint64_t requests = 0;
  double duration = 0;
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string name = args[i], val;
    bool has_val = false;
    if (const auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
      val = name.substr(eq + 1);
      name.resize(eq);
      has_val = true;
    }
    auto need = [&]() -> bool {
      if (has_val) return true;
      if (i + 1 >= args.size()) {
        *err = cat(name, " needs a value");
        return false;
      }
      val = args[++i];
      return true;
    };
    auto bad = [&](const char* what) {
      *err = cat("bad value '", val, "' for ", name, " (", what, ")");
      return false;
    };
    if (name == "--help" || name == "-h") {
      o->help = true;
    } else if (name == "--prefill") {
      c.prefill = true;
    } else if (name == "--prefill-only") {
      c.prefill = true;
      o->prefill_only = true;
    } else if (name == "--quiet") {
      o->quiet = true;
    } else if (name == "--allow-remote") {
      o->allow_remote = true;
    } else if (name == "--protocol") {
      if (!need()) return false;
      if (!parse_protocol(val, &c.protocol)) return bad("resp, text, meta or binary");
    } else if (name == "--host") {
      if (!need()) return false;
      c.endpoint.host = val;
    } else if (name == "--port") {
      if (!need()) return false;
      if (!to_int(val, 1, 65535, &c.endpoint.port)) return bad("1..65535");
      port_set = true;
    } else if (name == "--threads") {
      if (!need()) return false;
      if (!to_int(val, 1, 1024, &c.threads)) return bad("1..1024");
    } else if (name == "--connections") {
      if (!need()) return false;
      if (!to_int(val, 1, 100000, &c.connections)) return bad("1..100000");
    } else if (name == "--pipeline") {
      if (!need()) return false;
      if (!to_int(val, 1, 65536, &c.pipeline)) return bad("1..65536");
    } else if (name == "--pipeline-mode") {
      if (!need()) return false;
      if (val == "window") c.batch = false;
      else if (val == "batch") c.batch = true;
      else return bad("window or batch");
    } else if (name == "--prefill-pipeline") {
      if (!need()) return false;
      if (!to_int(val, 1, 65536, &c.prefill_pipeline)) return bad("1..65536");
    } else if (name == "--requests") {
      if (!need()) return false;
      if (!to_u64(val, &requests) || requests == 0) return bad("a positive count");
    } else if (name == "--duration") {
      if (!need()) return false;
      if (!to_seconds(val, &duration)) return bad("seconds, 0 < S <= 86400");
    } else if (name == "--drain-timeout") {
      if (!need()) return false;
      if (!to_seconds(val, &c.drain_timeout_s)) return bad("seconds");
    } else if (name == "--reply-timeout") {
      if (!need()) return false;
      if (!to_seconds(val, &c.reply_timeout_s)) return bad("seconds");
    } else if (name == "--connect-timeout") {
      if (!need()) return false;
      if (!to_seconds(val, &c.endpoint.connect_timeout_s)) return bad("seconds");
    } else if (name == "--keyspace") {
      if (!need()) return false;
      if (!to_u64(val, &c.keyspace) || c.keyspace == 0 || c.keyspace > (uint64_t{1} << 31)) return bad("1..2^31");
    } else if (name == "--distribution") {
      if (!need()) return false;
      if (!parse_distribution(val, &c.dist, err)) return false;
    } else if (name == "--key-size") {
      if (!need()) return false;
      if (!parse_size_range(val, &c.key_size, err)) return false;
      if (c.key_size.hi > 250) return bad("memcached keys are at most 250 bytes");
    } else if (name == "--value-size") {
      if (!need()) return false;
      if (!parse_size_range(val, &c.value_size, err)) return false;
    } else if (name == "--ratio") {
      if (!need()) return false;
      if (!parse_ratio(val, &c.ratio, err)) return false;
    } else if (name == "--key-prefix") {
      if (!need()) return false;
      if (val.find_first_of(" \r\n\t") != std::string::npos) return bad("no whitespace");
      c.key_prefix = val;
    } else if (name == "--seed") {
      if (!need()) return false;
      if (!to_u64(val, &c.seed)) return bad("an integer");
    } else if (name == "--json") {
      if (!need()) return false;
      o->json_path = val;
    } else {
      *err = cat("unknown option '", args[i], "' (see --help)");
      return false;
    }
  }
  if (requests && duration > 0) {
    *err = "give --requests or --duration, not both";
    return false;
  }
  c.requests = requests;
  c.duration_s = duration;
  if (!requests && duration <= 0) c.requests = 100000;
  if (!port_set) c.endpoint.port = c.protocol == Protocol::kResp ? 6379 : 11211;
  if (!o->allow_remote && !is_loopback(c.endpoint.host)) {
    *err = cat("refusing non-loopback host '", c.endpoint.host, "' (pass --allow-remote to load it)");
    return false;
  }
  return true;
}

}  // namespace larder_bench
