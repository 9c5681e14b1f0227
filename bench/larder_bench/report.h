// Human summary and JSON (nlohmann/json) for a run.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "runner.h"

namespace larder_bench {

nlohmann::json config_json(const Config& cfg);
nlohmann::json result_json(const RunResult& r);
// One-paragraph human summary of a result (label: "prefill" / "load").
std::string summary(const std::string& label, const RunResult& r);
std::string config_line(const Config& cfg);

}  // namespace larder_bench
