// larder-bench: load generator for RESP and memcached (text, meta, binary) servers.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "options.h"
#include "report.h"

using namespace larder_bench;

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args(argv, argv + argc);
  Options o;
  std::string err;
  if (!parse_options(args, &o, &err)) {
    std::fprintf(stderr, "larder-bench: %s\n", err.c_str());
    return 2;
  }
  if (o.help) {
    std::fputs(usage(), stdout);
    return 0;
  }
  const Config& cfg = o.cfg;
  // With --json -, stdout carries the JSON alone; the summary goes to stderr.
  std::FILE* human = o.json_path == "-" ? stderr : stdout;
  if (!o.quiet) std::fprintf(human, "%s\n", config_line(cfg).c_str());

  nlohmann::json out;
  out["tool"] = "larder-bench";
  out["format"] = 1;
  out["config"] = config_json(cfg);
  bool ok = true;
  if (cfg.prefill) {
    RunResult p = run_prefill(cfg);
    if (!o.quiet) std::fputs(summary("prefill", p).c_str(), human);
    out["prefill"] = result_json(p);
    ok = p.complete;
  }
  if (ok && !o.prefill_only) {
    RunResult r = run_load(cfg);
    if (!o.quiet) std::fputs(summary("load", r).c_str(), human);
    out["result"] = result_json(r);
    ok = r.complete;
  }
  if (!o.json_path.empty()) {
    if (o.json_path == "-") {
      std::cout << out.dump(2) << std::endl;
    } else {
      std::ofstream f(o.json_path);
      f << out.dump(2) << '\n';
      if (!f) {
        std::fprintf(stderr, "larder-bench: cannot write %s\n", o.json_path.c_str());
        return 1;
      }
    }
  }
  return ok ? 0 : 1;
}
