#include "protocols/resp/command_reply.h"

#include <vector>

namespace larder::resp {
namespace {

size_t count_words(std::string_view s) {
    size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        if (c == ' ') {
            in_word = false;
        } else if (!in_word) {
            in_word = true;
            ++n;
        }
    }
    return n;
}

template <typename Fn>
void for_each_word(std::string_view s, Fn&& fn) {
    while (!s.empty()) {
        const size_t start = s.find_first_not_of(' ');
        if (start == std::string_view::npos) return;
        s.remove_prefix(start);
        const size_t end = s.find(' ');
        fn(s.substr(0, end));
        if (end == std::string_view::npos) return;
        s.remove_prefix(end);
    }
}

void write_simple_set(ReplyWriter& w, std::string_view words) {
    w.set(count_words(words));
    for_each_word(words, [&](std::string_view word) { w.simple(word); });
}

void write_key_spec(ReplyWriter& w, const KeySpec& ks) {
    w.map(ks.notes.empty() ? 3 : 4);
    if (!ks.notes.empty()) {
        w.bulk("notes");
        w.bulk(ks.notes);
    }
    w.bulk("flags");
    write_simple_set(w, ks.flags);

    w.bulk("begin_search");
    w.map(2);
    w.bulk("type");
    w.bulk("index");
    w.bulk("spec");
    w.map(1);
    w.bulk("index");
    w.integer(ks.begin_index);

    w.bulk("find_keys");
    w.map(2);
    w.bulk("type");
    w.bulk("range");
    w.bulk("spec");
    w.map(3);
    w.bulk("lastkey");
    w.integer(ks.last_key);
    w.bulk("keystep");
    w.integer(ks.key_step);
    w.bulk("limit");
    w.integer(ks.limit);
}

}  // namespace

void write_command_info(ReplyWriter& w, const CommandSpec& spec) {
    w.array(10);
    w.bulk(spec.name);
    w.integer(spec.arity);

    const std::vector<std::string_view> flags = flag_names(spec.flags);
    w.set(flags.size());
    for (std::string_view f : flags) w.simple(f);

    w.integer(spec.first_key);
    w.integer(spec.last_key);
    w.integer(spec.key_step);

    write_simple_set(w, spec.acl_categories);

    // Tips are bulk strings where flags and categories are simple strings, as in Redis.
    w.set(count_words(spec.tips));
    for_each_word(spec.tips, [&](std::string_view tip) { w.bulk(tip); });

    w.set(spec.key_specs.size());
    for (const KeySpec& ks : spec.key_specs) write_key_spec(w, ks);

    w.set(0);  // subcommands
}

}  // namespace larder::resp
