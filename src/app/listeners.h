// Turns the configuration's listeners into the network's listen specs: the one place that
// knows both the config file's words and src/net's types. Used by main() only.
#pragma once

#include <vector>

#include "src/config/config.h"
#include "src/net/listen_socket.h"

namespace larder::app {

// The listeners a configuration asks for (explicit "listeners", else port + memcache-port).
std::vector<net::ListenSpec> listen_specs(const Config& config);

}  // namespace larder::app
