// larder-server: parses the configuration, starts the workers, and waits for SIGTERM/SIGINT
// (or SHUTDOWN), then stops accepting, lets replies in flight finish and exits 0.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <iostream>

#include "larder_version.h"
#include "src/config.h"
#include "src/log.h"
#include "src/server.h"
#include "src/server_context.h"
#include "store/store.h"

int main(int argc, char** argv) {
    using namespace larder;
    LoadResult loaded = load_config(argc, argv);
    if (loaded.show_help) {
        std::cout << help_text("larder-server");
        return 0;
    }
    if (loaded.show_version) {
        std::cout << "larder-server " << LARDER_VERSION << "\n";
        return 0;
    }
    if (!loaded.ok) {
        std::cerr << loaded.error << "\n";
        return 2;
    }
    const Config& config = loaded.config;
    log::set_level(config.loglevel);

    // Signals are taken synchronously by this thread alone; workers never see them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    store::Config store_config;
    store_config.shard_count = static_cast<size_t>(config.shards);
    store_config.max_value_bytes = config.proto_max_bulk_len;
    store_config.maxmemory = config.maxmemory;
    // The option table accepts only the eight policy names, so parsing cannot fail here.
    store_config.eviction_policy =
        store::parse_eviction_policy(config.maxmemory_policy).value_or(store::EvictionPolicy::noeviction);
    store::Store store(store_config);
    ServerContext ctx(config, store);
    ctx.set_shutdown_hook([] { kill(getpid(), SIGTERM); });

    Server server(ctx, config);
    if (std::string err = server.start(); !err.empty()) {
        log::warning(err);
        return 1;
    }
    int sig = 0;
    sigwait(&stop_signals, &sig);
    log::notice(sig == SIGINT ? "received SIGINT, shutting down" : "received SIGTERM, shutting down");
    server.request_stop();
    server.wait();
    log::notice("bye");
    return 0;
}
