// Helpers the config unit tests share: loading from an argv or a JSON text, and a config file
// in the temp directory that lives as long as the test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "src/config/config.h"

namespace larder::testing {

inline LoadResult load_args(std::vector<std::string> args) {
    std::vector<const char*> argv = {"larder-server"};
    for (const std::string& a : args) argv.push_back(a.c_str());
    return load_config(static_cast<int>(argv.size()), argv.data());
}

inline LoadResult load_json(std::string_view text) {
    return load_config_from_json(text, Config{});
}

// The error of a JSON text that must not load.
inline std::string json_error(std::string_view text) {
    LoadResult r = load_json(text);
    EXPECT_FALSE(r.ok) << text;
    return r.error;
}

// A config file in the temp directory, removed when the test ends; named per process and
// test so parallel ctest runs never share one.
class TempFile {
  public:
    explicit TempFile(std::string_view contents) {
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = std::filesystem::temp_directory_path() /
                ("larder-config-" + std::to_string(getpid()) + "-" + test->test_suite_name() + "-" +
                 test->name() + ".json");
        std::ofstream(path_) << contents;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    std::string path() const { return path_.string(); }

  private:
    std::filesystem::path path_;
};

}  // namespace larder::testing
