#include "report.h"

#include <cstdio>

#include "strcat.h"

namespace larder_bench {
namespace {

double us(uint64_t ns) { return static_cast<double>(ns) / 1000.0; }

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

// 1234567 -> "1,234,567"
std::string grouped(uint64_t v) {
  const std::string d = std::to_string(v);
  std::string out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(d[i]);
  }
  return out;
}

std::string num(uint64_t v) { return std::to_string(v); }

}  // namespace

nlohmann::json config_json(const Config& cfg) {
  nlohmann::json j;
  j["protocol"] = protocol_name(cfg.protocol);
  j["host"] = cfg.endpoint.host;
  j["port"] = cfg.endpoint.port;
  j["transport"] = "tcp";
  j["threads"] = cfg.threads;
  j["connections_per_thread"] = cfg.connections;
  j["pipeline"] = cfg.pipeline;
  j["pipeline_mode"] = cfg.batch ? "batch" : "window";
  if (cfg.requests) j["requests"] = cfg.requests;
  else j["duration_s"] = cfg.duration_s;
  j["keyspace"] = cfg.keyspace;
  j["distribution"] = cfg.dist.str();
  j["key_size"] = cfg.key_size.str();
  j["value_size"] = cfg.value_size.str();
  j["ratio"] = cfg.ratio.str();
  j["key_prefix"] = cfg.key_prefix;
  j["prefill"] = cfg.prefill;
  j["seed"] = cfg.seed;
  return j;
}

nlohmann::json result_json(const RunResult& r) {
  const Counters& c = r.c;
  nlohmann::json j;
  j["complete"] = r.complete;
  j["elapsed_s"] = r.elapsed_s;
  j["ops_per_sec"] = r.ops_per_sec();
  j["requests_sent"] = c.sent;
  j["replies"] = c.replies;
  j["gets"] = c.get_replies;
  j["gets_sent"] = c.gets_sent;
  j["sets"] = c.set_replies;
  j["sets_sent"] = c.sets_sent;
  j["hits"] = c.hits;
  j["misses"] = c.misses;
  j["hit_ratio"] = c.get_replies ? static_cast<double>(c.hits) / static_cast<double>(c.get_replies) : 0.0;
  j["get_errors"] = c.get_errors;
  j["stored"] = c.stored;
  j["not_stored"] = c.not_stored;
  j["set_errors"] = c.set_errors;
  j["errors"] = c.errors();
  j["bytes_sent"] = c.bytes_out;
  j["bytes_received"] = c.bytes_in;
  j["set_key_bytes"] = c.set_key_bytes;
  j["set_value_bytes"] = c.set_value_bytes;
  const Histogram& h = r.latency_ns;
  j["latency_us"] = {
      {"min", us(h.min())},           {"mean", h.mean() / 1000.0},      {"p50", us(h.percentile(50))},
      {"p90", us(h.percentile(90))},  {"p99", us(h.percentile(99))},    {"p99_9", us(h.percentile(99.9))},
      {"max", us(h.max())},           {"count", h.count()},
  };
  j["problems"] = r.problems;
  return j;
}

std::string config_line(const Config& cfg) {
  std::string s = cat("larder-bench ", protocol_name(cfg.protocol), " ", cfg.endpoint.host, ":", num(cfg.endpoint.port),
                      "  threads=", num(cfg.threads), " conns/thread=", num(cfg.connections),
                      " pipeline=", num(cfg.pipeline), cfg.batch ? " (batch)" : "");
  if (cfg.requests) s += cat(" requests=", num(cfg.requests));
  else s += cat(" duration=", fmt("%gs", cfg.duration_s));
  s += cat("\n  keyspace=", num(cfg.keyspace), " ", cfg.dist.str(), " key=", cfg.key_size.str(), "B value=",
           cfg.value_size.str(), "B get:set=", cfg.ratio.str(), " prefix='", cfg.key_prefix, "'");
  return s;
}

std::string summary(const std::string& label, const RunResult& r) {
  const Counters& c = r.c;
  const Histogram& h = r.latency_ns;
  std::string s = cat(label, ": ", grouped(c.sent), " sent, ", grouped(c.replies), " replies in ",
                      fmt("%.3f", r.elapsed_s), " s = ", grouped(static_cast<uint64_t>(r.ops_per_sec() + 0.5)),
                      " ops/s", r.complete ? "" : "  [INCOMPLETE]", "\n");
  s += cat("  gets ", grouped(c.get_replies), " (hits ", grouped(c.hits), ", misses ", grouped(c.misses));
  if (c.get_replies)
    s += fmt(", hit ratio %.2f%%", 100.0 * static_cast<double>(c.hits) / static_cast<double>(c.get_replies));
  s += cat(")  sets ", grouped(c.set_replies), " (stored ", grouped(c.stored), ", not stored ",
           grouped(c.not_stored), ")  errors ", grouped(c.errors()), "\n");
  s += cat("  latency us: p50 ", fmt("%.1f", us(h.percentile(50))), "  p90 ", fmt("%.1f", us(h.percentile(90))),
           "  p99 ", fmt("%.1f", us(h.percentile(99))), "  p99.9 ", fmt("%.1f", us(h.percentile(99.9))),
           "  max ", fmt("%.1f", us(h.max())), "  mean ", fmt("%.1f", h.mean() / 1000.0), "\n");
  for (const auto& p : r.problems) s += cat("  problem: ", p, "\n");
  return s;
}

}  // namespace larder_bench
