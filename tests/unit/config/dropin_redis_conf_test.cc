// redis.conf files: the tokenizer (Redis's quoting rules), honoured options, judged
// directives (honoured or refused), the one warning line, --strict-config, --check-config
// and the command line's directives.
#include "src/config/dropin.h"
#include "tests/unit/config/config_harness.h"

namespace larder {
namespace {

using config_internal::split_redis_line;
using testing::load_args;

// A redis.conf in the temp directory, removed when the test ends.
class ConfFile {
  public:
    explicit ConfFile(std::string_view contents, std::string_view suffix = ".conf") {
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = std::filesystem::temp_directory_path() /
                ("larder-redisconf-" + std::to_string(getpid()) + "-" + test->name() +
                 std::to_string(counter_++) + std::string(suffix));
        std::ofstream(path_) << contents;
    }
    ~ConfFile() { std::filesystem::remove(path_); }
    std::string path() const { return path_.string(); }

  private:
    static inline int counter_ = 0;
    std::filesystem::path path_;
};

using Args = std::vector<std::string>;

TEST(RedisConfTokens, BlanksAndQuotes) {
    EXPECT_EQ(split_redis_line("port 6379"), (Args{"port", "6379"}));
    EXPECT_EQ(split_redis_line("  save   900  1 "), (Args{"save", "900", "1"}));
    EXPECT_EQ(split_redis_line("logfile \"\""), (Args{"logfile", ""}));
    EXPECT_EQ(split_redis_line("a \"b c\" 'd e'"), (Args{"a", "b c", "d e"}));
    EXPECT_EQ(split_redis_line("proc-title-template \"{title} {listen-addr}\""),
              (Args{"proc-title-template", "{title} {listen-addr}"}));
    EXPECT_EQ(split_redis_line(""), Args{});
}

TEST(RedisConfTokens, Escapes) {
    EXPECT_EQ(split_redis_line(R"(x "a\nb\t\"q\"\\")"), (Args{"x", "a\nb\t\"q\"\\"}));
    EXPECT_EQ(split_redis_line(R"(x "\x41\x7a")"), (Args{"x", "Az"}));
    EXPECT_EQ(split_redis_line(R"(x "\xZZ")"), (Args{"x", "xZZ"}));  // not hex: the letter
    EXPECT_EQ(split_redis_line(R"(x 'it\'s' 'a\nb')"), (Args{"x", "it's", "a\\nb"}));
    EXPECT_EQ(split_redis_line(R"(x ab"c d"e)"), std::nullopt);  // quote must end the arg
    EXPECT_EQ(split_redis_line(R"(x ab"c d")"), (Args{"x", "abc d"}));
}

TEST(RedisConfTokens, Unbalanced) {
    EXPECT_EQ(split_redis_line("x \"abc"), std::nullopt);
    EXPECT_EQ(split_redis_line("x 'abc"), std::nullopt);
    EXPECT_EQ(split_redis_line("x \"a\"b"), std::nullopt);
}

TEST(RedisConf, OptionsAreHonouredWithRedisSyntax) {
    ConfFile f(
        "# comment\n"
        "  # indented comment\n"
        "\n"
        "PORT 7000\n"
        "bind 127.0.0.2\n"
        "maxmemory 100mb\n"
        "maxmemory-policy ALLKEYS-LFU\n"
        "maxclients 500\n"
        "tcp-backlog 128\n"
        "loglevel warning\n"
        "databases 4\n"
        "hz 20\n"
        "proto-max-bulk-len 64mb\n"
        "requirepass \"\"\n"
        "daemonize no\n"
        "supervised systemd\n"
        "pidfile \"\"\n"
        "logfile \"\"\n"
        "timeout 0\n"
        "tls-port 0\n"
        "protected-mode yes\n");
    LoadResult r = load_args({f.path()});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_TRUE(r.warnings.empty());
    EXPECT_EQ(r.config.port, 7000);
    EXPECT_EQ(r.config.bind, "127.0.0.2");
    EXPECT_EQ(r.config.maxmemory, 100u << 20);
    EXPECT_EQ(r.config.maxmemory_policy, "allkeys-lfu");
    EXPECT_EQ(r.config.maxclients, 500);
    EXPECT_EQ(r.config.tcp_backlog, 128);
    EXPECT_EQ(r.config.loglevel, "warning");
    EXPECT_EQ(r.config.databases, 4);
    EXPECT_EQ(r.config.hz, 20);
    EXPECT_EQ(r.config.proto_max_bulk_len, 64u << 20);
}

TEST(RedisConf, RepeatedDirectiveLastWins) {
    ConfFile f("port 7000\nport 7001\nmaxmemory 1mb\nmaxmemory 2mb\n");
    LoadResult r = load_args({"--config", f.path()});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.port, 7001);
    EXPECT_EQ(r.config.maxmemory, 2u << 20);
}

TEST(RedisConf, CommandLineWinsOverTheFile) {
    ConfFile f("port 7000\nmaxmemory 1mb\n");
    LoadResult r = load_args({"--port", "7002", f.path(), "-m", "3"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.port, 7002);
    EXPECT_EQ(r.config.maxmemory, 3u << 20);
}

TEST(RedisConf, UnimplementedDirectivesAreOneWarning) {
    ConfFile f("save 900 1\nappendonly no\nsave \"\"\ntcp-keepalive 300\nport 7000\n");
    LoadResult r = load_args({f.path()});
    ASSERT_TRUE(r.ok) << r.error;
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0], "config: " + f.path() +
                                 ": ignored 3 directives Larder does not implement: save, "
                                 "appendonly, tcp-keepalive");
}

TEST(RedisConf, StrictConfigRefusesThem) {
    ConfFile f("save 900 1\nport 7000\n");
    LoadResult r = load_args({"--strict-config", f.path()});
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "config: " + f.path() +
                           ": --strict-config: refusing 1 directive Larder does not implement: "
                           "save");
}

TEST(RedisConf, RefusedDirectivesAreAllListed) {
    ConfFile f(
        "daemonize yes\n"
        "pidfile /run/redis/redis-server.pid\n"
        "logfile /var/log/redis/redis-server.log\n"
        "unixsocket /run/redis.sock\n"
        "timeout 300\n"
        "tls-port 6380\n"
        "tls-auth-clients no\n"
        "rename-command FLUSHALL \"\"\n"
        "user alice on >secret ~* +@all\n"
        "replicaof 10.0.0.1 6379\n"
        "supervised upstart\n"
        "protected-mode maybe\n");
    LoadResult r = load_args({f.path()});
    EXPECT_FALSE(r.ok);
    std::string p = "config: " + f.path() + ":";
    EXPECT_EQ(r.error,
              p +
                  "1: daemonize yes: Larder does not daemonize; it runs in the foreground "
                  "(systemd supervises it); set daemonize no\n" +
                  p +
                  "2: pidfile /run/redis/redis-server.pid: Larder does not write a pid file "
                  "(systemd tracks the process); remove the line\n" +
                  p +
                  "3: logfile /var/log/redis/redis-server.log: Larder logs to stderr only "
                  "(journald under systemd); set logfile \"\" or remove the line\n" +
                  p +
                  "4: unixsocket /run/redis.sock: Larder does not listen on Unix sockets; "
                  "clients must connect over TCP (port)\n" +
                  p + "5: timeout 300: Larder does not close idle clients; set timeout 0\n" + p +
                  "6: tls-port 6380: TLS is not available in this build yet; refusing a "
                  "TLS setting that would not be used\n" +
                  p +
                  "7: tls-auth-clients no: TLS is not available in this build yet; "
                  "refusing a TLS setting that would not be used\n" +
                  p +
                  "8: rename-command FLUSHALL \"\": Larder cannot rename or disable "
                  "commands; refusing a restriction it would not apply\n" +
                  p +
                  "9: user: ACL users are not available yet; refusing access rules that "
                  "would not be enforced\n" +
                  p +
                  "10: replicaof 10.0.0.1 6379: Larder does not replicate; refusing to "
                  "serve as a primary what is configured as a replica\n" +
                  p +
                  "11: supervised upstart: Larder notifies systemd only; use supervised "
                  "systemd, auto or no\n" +
                  p + "12: protected-mode maybe: expects yes or no");
    EXPECT_EQ(r.error.find("secret"), std::string::npos);  // a user line is never echoed
}

TEST(RedisConf, ProtectionOptionsReuseTheRefusals) {
    ConfFile pass("requirepass hunter2\n");
    EXPECT_EQ(load_args({pass.path()}).error,
              "config: requirepass: AUTH is not available yet; refusing a password that would "
              "not be enforced");
    ConfFile cert("tls-cert-file /etc/redis/cert.pem\n");
    EXPECT_EQ(load_args({cert.path()}).error,
              "config: tls-cert-file: TLS is not available in this build yet; refusing a "
              "certificate that would not be used");
}

TEST(RedisConf, ValueErrorsNameTheLine) {
    ConfFile f("port 6379\nmaxmemory lots\nport 1 2\n");
    LoadResult r = load_args({f.path()});
    EXPECT_EQ(r.error, "config: " + f.path() +
                           ":2: option 'maxmemory' expects a memory size (bytes, or a number "
                           "with unit k, kb, m, mb, g, gb), got \"lots\"\n" +
                           "config: " + f.path() + ":3: 'port' takes one argument, got 2");
    ConfFile q("port \"6379\nbind x\n");
    EXPECT_EQ(load_args({q.path()}).error, "config: " + q.path() + ":1: unbalanced quotes");
    ConfFile n(std::string_view("port 6379\nbind 127.0.0.1\0x\n", 27));
    EXPECT_EQ(load_args({n.path()}).error, "config: " + n.path() + ":2: NUL byte in line");
}

TEST(RedisConf, Bind) {
    ConfFile debian("bind 127.0.0.1 -::1\n");
    LoadResult r = load_args({debian.path()});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.bind, "127.0.0.1");
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0], "config: " + debian.path() +
                                 ":1: bind: not binding the optional address(es) ::1 (Larder "
                                 "binds one address per port: 127.0.0.1)");
    ConfFile star("bind * -::*\nprotected-mode no\n");
    EXPECT_EQ(load_args({star.path()}).config.bind, "0.0.0.0");
    ConfFile later("bind 10.0.0.1 10.0.0.2\nbind 127.0.0.3\n");  // only the last bind counts
    EXPECT_EQ(load_args({later.path()}).config.bind, "127.0.0.3");
    ConfFile two("bind 127.0.0.1 10.0.0.5\n");
    EXPECT_EQ(load_args({two.path()}).error,
              "config: " + two.path() +
                  ":1: bind 127.0.0.1 10.0.0.5: Larder binds one address per port; keep one, "
                  "or use the 'listeners' option for several");
}

TEST(RedisConf, ProtectedModeHoldsOnlyOnLoopback) {
    ConfFile open_bind("bind 0.0.0.0\nprotected-mode yes\n");
    EXPECT_EQ(load_args({open_bind.path(), "--port", "7000", "--memcache-port", "0"}).error,
              "config: " + open_bind.path() +
                  ":2: protected-mode yes: Larder has no protected mode and would accept clients "
                  "from other hosts on 0.0.0.0:7000; bind a loopback address or set "
                  "protected-mode no");
    // The command line's bind is part of the final values the check sees.
    ConfFile loopback("protected-mode yes\n");
    EXPECT_FALSE(load_args({loopback.path(), "--bind", "0.0.0.0"}).ok);
    EXPECT_TRUE(load_args({loopback.path(), "--bind", "127.0.0.1"}).ok);
    EXPECT_TRUE(load_args({loopback.path(), "--bind", "0.0.0.0", "--protected-mode", "no"}).ok);
}

TEST(RedisConf, CommandLineDirectives) {
    ConfFile f("daemonize yes\nsupervised no\n");
    // As Debian's redis-server.service: FILE --supervised systemd --daemonize no.
    LoadResult r = load_args({f.path(), "--supervised", "systemd", "--daemonize", "no"});
    EXPECT_TRUE(r.ok) << r.error;  // appended after the file: the last one wins
    EXPECT_EQ(load_args({f.path(), "--daemonize", "no", "--supervised", "upstart"}).error,
              "config: command line: supervised upstart: Larder notifies systemd only; use "
              "supervised systemd, auto or no");
    ConfFile twice("daemonize yes\ndaemonize no\nrename-command A B\nrename-command C D\n");
    LoadResult both = load_args({twice.path()});
    EXPECT_EQ(both.error, "config: " + twice.path() +
                              ":3: rename-command A B: Larder cannot rename or disable commands; "
                              "refusing a restriction it would not apply\n" +
                              "config: " + twice.path() +
                              ":4: rename-command C D: Larder cannot rename or disable commands; "
                              "refusing a restriction it would not apply");
    EXPECT_EQ(load_args({"--daemonize", "yes"}).error,
              "config: command line: daemonize yes: Larder does not daemonize; it runs in the "
              "foreground (systemd supervises it); set daemonize no");
    EXPECT_TRUE(load_args({"--daemonize", "no", "--pidfile", ""}).ok);
    EXPECT_EQ(load_args({"--save", "900"}).error, "config: unknown option '--save'");
}

TEST(RedisConf, Include) {
    ConfFile inner("maxmemory 5mb\n");
    ConfFile outer("port 7000\ninclude " + inner.path() + "\nmaxclients 9\n");
    LoadResult r = load_args({outer.path()});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.maxmemory, 5u << 20);
    EXPECT_EQ(r.config.maxclients, 9);
    ConfFile missing("include /nonexistent/other.conf\n");
    EXPECT_EQ(load_args({missing.path()}).error,
              "config: cannot read config file \"/nonexistent/other.conf\": No such file or "
              "directory");
}

TEST(RedisConf, IncludeLoopIsCutOff) {
    std::string path = std::filesystem::temp_directory_path() /
                       ("larder-redisconf-loop-" + std::to_string(getpid()) + ".conf");
    std::ofstream(path) << "include " << path << "\n";
    LoadResult r = load_args({path});
    std::filesystem::remove(path);
    EXPECT_EQ(r.error, "config: " + path + ":1: include nested deeper than 16 files");
}

TEST(RedisConf, JsonWhateverTheName) {
    ConfFile json(R"({"port": 7005})");
    LoadResult r = load_args({json.path()});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.port, 7005);
}

TEST(RedisConf, CheckConfig) {
    ConfFile good("port 7000\nsave 900 1\n");
    LoadResult ok = load_args({"--check-config", good.path()});
    EXPECT_TRUE(ok.ok) << ok.error;
    EXPECT_TRUE(ok.check_only);
    EXPECT_EQ(ok.warnings.size(), 1u);
    ConfFile bad("daemonize yes\n");
    LoadResult refused = load_args({"--check-config", bad.path()});
    EXPECT_FALSE(refused.ok);
    EXPECT_TRUE(refused.check_only);
    EXPECT_EQ(load_args({"--check-config", good.path(), "--config", good.path()}).error,
              "config: --config is given twice");
    EXPECT_TRUE(load_args({"--check-config=" + good.path()}).check_only);
}

TEST(RedisConf, BareNameWithoutFileIsStillUnexpected) {
    EXPECT_EQ(load_args({"nosuch-larder.conf"}).error,
              "config: unexpected argument \"nosuch-larder.conf\" (options are --NAME VALUE; see "
              "--help)");
}

}  // namespace
}  // namespace larder
