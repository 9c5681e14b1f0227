// The memcached text protocol's handlers, bound by TextCommand id from protocols/memcache's
// command table (classic and meta rows alike). Each decodes its request into the shared
// semantics of ops.h or meta.h, which binary requests reach too.
#pragma once

#include <array>

#include "protocols/memcache/commands.h"
#include "protocols/memcache/meta_responder.h"
#include "protocols/memcache/text_parser.h"
#include "protocols/memcache/text_responder.h"
#include "src/server/memcache/ops.h"

namespace larder::server::memcache_ops {

struct TextCall {
    Call& op;  // the shared semantics, answering through the text responder
    memcache::TextResponder& reply;
    memcache::MetaResponder& meta;
    const memcache::TextRequest& req;
    uint64_t conn_id;  // `stats conns` shows the asking connection apart
};

// Returns true when the connection must close after the reply (quit).
using TextHandler = bool (*)(TextCall&);
using TextHandlerTable = std::array<TextHandler, memcache::kTextCommandCount>;

// Every id of the table has a handler (a unit test checks).
const TextHandlerTable& text_handlers();

}  // namespace larder::server::memcache_ops
