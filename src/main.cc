// larder-server: wiring only. Parses the configuration, builds the store, the server context
// and one worker service per thread, starts the workers, and handles signals on this (the
// main) thread: SIGTERM/SIGINT (or SHUTDOWN) stop accepting, let replies in flight finish and
// exit 0; SIGHUP logs and reopens what can be reopened, and the server keeps running. Under
// systemd (Type=notify) it reports ready, reloading and stopping through $NOTIFY_SOCKET.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <vector>

#include "larder_version.h"
#include "src/app/listeners.h"
#include "src/app/systemd_notify.h"
#include "src/base/log.h"
#include "src/config/config.h"
#include "src/net/workers.h"
#include "src/server/context.h"
#include "src/server/worker_service.h"
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
    for (const std::string& warning : loaded.warnings) std::cerr << warning << "\n";
    if (loaded.check_only) {  // --check-config FILE: validate, do not start
        if (!loaded.ok) {
            std::cerr << loaded.error << "\n";
            return 2;
        }
        std::cout << "config OK\n";
        return 0;
    }
    if (!loaded.ok) {
        std::cerr << loaded.error << "\n";
        return 2;
    }
    const Config& config = loaded.config;
    log::set_level(config.loglevel);
    app::ServiceNotifier notifier;

    // Signals are taken synchronously by this thread alone; workers never see them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    store::Config store_config;
    store_config.shard_count = static_cast<size_t>(config.shards);
    store_config.max_value_bytes = config.proto_max_bulk_len;
    store_config.maxmemory = config.maxmemory;
    // The option table accepts only the eight policy names, so parsing cannot fail here.
    store_config.eviction_policy = store::parse_eviction_policy(config.maxmemory_policy)
                                       .value_or(store::EvictionPolicy::noeviction);
    store::Store store(store_config);
    server::ServerContext ctx(config, store);
    ctx.set_shutdown_hook([] { kill(getpid(), SIGTERM); });

    std::vector<std::unique_ptr<server::WorkerService>> services;
    std::vector<server::Service*> service_ptrs;
    for (unsigned i = 0; i < worker_threads(config); ++i) {
        services.push_back(std::make_unique<server::WorkerService>(ctx, static_cast<int>(i)));
        service_ptrs.push_back(services.back().get());
    }
    net::WorkerPool workers(service_ptrs);
    if (std::string err = workers.start(app::listen_specs(config)); !err.empty()) {
        log::warning(err);
        return 1;
    }
    notifier.ready();
    while (true) {
        int sig = 0;
        sigwait(&signals, &sig);
        if (sig == SIGHUP) {
            log::notice("received SIGHUP, reloading what can be reloaded (memcache-auth-file)");
            notifier.reloading();
            ctx.reload();
            notifier.ready();
            continue;
        }
        log::notice(sig == SIGINT ? "received SIGINT, shutting down"
                                  : "received SIGTERM, shutting down");
        break;
    }
    notifier.stopping();
    workers.request_stop();
    workers.wait();
    log::notice("bye");
    return 0;
}
