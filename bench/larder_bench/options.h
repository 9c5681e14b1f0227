// Command-line options of larder-bench.
#pragma once

#include <string>
#include <vector>

#include "runner.h"

namespace larder_bench {

struct Options {
  Config cfg;
  std::string json_path;  // "" = none, "-" = stdout
  bool quiet = false;
  bool prefill_only = false;
  bool allow_remote = false;
  bool help = false;
};

// Parses argv (argv[0] is skipped). false and *err on a bad option.
bool parse_options(const std::vector<std::string>& args, Options* out, std::string* err);
const char* usage();

}  // namespace larder_bench
