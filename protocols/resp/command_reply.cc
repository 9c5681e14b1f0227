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

void write_key_spec(ReplyWriter& w, const KeySpec& ks) {
    w.map(ks.notes.empty() ? 3 : 4);
    if (!ks.notes.empty()) {
        w.bulk("notes");
        w.bulk(ks.notes);
    }
    w.bulk("flags");
    write_word_set(w, ks.flags);

    w.bulk("begin_search");
    w.map(2);
    w.bulk("type");
    if (ks.find == FindKeys::unknown) {
        w.bulk("unknown");
        w.bulk("spec");
        w.map(0);
    } else {
        w.bulk("index");
        w.bulk("spec");
        w.map(1);
        w.bulk("index");
        w.integer(ks.begin_index);
    }

    w.bulk("find_keys");
    w.map(2);
    w.bulk("type");
    switch (ks.find) {
        case FindKeys::unknown:
            w.bulk("unknown");
            w.bulk("spec");
            w.map(0);
            break;
        case FindKeys::keynum:
            w.bulk("keynum");
            w.bulk("spec");
            w.map(3);
            w.bulk("keynumidx");
            w.integer(ks.keynum_index);
            w.bulk("firstkey");
            w.integer(ks.keynum_first);
            w.bulk("keystep");
            w.integer(ks.key_step);
            break;
        case FindKeys::range:
            w.bulk("range");
            w.bulk("spec");
            w.map(3);
            w.bulk("lastkey");
            w.integer(ks.last_key);
            w.bulk("keystep");
            w.integer(ks.key_step);
            w.bulk("limit");
            w.integer(ks.limit);
            break;
    }
}

std::vector<const CommandSpec*> shown_subcommands(const CommandSpec& spec, CommandFilter shown) {
    std::vector<const CommandSpec*> rows;
    for (const CommandSpec& sub : subcommands(spec)) {
        if (shown == nullptr || shown(sub)) rows.push_back(&sub);
    }
    return rows;
}

}  // namespace

void write_word_set(ReplyWriter& w, std::string_view words) {
    w.set(count_words(words));
    for_each_word(words, [&](std::string_view word) { w.simple(word); });
}

void write_command_info(ReplyWriter& w, const CommandSpec& spec, CommandFilter shown) {
    w.array(10);
    w.bulk(spec.name);
    w.integer(spec.arity);

    const std::vector<std::string_view> flags = flag_names(spec.flags);
    w.set(flags.size());
    for (std::string_view f : flags) w.simple(f);

    w.integer(spec.first_key);
    w.integer(spec.last_key);
    w.integer(spec.key_step);

    write_word_set(w, spec.acl_categories);

    // Tips are bulk strings where flags and categories are simple strings, as in Redis.
    w.set(count_words(spec.tips));
    for_each_word(spec.tips, [&](std::string_view tip) { w.bulk(tip); });

    w.set(spec.key_specs.size());
    for (const KeySpec& ks : spec.key_specs) write_key_spec(w, ks);

    // Redis: an empty set without subcommands, an array of entries with them.
    if (!is_container(spec)) return w.set(0);
    const std::vector<const CommandSpec*> subs = shown_subcommands(spec, shown);
    w.array(subs.size());
    for (const CommandSpec* sub : subs) write_command_info(w, *sub, shown);
}

void write_command_docs(ReplyWriter& w, const CommandSpec& spec, CommandFilter shown) {
    const bool container = is_container(spec);
    w.map(container ? 4 : 3);
    w.bulk("summary");
    w.bulk(spec.doc.summary);
    w.bulk("since");
    w.bulk(spec.doc.since);
    w.bulk("group");
    w.bulk(spec.doc.group);
    if (!container) return;
    const std::vector<const CommandSpec*> subs = shown_subcommands(spec, shown);
    w.bulk("subcommands");
    w.map(subs.size());
    for (const CommandSpec* sub : subs) {
        w.bulk(sub->name);
        write_command_docs(w, *sub, shown);
    }
}

}  // namespace larder::resp
