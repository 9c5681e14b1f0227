// Failing closed (DESIGN.md section 7): the security marking of the option table, options
// refused until their feature lands (at start from the command line and the config file, and
// by CONFIG SET), and that --help and docs/configuration.md show the marking.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "src/config/config.h"
#include "src/config/options.h"
#include "tests/unit/config/config_harness.h"

namespace larder {
namespace {

using testing::json_error;
using testing::load_args;
using testing::load_json;
using testing::TempFile;

const std::string kRequirepassRefused =
    "config: requirepass: AUTH is not available yet; refusing a password that would not be "
    "enforced";
const std::string kCertRefused =
    "config: tls-cert-file: TLS is not available in this build yet; refusing a certificate that "
    "would not be used";
const std::string kKeyRefused =
    "config: tls-key-file: TLS is not available in this build yet; refusing a key that would "
    "not be used";

// ---- the marking -------------------------------------------------------------------------

// Pinned here and in tests/integration/test_security_options.py (which has a test per entry):
// marking a new option means giving it an integration test.
TEST(SecurityMarking, MarkedSet) {
    std::map<std::string_view, OptionSecurity> marked;
    for (const OptionSpec& spec : all_options()) {
        if (spec.security != OptionSecurity::none) marked[spec.name] = spec.security;
    }
    using S = OptionSecurity;
    EXPECT_EQ(marked, (std::map<std::string_view, OptionSecurity>{
                          {"bind", S::enforced},
                          {"listeners", S::refused_until_available},
                          {"maxmemory", S::enforced},
                          {"proto-max-bulk-len", S::enforced},
                          {"item-size-max", S::enforced},
                          {"maxclients", S::enforced},
                          {"requirepass", S::refused_until_available},
                          {"tls-cert-file", S::refused_until_available},
                          {"tls-key-file", S::refused_until_available},
                          {"memcache-auth-file", S::enforced},
                      }));
}

TEST(SecurityMarking, NotesAreOneLineAndOnlyOnMarkedOptions) {
    for (const OptionSpec& spec : all_options()) {
        EXPECT_EQ(spec.security_note.empty(), spec.security == OptionSecurity::none) << spec.name;
        EXPECT_EQ(spec.security_note.find('\n'), std::string_view::npos) << spec.name;
    }
    EXPECT_EQ(option_security_name(OptionSecurity::none), "");
    EXPECT_EQ(option_security_name(OptionSecurity::enforced), "enforced");
    EXPECT_EQ(option_security_name(OptionSecurity::refused_until_available),
              "refused until available");
}

// ---- refused at start --------------------------------------------------------------------

TEST(RefusedAtStart, RequirepassOnTheCommandLine) {
    for (auto args : std::vector<std::vector<std::string>>{
             {"--requirepass", "s3cret"},
             {"--requirepass=s3cret"},
             {"--requirepass", "-secret-"},
             {"--REQUIREPASS", "x"},
         }) {
        LoadResult r = load_args(args);
        EXPECT_FALSE(r.ok) << args[0];
        EXPECT_EQ(r.error, kRequirepassRefused);
    }
}

TEST(RefusedAtStart, RequirepassInTheConfigFile) {
    TempFile file(R"({"requirepass": "s3cret"})");
    LoadResult r = load_args({"--config", file.path()});
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, kRequirepassRefused);
    EXPECT_EQ(json_error(R"({"requirepass": "s3cret"})"), kRequirepassRefused);
}

TEST(RefusedAtStart, TheErrorNeverEchoesThePassword) {
    LoadResult r = load_args({"--requirepass", "hunter2-do-not-log"});
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error.find("hunter2"), std::string::npos) << r.error;
}

TEST(RefusedAtStart, EmptyValuesAskForNothing) {
    // "" is the default and means "no password" / "no TLS": accepted from every source.
    LoadResult r = load_args({"--requirepass", "", "--tls-cert-file=", "--tls-key-file", ""});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config, Config{});
    TempFile file(R"({"requirepass": "", "tls-cert-file": "", "tls-key-file": ""})");
    EXPECT_TRUE(load_args({"--config", file.path()}).ok);
}

TEST(RefusedAtStart, TheFinalValueDecides) {
    // The final value decides: a flag that empties the file's password lets the server start.
    TempFile file(R"({"requirepass": "s3cret"})");
    EXPECT_TRUE(load_args({"--config", file.path(), "--requirepass", ""}).ok);
    // ... and a flag that sets one refuses a file without.
    TempFile plain(R"({"hz": 20})");
    EXPECT_EQ(load_args({"--config", plain.path(), "--requirepass", "x"}).error,
              kRequirepassRefused);
}

TEST(RefusedAtStart, TlsCertificateAndKeyFiles) {
    EXPECT_EQ(load_args({"--tls-cert-file", "/etc/larder/cert.pem"}).error, kCertRefused);
    EXPECT_EQ(load_args({"--tls-key-file", "/etc/larder/key.pem"}).error, kKeyRefused);
    EXPECT_EQ(json_error(R"({"tls-cert-file": "c.pem", "tls-key-file": "k.pem"})"), kCertRefused);
    EXPECT_EQ(json_error(R"({"tls-key-file": "k.pem"})"), kKeyRefused);
}

TEST(RefusedAtStart, TlsListenerEverySpellingOfOn) {
    for (std::string_view on : {R"("on")", R"("ON")", R"("yes")", R"("true")", "true"}) {
        std::string doc = R"({"listeners": [{"port": 6400}, {"port": 6380, "tls": )" +
                          std::string(on) +
                          R"(}], "tls-cert-file": "c.pem", "tls-key-file": "k.pem"})";
        EXPECT_EQ(json_error(doc),
                  "config: listeners[1].tls: TLS is not available in this build yet; refusing "
                  "to serve port 6380 in plaintext")
            << on;
    }
}

TEST(RefusedAtStart, TlsListenerOnTheCommandLine) {
    LoadResult r = load_args({"--listeners", R"([{"port": 7001, "tls": true}])", "--tls-cert-file",
                              "c.pem", "--tls-key-file", "k.pem"});
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error,
              "config: listeners[0].tls: TLS is not available in this build yet; refusing to "
              "serve port 7001 in plaintext");
}

TEST(RefusedAtStart, TlsOffIsAccepted) {
    LoadResult r = load_config_from_json(
        R"({"listeners": [{"port": 6380, "tls": "off"}, {"port": 6381, "tls": false}]})", Config{});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_FALSE(r.config.listeners[0].tls);
    EXPECT_FALSE(r.config.listeners[1].tls);
}

TEST(RefusedAtStart, TlsListenerWithoutFilesGetsTheCrossRuleFirst) {
    // The cross-option rule (kept for when TLS lands) is checked before failing closed.
    EXPECT_EQ(json_error(R"({"listeners": [{"port": 1, "tls": "on"}]})"),
              "config: option 'listeners' entry 0 has tls on, which needs 'tls-cert-file' and "
              "'tls-key-file'");
}

TEST(RefusedAtStart, FirstRefusalInTableOrder) {
    EXPECT_EQ(json_error(R"({"requirepass": "p", "tls-cert-file": "c", "tls-key-file": "k",
                             "listeners": [{"port": 7000, "tls": true}]})"),
              "config: listeners[0].tls: TLS is not available in this build yet; refusing to "
              "serve port 7000 in plaintext");
    EXPECT_EQ(json_error(R"({"tls-key-file": "k", "requirepass": "p"})"), kRequirepassRefused);
}

TEST(RefusedAtStart, OtherErrorsStillComeFirst) {
    // A malformed value anywhere is reported before any refusal (parsing precedes checks).
    EXPECT_EQ(load_args({"--requirepass", "p", "--threads", "x"}).error,
              "config: option 'threads' expects an integer, got \"x\"");
}

// ---- CONFIG SET --------------------------------------------------------------------------

TEST(RefusedAtRuntime, ConfigSetRequirepass) {
    Config c;
    Config before = c;
    EXPECT_EQ(set_option(c, "requirepass", "s3cret", true),
              "ERR CONFIG SET failed (possibly related to argument 'requirepass') - AUTH is not "
              "available yet; refusing a password that would not be enforced");
    EXPECT_EQ(c, before);
    EXPECT_EQ(option_value(c, *find_option("requirepass")), "");  // CONFIG GET still works
    EXPECT_EQ(set_option(c, "REQUIREPASS", "x", true),
              "ERR CONFIG SET failed (possibly related to argument 'requirepass') - AUTH is not "
              "available yet; refusing a password that would not be enforced");
    EXPECT_EQ(set_option(c, "requirepass", "", true), std::nullopt);  // "no password" is fine
    EXPECT_EQ(c, before);
}

TEST(RefusedAtRuntime, TlsOptionsAreImmutableAnyway) {
    Config c;
    for (const char* name : {"tls-cert-file", "tls-key-file", "listeners"}) {
        EXPECT_EQ(set_option(c, name, "x", true),
                  "ERR CONFIG SET failed (possibly related to argument '" + std::string(name) +
                      "') - can't set immutable config");
    }
}

// set_option(runtime = false) only parses and stores (the final checks belong to loading), so
// the refused options still parse, and CONFIG GET prints what is held.
TEST(RefusedOptions, StillParseAndPrint) {
    Config c;
    ASSERT_EQ(set_option(c, "requirepass", "s3cret", false), std::nullopt);
    ASSERT_EQ(set_option(c, "tls-cert-file", "/etc/larder/cert.pem", false), std::nullopt);
    ASSERT_EQ(set_option(c, "tls-key-file", "/etc/larder/key.pem", false), std::nullopt);
    ASSERT_EQ(set_option(c, "listeners", R"([{"port": 6390, "tls": "on"}])", false), std::nullopt);
    EXPECT_EQ(c.requirepass, "s3cret");
    EXPECT_EQ(option_value(c, *find_option("tls-cert-file")), "/etc/larder/cert.pem");
    EXPECT_EQ(option_value(c, *find_option("tls-key-file")), "/etc/larder/key.pem");
    EXPECT_EQ(option_value(c, *find_option("listeners")),
              R"([{"bind":"127.0.0.1","port":6390,"protocol":"auto-resp","tls":true}])");
    EXPECT_EQ(json_error(R"({"requirepass": 5})"),
              "config: option 'requirepass' expects a string, got 5");
}

// ---- --help and docs show the marking ----------------------------------------------------

TEST(SecurityMarking, HelpShowsIt) {
    std::string flat;
    std::istringstream words(help_text("larder-server"));
    for (std::string word; words >> word;) flat += word + " ";
    for (const OptionSpec& spec : all_options()) {
        size_t at = flat.find("--" + std::string(spec.name) + " ");
        ASSERT_NE(at, std::string::npos) << spec.name;
        std::string block = flat.substr(at, flat.find(" --", at + 2) - at);
        bool marked = spec.security != OptionSecurity::none;
        EXPECT_EQ(block.find("security: ") != std::string::npos, marked) << block;
        if (marked) {
            std::string want = "security: " + std::string(option_security_name(spec.security)) +
                               ": " + std::string(spec.security_note);
            EXPECT_NE(block.find(want), std::string::npos) << block;
        }
    }
}

std::string read_doc() {
    std::filesystem::path doc =
        std::filesystem::path(__FILE__).parent_path() / "../../../docs/configuration.md";
    std::ifstream in(doc);
    EXPECT_TRUE(in) << "cannot open " << doc;
    std::stringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

std::vector<std::string> cells(const std::string& row) {
    std::vector<std::string> out;
    std::istringstream in(row);
    std::string cell;
    std::getline(in, cell, '|');  // before the first '|'
    while (std::getline(in, cell, '|')) {
        size_t first = cell.find_first_not_of(' ');
        size_t last = cell.find_last_not_of(' ');
        out.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    }
    return out;
}

// The "Security" column of the options table says each option's marking ("" when none), and
// the "Failing closed" section names every marked option.
TEST(SecurityMarking, DocsShowIt) {
    std::istringstream lines(read_doc());
    std::string section;
    std::map<std::string, std::string> column;  // option name → Security cell
    std::string failing_closed;
    size_t security_index = std::string::npos;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("## ", 0) == 0) section = line;
        if (section == "## Failing closed") failing_closed += line + "\n";
        if (section != "## Options") continue;
        if (line.rfind("| Option |", 0) == 0) {
            std::vector<std::string> header = cells(line);
            for (size_t i = 0; i < header.size(); ++i) {
                if (header[i] == "Security") security_index = i;
            }
        }
        if (line.rfind("| `", 0) != 0) continue;
        ASSERT_NE(security_index, std::string::npos) << "no Security column in ## Options";
        std::vector<std::string> row = cells(line);
        ASSERT_GT(row.size(), security_index) << line;
        column[row[0]] = row[security_index];
    }
    EXPECT_EQ(column.size(), all_options().size());
    for (const OptionSpec& spec : all_options()) {
        std::string name = "`" + std::string(spec.name) + "`";
        EXPECT_EQ(column[name], option_security_name(spec.security)) << spec.name;
        if (spec.security != OptionSecurity::none) {
            EXPECT_NE(failing_closed.find(name), std::string::npos)
                << spec.name << " is marked but not described under ## Failing closed";
        }
    }
}

}  // namespace
}  // namespace larder
