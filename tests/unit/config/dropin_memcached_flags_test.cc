// memcached's command-line flags: each mapping onto an option with memcached's meaning, and
// each refusal with its exact line (docs/configuration.md, "Drop-in").
#include <pwd.h>
#include <unistd.h>

#include "tests/unit/config/config_harness.h"

namespace larder {
namespace {

using testing::load_args;

std::string error_of(std::vector<std::string> args) {
    LoadResult r = load_args(std::move(args));
    EXPECT_FALSE(r.ok);
    return r.error;
}

TEST(MemcachedFlags, PortIsTheMemcachedPort) {
    LoadResult r = load_args({"-p", "11311"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.memcache_port, 11311);
    EXPECT_EQ(r.config.port, 6379);  // the RESP port is untouched
    EXPECT_EQ(load_args({"-p11312"}).config.memcache_port, 11312);
}

TEST(MemcachedFlags, MemoryIsMegabytes) {
    EXPECT_EQ(load_args({"-m", "64"}).config.maxmemory, 64u << 20);
    EXPECT_EQ(load_args({"-m64"}).config.maxmemory, 64u << 20);
    EXPECT_EQ(load_args({"-m", "2g"}).config.maxmemory, 2ull << 30);
    EXPECT_EQ(load_args({"-m", "512k"}).config.maxmemory, 512u << 10);
    EXPECT_EQ(load_args({"-m", "3M"}).config.maxmemory, 3u << 20);
    EXPECT_EQ(error_of({"-m", "abc"}),
              "config: -m expects megabytes (memcached's -m; or a number with k, m or g), got "
              "\"abc\"");
    EXPECT_EQ(error_of({"-m", "0"}), "config: -m must be at least 1 (megabyte), got 0");
    EXPECT_EQ(error_of({"-m"}), "config: -m needs a value");
}

TEST(MemcachedFlags, ConnectionsThreadsBacklog) {
    LoadResult r = load_args({"-c", "2048", "-t", "3", "-b", "128"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.maxclients, 2048);
    EXPECT_EQ(r.config.threads, 3);
    EXPECT_EQ(r.config.tcp_backlog, 128);
}

TEST(MemcachedFlags, ItemSizeUsesMemcachedUnits) {
    EXPECT_EQ(load_args({"-I", "2m"}).config.item_size_max, 2u << 20);  // MiB, as memcached
    EXPECT_EQ(load_args({"-I", "512k"}).config.item_size_max, 512u << 10);
    EXPECT_EQ(load_args({"-I", "4M"}).config.item_size_max, 4u << 20);
    EXPECT_EQ(load_args({"-I", "2048"}).config.item_size_max, 2048u);
    EXPECT_EQ(load_args({"-I=2mb"}).config.item_size_max, 2u << 20);  // Larder's units too
    EXPECT_EQ(error_of({"-I", "2x"}),
              "config: option 'item-size-max' expects a memory size (bytes, or a number with "
              "unit k, kb, m, mb, g, gb), got \"2x\"");
    EXPECT_EQ(error_of({"-I", "2048m"}),
              "config: option 'item-size-max' must be between 1kb and 1gb, got 2147483648");
}

TEST(MemcachedFlags, ListenAddress) {
    EXPECT_EQ(load_args({"-l", "127.0.0.2"}).config.bind, "127.0.0.2");
    EXPECT_EQ(error_of({"-l", "127.0.0.1,10.0.0.5"}),
              "config: -l 127.0.0.1,10.0.0.5: Larder binds one address per port; give one "
              "address, or the 'listeners' option for several");
}

TEST(MemcachedFlags, Udp) {
    EXPECT_TRUE(load_args({"-U", "0"}).ok);
    EXPECT_EQ(error_of({"-U", "11211"}),
              "config: -U 11211: Larder does not serve UDP; only -U 0 is accepted");
}

TEST(MemcachedFlags, Verbosity) {
    EXPECT_EQ(load_args({"-v", "-p", "11311"}).config.loglevel, "verbose");
    EXPECT_EQ(load_args({"-vv"}).config.loglevel, "debug");
    EXPECT_EQ(load_args({"-vvv"}).config.loglevel, "debug");
    // Alone, -v is the version (redis-server -v); -V always is (memcached -V).
    EXPECT_TRUE(load_args({"-v"}).show_version);
    EXPECT_TRUE(load_args({"-V", "-p", "1"}).show_version);
    EXPECT_FALSE(load_args({"-v", "-p", "11311"}).show_version);
    EXPECT_EQ(error_of({"-vx", "-p", "1"}), "config: unknown option '-vx'");
}

TEST(MemcachedFlags, NoEvictionOnFull) {
    EXPECT_EQ(load_args({"-M"}).config.maxmemory_policy, "noeviction");
    EXPECT_EQ(error_of({"-Mx"}), "config: -M takes no value, got \"x\"");
}

TEST(MemcachedFlags, User) {
    const passwd* pw = getpwuid(geteuid());
    ASSERT_NE(pw, nullptr);
    EXPECT_TRUE(load_args({"-u", pw->pw_name}).ok);
    std::string other = std::string(pw->pw_name) == "nobody" ? "daemon" : "nobody";
    EXPECT_EQ(error_of({"-u", other}), "config: -u " + other +
                                           ": Larder does not switch users; start it as '" + other +
                                           "' (systemd: User=" + other + ") and drop -u");
}

TEST(MemcachedFlags, Refused) {
    EXPECT_EQ(error_of({"-d"}),
              "config: -d: Larder does not daemonize; it runs in the foreground (systemd "
              "supervises it); drop -d");
    EXPECT_EQ(error_of({"-P", "/run/memcached.pid"}),
              "config: -P /run/memcached.pid: Larder does not write a pid file (systemd tracks "
              "the process); drop -P");
    EXPECT_EQ(error_of({"-R", "20"}),
              "config: -R 20: Larder has no per-event request limit; drop -R");
    EXPECT_EQ(error_of({"-C"}), "config: -C: Larder always keeps CAS values; -C is not available");
    EXPECT_EQ(error_of({"-o", "hashpower=16,modern,lru_crawler"}),
              "config: -o hashpower=16,modern,lru_crawler: Larder does not implement memcached's "
              "-o options hashpower, modern, lru_crawler");
}

TEST(MemcachedFlags, BindingProtocol) {
    EXPECT_TRUE(load_args({"-B", "auto"}).ok);
    EXPECT_EQ(error_of({"-B", "binary"}),
              "config: -B binary: Larder's memcached listener detects text and binary per "
              "connection; only -B auto is available");
    EXPECT_FALSE(load_args({"-B", "ascii"}).ok);
}

TEST(MemcachedFlags, SaslNeedsAnAuthFile) {
    EXPECT_EQ(error_of({"-S"}),
              "config: -S: Larder's memcached logins need an auth file: give -Y FILE "
              "(memcache-auth-file), which enables SASL PLAIN and the text login");
    LoadResult r = load_args({"-S", "-Y", "/etc/larder/logins"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.memcache_auth_file, "/etc/larder/logins");
    // Order does not matter: the check runs on the final values.
    EXPECT_TRUE(load_args({"-Y", "/etc/larder/logins", "-S"}).ok);
}

TEST(MemcachedFlags, DebianMemcachedConfLine) {
    // /etc/memcached.conf as Debian's systemd wrapper passes it (without -d and logfile).
    LoadResult r = load_args({"-m", "64", "-p", "11311", "-l", "127.0.0.1", "-c", "1024"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.maxmemory, 64u << 20);
    EXPECT_EQ(r.config.memcache_port, 11311);
    EXPECT_EQ(r.config.bind, "127.0.0.1");
    EXPECT_EQ(r.config.maxclients, 1024);
}

}  // namespace
}  // namespace larder
