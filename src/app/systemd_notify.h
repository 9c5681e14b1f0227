// Tells a service manager how the daemon is doing, with systemd's sd_notify protocol spoken
// directly (no libsystemd): one datagram per state change to the AF_UNIX socket named by
// $NOTIFY_SOCKET (a path, or "@name" for the abstract namespace). Without $NOTIFY_SOCKET
// every call does nothing, so the daemon runs the same under a shell, a test or systemd.
// Called from the main thread only.
#pragma once

#include <string>
#include <string_view>

namespace larder::app {

class ServiceNotifier {
  public:
    // Reads $NOTIFY_SOCKET once and unsets it, so that nothing the daemon starts inherits it.
    ServiceNotifier();

    void ready();      // READY=1 with a STATUS= line: the listeners accept connections
    void reloading();  // RELOADING=1 (with MONOTONIC_USEC=, as systemd 253 wants): SIGHUP
    void stopping();   // STOPPING=1: SIGTERM/SIGINT or SHUTDOWN
    bool active() const { return !socket_path_.empty(); }

  private:
    void send(std::string_view message);

    std::string socket_path_;  // "" when not run by a service manager
};

}  // namespace larder::app
