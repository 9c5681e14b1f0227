// RESP MEMORY subcommands: USAGE, STATS, DOCTOR, MALLOC-STATS, PURGE (HELP is generated from
// the table). Every figure is one the store or the allocator really keeps; Redis fields
// Larder has no true value for are left out of MEMORY STATS rather than invented.
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "src/base/ascii.h"
#include "src/base/numbers.h"
#include "src/server/resp/call.h"

// tcmalloc's C interface, weak so the daemon also links without tcmalloc (sanitizer builds,
// unit tests): the symbols are then null and glibc malloc's equivalents are used.
extern "C" void MallocExtension_GetStats(char* buffer, int buffer_length) __attribute__((weak));
extern "C" void MallocExtension_ReleaseFreeMemory() __attribute__((weak));
extern "C" int MallocExtension_GetNumericProperty(const char* property, size_t* value)
    __attribute__((weak));

namespace larder::server {
namespace {

// MEMORY USAGE key [SAMPLES count]: the allocator's real size of the key's item, the one
// block that holds its header, key and value. Strings have no nested values, so SAMPLES is
// checked as Redis checks it and otherwise has nothing to change.
void cmd_memory_usage(RespCall& c) {
    for (size_t i = 3; i < c.args.size(); ++i) {
        if (base::equals_ci(c.args[i], "samples") && i + 1 < c.args.size()) {
            const auto samples = base::parse_int64(c.args[++i]);
            if (!samples) return c.reply.error(resp_errors::not_integer);
            if (*samples < 0) return c.reply.error(resp_errors::syntax);
        } else {
            return c.reply.error(resp_errors::syntax);
        }
    }
    const std::optional<store::ItemFacts> facts = c.store().inspect(c.args[2]);
    if (!facts) return c.reply.null();
    c.reply.integer(static_cast<int64_t>(facts->block_bytes));
}

std::optional<uint64_t> tcmalloc_allocated_bytes() {
    if (MallocExtension_GetNumericProperty == nullptr) return std::nullopt;
    size_t value = 0;
    if (MallocExtension_GetNumericProperty("generic.current_allocated_bytes", &value) == 0) {
        return std::nullopt;
    }
    return value;
}

// MEMORY STATS, with Redis's field names for the figures Larder has:
//   total.allocated     bytes the process has allocated (only when tcmalloc reports it)
//   db.0                the hash tables' bytes; there is no separate expires table
//   keys.count          keys held
//   keys.bytes-per-key  the store's bytes (items and tables) per key
//   dataset.bytes       the items' bytes
void cmd_memory_stats(RespCall& c) {
    const store::Stats s = c.store().stats();
    const std::optional<uint64_t> allocated = tcmalloc_allocated_bytes();
    c.reply.map(allocated ? 5 : 4);
    if (allocated) {
        c.reply.bulk("total.allocated");
        c.reply.integer(static_cast<int64_t>(*allocated));
    }
    c.reply.bulk("db.0");
    c.reply.map(2);
    c.reply.bulk("overhead.hashtable.main");
    c.reply.integer(static_cast<int64_t>(s.table_bytes));
    c.reply.bulk("overhead.hashtable.expires");
    c.reply.integer(0);
    c.reply.bulk("keys.count");
    c.reply.integer(static_cast<int64_t>(s.keys));
    c.reply.bulk("keys.bytes-per-key");
    c.reply.integer(s.keys == 0 ? 0 : static_cast<int64_t>(s.used_bytes / s.keys));
    c.reply.bulk("dataset.bytes");
    c.reply.integer(static_cast<int64_t>(s.used_bytes - s.table_bytes));
}

std::string num(uint64_t n) {
    return std::to_string(n);
}

// MEMORY DOCTOR: a short report, in our words, from the store's own counters.
void cmd_memory_doctor(RespCall& c) {
    const store::Stats s = c.store().stats();
    if (s.keys == 0) {
        return c.reply.verbatim("txt", "The store holds no keys: there is nothing to examine.\n");
    }
    std::vector<std::string> issues;
    if (s.maxmemory > 0 && s.used_bytes * 10 >= s.maxmemory * 9) {
        issues.push_back("Used memory (" + num(s.used_bytes) + " bytes) is at " +
                         num(s.used_bytes * 100 / s.maxmemory) + "% of maxmemory (" +
                         num(s.maxmemory) + " bytes).");
    }
    if (s.oom_rejections > 0) {
        issues.push_back(num(s.oom_rejections) +
                         " writes were refused because maxmemory was reached and nothing could "
                         "be evicted.");
    }
    if (s.evicted > 0) {
        issues.push_back(num(s.evicted) + " keys were evicted to stay under maxmemory.");
    }
    std::string report;
    if (issues.empty()) {
        report = "No memory problems found: " + num(s.keys) + " keys use " + num(s.used_bytes) +
                 " bytes (hash tables: " + num(s.table_bytes) + ").";
        report += s.maxmemory > 0 ? " The maxmemory limit is " + num(s.maxmemory) + " bytes.\n"
                                  : std::string(" No maxmemory limit is set.\n");
    } else {
        report = "Memory report:\n";
        for (const std::string& issue : issues) report += "- " + issue + "\n";
    }
    c.reply.verbatim("txt", report);
}

// MEMORY MALLOC-STATS: the allocator's own text (tcmalloc's statistics, or glibc's
// malloc_info XML).
void cmd_memory_malloc_stats(RespCall& c) {
    if (MallocExtension_GetStats != nullptr) {
        std::string buffer(1 << 16, '\0');
        MallocExtension_GetStats(buffer.data(), static_cast<int>(buffer.size()));
        buffer.resize(strnlen(buffer.data(), buffer.size()));
        return c.reply.verbatim("txt", buffer);
    }
    char* text = nullptr;
    size_t size = 0;
    FILE* f = open_memstream(&text, &size);
    if (f == nullptr) return c.reply.error("ERR could not read the allocator's statistics");
    malloc_info(0, f);
    fclose(f);
    std::string report(text, size);
    free(text);
    c.reply.verbatim("txt", report);
}

// MEMORY PURGE: gives free memory held by the allocator back to the system.
void cmd_memory_purge(RespCall& c) {
    if (MallocExtension_ReleaseFreeMemory != nullptr) {
        MallocExtension_ReleaseFreeMemory();
    } else {
        malloc_trim(0);
    }
    c.reply.ok();
}

}  // namespace

void bind_resp_memory_commands(RespHandlerTable& t) {
    using resp::CommandId;
    auto bind = [&](CommandId id, RespHandler h) { t[static_cast<size_t>(id)] = h; };
    bind(CommandId::memory_usage, cmd_memory_usage);
    bind(CommandId::memory_stats, cmd_memory_stats);
    bind(CommandId::memory_doctor, cmd_memory_doctor);
    bind(CommandId::memory_malloc_stats, cmd_memory_malloc_stats);
    bind(CommandId::memory_purge, cmd_memory_purge);
    bind(CommandId::memory_help, reply_subcommand_help);
}

}  // namespace larder::server
