// RESP OBJECT subcommands: ENCODING, REFCOUNT, IDLETIME, FREQ (HELP is generated from the
// table). Each reads the key with Store::inspect, which does not count as an access.
#include <optional>
#include <string>

#include "src/server/resp/call.h"

namespace larder::server {
namespace {

// Redis's rule for strings it does not keep as integers: up to 44 bytes fit one allocation
// with their header ("embstr"); longer ones are "raw".
constexpr size_t kEmbstrMaxBytes = 44;

bool lfu_policy(store::EvictionPolicy p) {
    return p == store::EvictionPolicy::allkeys_lfu || p == store::EvictionPolicy::volatile_lfu;
}

// Redis's texts for a policy that does not keep the asked-for figure.
constexpr std::string_view kIdleUnderLfu =
    "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when "
    "switching between policies at runtime LRU and LFU data will take some time to adjust.";
constexpr std::string_view kFreqWithoutLfu =
    "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note "
    "that when switching between policies at runtime LRU and LFU data will take some time to "
    "adjust.";
// Ours: with no memory limit the store does not update the access field on reads (see
// docs/store.md), so neither figure would be true.
constexpr std::string_view kIdleUntracked =
    "ERR idle time is not tracked while maxmemory is 0: reads do not update access times "
    "without a memory limit";
constexpr std::string_view kFreqUntracked =
    "ERR access frequency is not tracked while maxmemory is 0: reads do not update access "
    "counters without a memory limit";

// The key's facts, or a null reply (as Redis answers for a missing key) and nullopt.
std::optional<store::ItemFacts> facts_or_null(RespCall& c) {
    std::optional<store::ItemFacts> facts = c.store().inspect(c.args[2]);
    if (!facts) c.reply.null();
    return facts;
}

// OBJECT ENCODING key: "int" for a value the store keeps as a binary integer, else "embstr"
// up to 44 bytes and "raw" beyond, Redis's names for strings.
void cmd_object_encoding(RespCall& c) {
    const auto facts = facts_or_null(c);
    if (!facts) return;
    if (facts->int_encoded) return c.reply.bulk("int");
    c.reply.bulk(facts->value_size <= kEmbstrMaxBytes ? "embstr" : "raw");
}

// OBJECT REFCOUNT key: items are never shared, so the table's reference is the only one.
void cmd_object_refcount(RespCall& c) {
    if (facts_or_null(c)) c.reply.integer(1);
}

// OBJECT IDLETIME key: seconds since the last access, by the store's 1-second LRU clock.
void cmd_object_idletime(RespCall& c) {
    const auto facts = facts_or_null(c);
    if (!facts) return;
    if (lfu_policy(c.store().eviction_policy())) return c.reply.error(kIdleUnderLfu);
    if (c.store().maxmemory() == 0) return c.reply.error(kIdleUntracked);
    c.reply.integer(static_cast<int64_t>(facts->idle_ms / 1000));
}

// OBJECT FREQ key: the logarithmic access counter after decay (LFU policies only).
void cmd_object_freq(RespCall& c) {
    const auto facts = facts_or_null(c);
    if (!facts) return;
    if (!lfu_policy(c.store().eviction_policy())) return c.reply.error(kFreqWithoutLfu);
    if (c.store().maxmemory() == 0) return c.reply.error(kFreqUntracked);
    c.reply.integer(facts->lfu_counter);
}

}  // namespace

void bind_resp_object_commands(RespHandlerTable& t) {
    using resp::CommandId;
    auto bind = [&](CommandId id, RespHandler h) { t[static_cast<size_t>(id)] = h; };
    bind(CommandId::object_encoding, cmd_object_encoding);
    bind(CommandId::object_refcount, cmd_object_refcount);
    bind(CommandId::object_idletime, cmd_object_idletime);
    bind(CommandId::object_freq, cmd_object_freq);
    bind(CommandId::object_help, reply_subcommand_help);
}

}  // namespace larder::server
