"""Raw RESP requests, replies compared byte for byte with the real redis-server 7.0.

Each case runs on a fresh connection to each server after FLUSHALL on both; the replies
(plus a trailing PING sentinel that proves the connection is still in sync) must be
identical. Cases marked `closes` expect the server to reply and close: the bytes before the
close are compared and both servers must close.
"""

import re

import pytest

from wire import Case, Conn, compare, resp_cmd as C, resp_cmds


def cmds(*commands):
    return resp_cmds(*commands)


_HELLO_ID = re.compile(rb"\$2\r\nid\r\n:\d+\r\n")


def norm_client_id(data: bytes) -> bytes:
    """HELLO's reply names the connection's id, which legitimately differs."""
    return _HELLO_ID.sub(b"$2\r\nid\r\n:<id>\r\n", data)


def resp3(name, *commands):
    """A case run after HELLO 3 on the same connection."""
    return Case(name, cmds(("HELLO", "3"), *commands), normalize=norm_client_id)


CASES = [
    # --- connection ---------------------------------------------------------------------
    Case("ping", C("PING")),
    Case("ping_message", C("PING", "hello world")),
    Case("ping_too_many_args", C("PING", "a", "b")),
    Case("echo", C("ECHO", "hi there")),
    Case("echo_empty", C("ECHO", "")),
    Case("echo_no_arg", C("ECHO")),
    Case("lowercase_and_mixed_case_commands", cmds(("set", "k", "v"), ("GeT", "k"))),
    Case("quit", C("QUIT"), closes=True),
    # --- SET / GET ----------------------------------------------------------------------
    Case("set_get", cmds(("SET", "k", "v"), ("GET", "k"))),
    Case("get_missing", C("GET", "nokey")),
    Case("set_overwrite", cmds(("SET", "k", "v1"), ("SET", "k", "v2"), ("GET", "k"))),
    Case("set_empty_key_and_value", cmds(("SET", "", ""), ("GET", ""), ("STRLEN", ""))),
    Case("set_binary_value", cmds(("SET", "k", b"\x00\r\n\xff$*"), ("GET", "k"))),
    Case("set_large_value", cmds(("SET", "big", b"x" * 100_000), ("STRLEN", "big"),
                                 ("GET", "big"))),
    Case("set_ex_then_ttl", cmds(("SET", "k", "v", "EX", "100"), ("TTL", "k"))),
    Case("set_px_then_ttl", cmds(("SET", "k", "v", "PX", "100000"), ("TTL", "k"))),
    Case("set_exat_past_deletes", cmds(("SET", "k", "v", "EXAT", "1"), ("GET", "k"),
                                       ("EXISTS", "k"))),
    Case("set_pxat_past_deletes", cmds(("SET", "k", "v", "PXAT", "1000"), ("GET", "k"))),
    Case("set_exat_future_expiretime", cmds(("SET", "k", "v", "EXAT", "4000000000"),
                                            ("EXPIRETIME", "k"), ("PEXPIRETIME", "k"))),
    Case("set_pxat_future_pexpiretime", cmds(("SET", "k", "v", "PXAT", "4000000000123"),
                                             ("PEXPIRETIME", "k"), ("TTL", "nokey"))),
    Case("set_exat_future_sets_ttl", cmds(("SET", "k", "v", "EXAT", "4000000000"),
                                          ("PERSIST", "k"), ("TTL", "k"))),
    Case("set_pxat_future_sets_ttl", cmds(("SET", "k", "v", "PXAT", "4000000000000"),
                                          ("PERSIST", "k"), ("TTL", "k"))),
    Case("set_nx", cmds(("SET", "k", "v", "NX"), ("SET", "k", "w", "NX"), ("GET", "k"))),
    Case("set_xx", cmds(("SET", "k", "v", "XX"), ("GET", "k"), ("SET", "k", "v"),
                        ("SET", "k", "w", "XX"), ("GET", "k"))),
    Case("set_get_option", cmds(("SET", "k", "v", "GET"), ("SET", "k", "w", "GET"),
                                ("GET", "k"))),
    Case("set_nx_get", cmds(("SET", "k", "v", "NX", "GET"), ("SET", "k", "w", "NX", "GET"),
                            ("GET", "k"))),
    Case("set_keepttl", cmds(("SET", "k", "v", "EX", "100"), ("SET", "k", "w", "KEEPTTL"),
                             ("TTL", "k"), ("SET", "k", "x"), ("TTL", "k"))),
    Case("set_options_case_insensitive", cmds(("SET", "k", "v", "ex", "100", "nx"),
                                              ("TTL", "k"))),
    Case("set_nx_xx_syntax_error", C("SET", "k", "v", "NX", "XX")),
    Case("set_ex_px_syntax_error", C("SET", "k", "v", "EX", "10", "PX", "100")),
    Case("set_keepttl_ex_syntax_error", C("SET", "k", "v", "KEEPTTL", "EX", "10")),
    Case("set_ex_missing_value", C("SET", "k", "v", "EX")),
    Case("set_unknown_option", C("SET", "k", "v", "FOO")),
    Case("set_ex_zero", C("SET", "k", "v", "EX", "0")),
    Case("set_ex_negative", C("SET", "k", "v", "EX", "-5")),
    Case("set_px_zero", C("SET", "k", "v", "PX", "0")),
    Case("set_ex_not_integer", C("SET", "k", "v", "EX", "abc")),
    Case("set_ex_overflow", C("SET", "k", "v", "EX", "9999999999999999")),
    Case("set_px_overflow", C("SET", "k", "v", "PX", "9223372036854775807")),
    Case("set_wrong_arity", C("SET", "k")),
    Case("get_wrong_arity", cmds(("GET",), ("GET", "a", "b"))),
    # --- MGET / MSET / DEL / EXISTS -------------------------------------------------------
    Case("mget", cmds(("SET", "a", "1"), ("SET", "b", "2"), ("MGET", "a", "b", "c", "a"))),
    Case("mget_no_keys", C("MGET")),
    Case("mset_then_mget", cmds(("MSET", "a", "1", "b", "2"), ("MGET", "a", "b"),
                                ("MSET", "a", "3"), ("GET", "a"))),
    Case("mset_odd_args", cmds(("MSET", "a", "1", "b"), ("EXISTS", "a"))),
    Case("mset_no_args", C("MSET")),
    Case("del", cmds(("SET", "a", "1"), ("SET", "b", "2"), ("DEL", "a", "b", "c"),
                     ("EXISTS", "a", "b"), ("DEL", "a"))),
    Case("del_no_args", C("DEL")),
    Case("exists_duplicate_keys_count_twice", cmds(("SET", "a", "1"), ("EXISTS", "a", "a", "b"),
                                                   ("EXISTS", "b"))),
    Case("exists_no_args", C("EXISTS")),
    # --- counters -------------------------------------------------------------------------
    Case("incr_new_and_existing", cmds(("INCR", "n"), ("INCR", "n"), ("GET", "n"))),
    Case("incrby_decr_decrby", cmds(("INCRBY", "n", "10"), ("DECR", "n"), ("DECRBY", "n", "5"),
                                    ("INCRBY", "n", "-20"), ("GET", "n"))),
    Case("incr_non_integer_value", cmds(("SET", "n", "abc"), ("INCR", "n"), ("GET", "n"))),
    Case("incr_value_with_space", cmds(("SET", "n", " 1"), ("INCR", "n"))),
    Case("incr_value_leading_zero", cmds(("SET", "n", "01"), ("INCR", "n"))),
    Case("incr_overflow", cmds(("SET", "n", "9223372036854775807"), ("INCR", "n"),
                               ("GET", "n"))),
    Case("decr_underflow", cmds(("SET", "n", "-9223372036854775808"), ("DECR", "n"))),
    Case("incrby_overflow", cmds(("SET", "n", "1"), ("INCRBY", "n", "9223372036854775807"))),
    Case("decrby_min_int", C("DECRBY", "n", "-9223372036854775808")),
    Case("incrby_non_integer_arg", cmds(("INCRBY", "n", "abc"), ("INCRBY", "n", "1.5"),
                                        ("DECRBY", "n", ""))),
    Case("incr_wrong_arity", cmds(("INCR",), ("INCRBY", "n"), ("DECR", "a", "b"))),
    # --- APPEND / STRLEN ------------------------------------------------------------------
    Case("append_strlen", cmds(("APPEND", "k", "ab"), ("APPEND", "k", "cd"), ("GET", "k"),
                               ("STRLEN", "k"))),
    Case("strlen_missing", C("STRLEN", "nokey")),
    Case("append_to_number", cmds(("INCR", "n"), ("APPEND", "n", "0"), ("INCR", "n"))),
    Case("append_wrong_arity", cmds(("APPEND", "k"), ("STRLEN",))),
    # --- expiry ---------------------------------------------------------------------------
    Case("expire_ttl", cmds(("SET", "k", "v"), ("EXPIRE", "k", "100"), ("TTL", "k"))),
    Case("pexpire_ttl", cmds(("SET", "k", "v"), ("PEXPIRE", "k", "100000"), ("TTL", "k"))),
    Case("expire_missing_key", cmds(("EXPIRE", "nokey", "100"), ("PEXPIRE", "nokey", "100"))),
    Case("expire_options_nx_xx_gt_lt", cmds(
        ("SET", "k", "v"), ("EXPIRE", "k", "100", "XX"), ("EXPIRE", "k", "100", "NX"),
        ("EXPIRE", "k", "200", "NX"), ("EXPIRE", "k", "50", "GT"), ("EXPIRE", "k", "200", "GT"),
        ("EXPIRE", "k", "300", "LT"), ("EXPIRE", "k", "50", "LT"), ("TTL", "k"))),
    Case("expire_gt_lt_on_persistent_key", cmds(
        ("SET", "k", "v"), ("EXPIRE", "k", "100", "GT"), ("TTL", "k"),
        ("EXPIRE", "k", "100", "LT"), ("TTL", "k"))),
    Case("pexpire_options", cmds(("SET", "k", "v"), ("PEXPIRE", "k", "100000", "NX"),
                                 ("PEXPIRE", "k", "100000", "NX"), ("TTL", "k"))),
    Case("expire_nx_xx_incompatible", C("EXPIRE", "k", "100", "NX", "XX")),
    Case("expire_gt_lt_incompatible", C("EXPIRE", "k", "100", "GT", "LT")),
    Case("expire_nx_gt_incompatible", C("EXPIRE", "k", "100", "NX", "GT")),
    Case("expire_unknown_option", C("EXPIRE", "k", "100", "FOO")),
    Case("expire_not_integer", C("EXPIRE", "k", "abc")),
    Case("expire_overflow", cmds(("SET", "k", "v"), ("EXPIRE", "k", "9999999999999999"))),
    Case("expire_negative_deletes", cmds(("SET", "k", "v"), ("EXPIRE", "k", "-1"),
                                         ("GET", "k"))),
    Case("expire_wrong_arity", cmds(("EXPIRE", "k"), ("PEXPIRE",), ("TTL",), ("PTTL", "a", "b"))),
    Case("ttl_pttl_no_expiry", cmds(("SET", "k", "v"), ("TTL", "k"), ("PTTL", "k"))),
    Case("ttl_pttl_missing", cmds(("TTL", "nokey"), ("PTTL", "nokey"))),
    Case("persist", cmds(("SET", "k", "v", "EX", "100"), ("PERSIST", "k"), ("PERSIST", "k"),
                         ("TTL", "k"), ("PERSIST", "nokey"))),
    Case("persist_wrong_arity", C("PERSIST")),
    # --- keyspace -------------------------------------------------------------------------
    Case("type", cmds(("SET", "k", "v"), ("TYPE", "k"), ("TYPE", "nokey"))),
    Case("type_wrong_arity", C("TYPE")),
    Case("dbsize", cmds(("DBSIZE",), ("MSET", "a", "1", "b", "2", "c", "3"), ("DBSIZE",),
                        ("DEL", "b"), ("DBSIZE",))),
    Case("dbsize_wrong_arity", C("DBSIZE", "x")),
    Case("flushall", cmds(("MSET", "a", "1", "b", "2"), ("FLUSHALL",), ("DBSIZE",),
                          ("GET", "a"))),
    Case("flushall_sync_async", cmds(("SET", "a", "1"), ("FLUSHALL", "SYNC"), ("DBSIZE",),
                                     ("SET", "a", "1"), ("FLUSHALL", "ASYNC"), ("EXISTS", "a"))),
    Case("flushall_bad_arg", C("FLUSHALL", "x")),
    Case("flushdb", cmds(("SET", "a", "1"), ("FLUSHDB",), ("DBSIZE",))),
    Case("select_0", cmds(("SELECT", "0"), ("SET", "a", "1"), ("GET", "a"))),
    Case("select_out_of_range", C("SELECT", "99")),
    Case("select_not_integer", C("SELECT", "abc")),
    Case("select_wrong_arity", cmds(("SELECT",), ("SELECT", "0", "1"))),
    # --- containers and subcommands -------------------------------------------------------
    Case("command_info_client_list", C("COMMAND", "INFO", "client|list")),
    Case("command_info_config_get", C("COMMAND", "INFO", "config|get")),
    Case("command_info_object_encoding", C("COMMAND", "INFO", "object|encoding")),
    resp3("command_info_client_list_resp3", ("COMMAND", "INFO", "client|list")),
    resp3("command_info_config_get_resp3", ("COMMAND", "INFO", "config|get")),
    resp3("command_info_object_encoding_resp3", ("COMMAND", "INFO", "object|encoding")),
    Case("command_info_mixed_names", C("COMMAND", "INFO", "get", "nosuch", "client|nosuch",
                                       "CLIENT|LIST", "Config|Get", "get|x", "client|list|x",
                                       "client|", "|list", "")),
    resp3("command_info_unknown_resp3", ("COMMAND", "INFO", "nosuch", "get|x")),
    Case("command_docs_unknown", cmds(("COMMAND", "DOCS", "nosuch"),
                                      ("COMMAND", "DOCS", "nosuch|x"))),
    resp3("command_docs_unknown_resp3", ("COMMAND", "DOCS", "nosuch")),
    Case("unknown_subcommand_each_container", cmds(
        ("CLIENT", "FOO"), ("CONFIG", "FOO", "bar"), ("COMMAND", "FOO"), ("OBJECT", "FOO", "k"),
        ("MEMORY", "FOO"), ("client", "foo"), ("Config", "nosuch"))),
    Case("unknown_subcommand_long_name_cut", C("CLIENT", "x" * 200)),
    Case("unknown_subcommand_with_crlf", C("OBJECT", "a\r\nb")),
    Case("unknown_subcommand_with_nul", C("MEMORY", "ab\x00cd")),
    Case("unknown_subcommand_empty", C("CONFIG", "")),
    Case("subcommand_names_are_not_commands", cmds(("CONFIG|GET", "maxmemory"),
                                                   ("client|id",))),
    Case("container_alone_wrong_arity", cmds(("CLIENT",), ("CONFIG",), ("OBJECT",),
                                             ("MEMORY",))),
    Case("subcommand_wrong_arity", cmds(
        ("CONFIG", "GET"), ("CONFIG", "SET", "maxmemory"), ("config", "set"),
        ("CLIENT", "SETNAME"), ("CLIENT", "SETNAME", "a", "b"), ("CLIENT", "GETNAME", "x"),
        ("CLIENT", "ID", "x"), ("CLIENT", "INFO", "x"), ("CLIENT", "HELP", "x"),
        ("OBJECT", "ENCODING"), ("OBJECT", "ENCODING", "a", "b"), ("OBJECT", "HELP", "x"),
        ("MEMORY", "USAGE"), ("MEMORY", "STATS", "x"), ("MEMORY", "DOCTOR", "x"),
        ("MEMORY", "PURGE", "x"), ("MEMORY", "MALLOC-STATS", "x"), ("MEMORY", "HELP", "x"),
        ("COMMAND", "COUNT", "x"), ("COMMAND", "HELP", "x"), ("COMMAND", "GETKEYS"),
        ("COMMAND", "GETKEYS", "get"), ("COMMAND", "GETKEYSANDFLAGS", "get"))),
    Case("command_getkeys", cmds(
        ("COMMAND", "GETKEYS", "get", "k"), ("COMMAND", "GETKEYS", "mset", "a", "1", "b", "2"),
        ("COMMAND", "GETKEYS", "mset", "a", "1", "b"), ("COMMAND", "GETKEYS", "del", "a", "b"),
        ("COMMAND", "GETKEYS", "SET", "k", "v", "EX", "10"),
        ("COMMAND", "GETKEYS", "object", "encoding", "k"),
        ("COMMAND", "GETKEYS", "MEMORY", "usage", "k", "SAMPLES", "5"),
        ("COMMAND", "GETKEYS", "getex", "k", "PERSIST"))),
    Case("command_getkeys_errors", cmds(
        ("COMMAND", "GETKEYS", "nosuch", "a"), ("COMMAND", "GETKEYS", "ping", "x"),
        ("COMMAND", "GETKEYS", "get", "a", "b"), ("COMMAND", "GETKEYS", "config", "get", "x"),
        ("COMMAND", "GETKEYS", "object", "foo", "k"),
        ("COMMAND", "GETKEYS", "object|encoding", "k"),
        ("COMMAND", "GETKEYS", "object", "encoding"), ("COMMAND", "GETKEYS", "set", "k"))),
    Case("command_getkeysandflags", cmds(
        ("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v"),
        ("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v", "NX", "get"),
        ("COMMAND", "GETKEYSANDFLAGS", "mset", "a", "1", "b", "2"),
        ("COMMAND", "GETKEYSANDFLAGS", "getdel", "k"),
        ("COMMAND", "GETKEYSANDFLAGS", "object", "encoding", "k"))),
    resp3("command_getkeysandflags_resp3",
          ("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v", "get"),
          ("COMMAND", "GETKEYSANDFLAGS", "del", "a", "b"), ("COMMAND", "GETKEYS", "mget", "a")),
    Case("command_list_filters", cmds(
        ("COMMAND", "LIST", "FILTERBY", "PATTERN", "config|g*"),
        ("COMMAND", "LIST", "FILTERBY", "pattern", "CLIENT|SETN?ME"),
        ("COMMAND", "LIST", "FILTERBY", "MODULE", "nosuch"),
        ("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuchcategory"),
        ("COMMAND", "LIST", "FILTERBY", "ACLCAT", "@connection"),
        ("COMMAND", "LIST", "FILTERBY", "PATTERN", "nosuch*"))),
    Case("command_list_syntax_errors", cmds(
        ("COMMAND", "LIST", "x"), ("COMMAND", "LIST", "FILTERBY"),
        ("COMMAND", "LIST", "FILTERBY", "foo", "bar"),
        ("COMMAND", "LIST", "FILTERBY", "ACLCAT", "read", "x"),
        ("COMMAND", "LIST", "x", "PATTERN", "*"))),
    # --- CONFIG ---------------------------------------------------------------------------
    # (Larder's default maxmemory-policy is allkeys-lru, Redis's noeviction; and Redis echoes
    # an exact name as sent where Larder answers the option's own name.)
    Case("config_get_set", cmds(
        ("CONFIG", "GET", "maxmemory"),
        ("CONFIG", "SET", "maxmemory", "100mb"), ("config", "get", "maxmemory"),
        ("CONFIG", "SET", "maxmemory", "0"), ("CONFIG", "GET", "maxmemory"),
        ("CONFIG", "GET", "nosuch"), ("CONFIG", "GET", "nosuch", "maxmemory"))),
    Case("config_set_errors", cmds(
        ("CONFIG", "SET", "nosuch", "1"), ("CONFIG", "SET", "maxmemory", "abc"),
        ("CONFIG", "SET", "maxmemory", "1", "maxmemory"), ("CONFIG", "GET", "maxmemory"))),
    # --- OBJECT and MEMORY ------------------------------------------------------------------
    Case("object_encoding_strings", cmds(
        ("SET", "k", "123"), ("OBJECT", "ENCODING", "k"),
        ("SET", "k", "-9223372036854775808"), ("OBJECT", "ENCODING", "k"),
        ("SET", "k", "abc"), ("OBJECT", "ENCODING", "k"),
        ("SET", "k", "x" * 44), ("OBJECT", "ENCODING", "k"),
        ("SET", "k", "x" * 45), ("object", "encoding", "k"),
        ("SET", "k", "0123"), ("OBJECT", "ENCODING", "k"),
        ("SET", "k", "12345678901234567890"), ("OBJECT", "ENCODING", "k"),
        ("SET", "k", "-0"), ("OBJECT", "ENCODING", "k"),
        ("INCRBY", "n", "1000"), ("OBJECT", "ENCODING", "n"))),
    Case("object_missing_key_is_null", cmds(
        ("OBJECT", "ENCODING", "nokey"), ("OBJECT", "REFCOUNT", "nokey"),
        ("OBJECT", "IDLETIME", "nokey"), ("OBJECT", "FREQ", "nokey"))),
    resp3("object_missing_key_is_null_resp3", ("OBJECT", "ENCODING", "nokey")),
    Case("object_refcount", cmds(("SET", "k", "abc"), ("OBJECT", "REFCOUNT", "k"))),
    Case("object_freq_needs_lfu", cmds(("SET", "k", "v"), ("OBJECT", "FREQ", "k"))),
    Case("object_freq_and_idletime_policies", cmds(
        ("CONFIG", "SET", "maxmemory", "100mb"), ("CONFIG", "SET", "maxmemory-policy",
                                                  "allkeys-lfu"),
        ("SET", "fresh", "v"), ("OBJECT", "FREQ", "fresh"), ("GET", "fresh"),
        ("OBJECT", "FREQ", "fresh"), ("OBJECT", "IDLETIME", "fresh"),
        ("CONFIG", "SET", "maxmemory-policy", "volatile-lfu"), ("OBJECT", "IDLETIME", "fresh"),
        ("CONFIG", "SET", "maxmemory-policy", "allkeys-lru"), ("OBJECT", "FREQ", "fresh"),
        ("CONFIG", "SET", "maxmemory", "0"), ("CONFIG", "SET", "maxmemory-policy",
                                              "noeviction"))),
    Case("memory_usage_missing_and_errors", cmds(
        ("MEMORY", "USAGE", "nokey"), ("MEMORY", "USAGE", "nokey", "SAMPLES", "0"),
        ("SET", "k", "v"), ("MEMORY", "USAGE", "k", "SAMPLES"),
        ("MEMORY", "USAGE", "k", "SAMPLES", "x"), ("MEMORY", "USAGE", "k", "SAMPLES", "-1"),
        ("MEMORY", "USAGE", "nokey", "bar"), ("memory", "usage", "k", "bar"))),
    resp3("memory_usage_missing_resp3", ("MEMORY", "USAGE", "nokey")),
    Case("memory_purge", C("MEMORY", "PURGE")),
    # --- unknown commands -----------------------------------------------------------------
    Case("unknown_command_with_args", C("FOO", "a", "b")),
    Case("unknown_command_no_args", C("FOO")),
    Case("unknown_command_long_arg", C("NOSUCHCOMMAND", "x" * 200)),
    # --- inline protocol ------------------------------------------------------------------
    Case("inline_ping", b"PING\r\n"),
    Case("inline_ping_lf_only", b"PING\n"),
    Case("inline_set_get", b"SET a b\r\nGET a\r\n"),
    Case("inline_quoted_args", b"SET \"a b\" 'c'\r\nGET \"a b\"\r\n"),
    Case("inline_escapes", b"SET k \"\\x41\\n\\t\"\r\nGET k\r\n"),
    Case("inline_blank_lines_ignored", b"\r\n\r\nPING\r\n"),
    Case("inline_extra_spaces", b"  SET   k    v  \r\nGET k\r\n"),
    Case("inline_unknown_command", b"FOO bar\r\n"),
    # --- framing ----------------------------------------------------------------------------
    Case("pipelined_batch", cmds(*([("SET", f"k{i}", f"v{i}") for i in range(20)]
                                   + [("GET", f"k{i}") for i in range(20)]
                                   + [("MGET", "k0", "k19", "nokey"), ("DBSIZE",),
                                      ("INCR", "k3"), ("DEL", "k1", "k2"), ("PING",)]))),
    Case("mixed_inline_and_multibulk", b"PING\r\n" + C("ECHO", "x") + b"ECHO y\r\n"),
    Case("request_split_byte_by_byte", cmds(("SET", "k", "value"), ("GET", "k")),
         chunks=[bytes([b]) for b in cmds(("SET", "k", "value"), ("GET", "k"))]),
    Case("empty_multibulk_ignored", b"*0\r\n*-1\r\n" + C("PING")),
    # --- protocol errors (server replies, then closes) --------------------------------------
    Case("protoerr_bad_bulk_length", b"*1\r\n$x\r\n", closes=True),
    Case("protoerr_bad_multibulk_length", b"*abc\r\n", closes=True),
    Case("protoerr_multibulk_too_long", b"*2147483648\r\n", closes=True),
    Case("protoerr_bulk_length_too_long", b"*1\r\n$9999999999\r\n", closes=True),
    Case("protoerr_bulk_over_512mb", b"*1\r\n$536870913\r\n", closes=True),
    Case("protoerr_expected_dollar", b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n:1\r\n", closes=True),
    Case("protoerr_unbalanced_double_quote", b"SET \"a b\r\n", closes=True),
    Case("protoerr_unbalanced_single_quote", b"SET 'a b\r\n", closes=True),
    Case("protoerr_quote_not_followed_by_space", b"SET k \"a\"b\r\n", closes=True),
    Case("protoerr_replies_before_error_kept", C("PING") + C("ECHO", "x") + b"*abc\r\n",
         closes=True),
    Case("protoerr_inline_too_big", b"a" * 70_000, closes=True),
]


def test_case_count():
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES), "duplicate case names"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_resp_matches_redis(case, server, reference_redis):
    compare([case], server.resp_port, reference_redis.port, protocol="resp")


# --- the COMMAND family as a whole --------------------------------------------------------------

def decode(data: bytes):
    """One RESP2/RESP3 reply as Python values: strings as bytes, maps as lists of pairs,
    errors as Exception instances."""
    def parse(i):
        kind, end = data[i:i + 1], data.index(b"\r\n", i)
        line, i = data[i + 1:end], end + 2
        if kind == b"+":
            return line, i
        if kind == b"-":
            return Exception(line.decode()), i
        if kind == b":":
            return int(line), i
        if kind == b"_":
            return None, i
        if kind in (b"$", b"="):
            n = int(line)
            if n < 0:
                return None, i
            return data[i:i + n], i + n + 2
        if kind in (b"*", b"~", b"%"):
            n = int(line)
            if n < 0:
                return None, i
            items = []
            for _ in range(n * 2 if kind == b"%" else n):
                v, i = parse(i)
                items.append(v)
            if kind == b"%":
                return list(zip(items[::2], items[1::2])), i
            return items, i
        raise AssertionError(f"unexpected RESP type {kind!r}")
    value, end = parse(0)
    assert end == len(data), "trailing bytes"
    return value


def ask(port, *args, protocol=2):
    with Conn(port) as c:
        if protocol == 3:
            c.send(C("HELLO", "3"))
            c.read_resp()
        c.send(C(*args))
        return c.read_resp()


def pairs(value):
    """A map reply (RESP3) or its flat RESP2 array as a list of (key, value)."""
    if value and isinstance(value[0], tuple):
        return value
    return list(zip(value[::2], value[1::2]))


# Rows Larder takes from Redis 7.2 where 7.0 has none; the reference server cannot describe them.
REDIS_72_ROWS = {b"client|setinfo": b"*1\r\n*10\r\n$14\r\nclient|setinfo\r\n:4\r\n*3\r\n"
                                     b"+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n"
                                     b"*2\r\n+@slow\r\n+@connection\r\n*0\r\n*0\r\n*0\r\n"}


@pytest.mark.parametrize("protocol", [2, 3])
def test_command_info_of_every_listed_name_matches_redis(server, reference_redis, protocol):
    """Each command and subcommand the server lists describes itself exactly as Redis 7.0
    does (containers aside: their subcommand lists hold only what the server answers; rows
    from Redis 7.2 are compared with 7.2's documented entry, in RESP2)."""
    names = decode(ask(server.resp_port, "COMMAND", "LIST"))
    assert names, "COMMAND LIST is empty"
    containers = {n.split(b"|")[0] for n in names if b"|" in n}
    diffs = []
    for name in names:
        if name in containers:
            continue
        got = ask(server.resp_port, "COMMAND", "INFO", name, protocol=protocol)
        if name in REDIS_72_ROWS:
            if protocol == 2 and got != REDIS_72_ROWS[name]:
                diffs.append(f"{name!r} (Redis 7.2 row):\n  larder {got!r}")
            continue
        want = ask(reference_redis.port, "COMMAND", "INFO", name, protocol=protocol)
        if got != want:
            diffs.append(f"{name!r}:\n  larder {got!r}\n  redis  {want!r}")
    assert not diffs, "\n".join(diffs)


def test_command_count_list_info_and_docs_agree(server):
    """COMMAND COUNT counts the top-level names COMMAND LIST gives; COMMAND, COMMAND INFO and
    COMMAND DOCS describe exactly those commands, with the listed subcommands nested."""
    port = server.resp_port
    names = decode(ask(port, "COMMAND", "LIST"))
    assert len(names) == len(set(names))
    top = [n for n in names if b"|" not in n]
    subs = {n for n in names if b"|" in n}
    assert decode(ask(port, "COMMAND", "COUNT")) == len(top)
    entries = decode(ask(port, "COMMAND"))
    assert sorted(e[0] for e in entries) == sorted(top)
    assert decode(ask(port, "COMMAND", "INFO")) == entries
    nested = {s[0] for e in entries for s in e[9]}
    assert nested == subs
    for sub in subs:
        assert sub.split(b"|")[0] in top, sub
        [entry] = decode(ask(port, "COMMAND", "INFO", sub))
        assert entry is not None and entry[0] == sub
    for protocol in (2, 3):
        docs = pairs(decode(ask(port, "COMMAND", "DOCS", protocol=protocol)))
        assert sorted(name for name, _ in docs) == sorted(top)
        for name, doc in docs:
            fields = dict(pairs(doc))
            # redis-cli builds its help from these three and expects strings.
            for field in (b"summary", b"since", b"group"):
                assert isinstance(fields.get(field), bytes), (name, field)
            if any(s.startswith(name + b"|") for s in subs):
                nested_docs = pairs(fields[b"subcommands"])
                assert {n for n, _ in nested_docs} == {s for s in subs
                                                       if s.startswith(name + b"|")}


def test_command_list_filters_rows_one_by_one(server):
    port = server.resp_port
    names = set(decode(ask(port, "COMMAND", "LIST")))
    conn = set(decode(ask(port, "COMMAND", "LIST", "FILTERBY", "ACLCAT", "connection")))
    assert b"client|id" in conn and b"ping" in conn
    assert b"client" not in conn  # the container itself is only @slow
    assert conn <= names
    objects = decode(ask(port, "COMMAND", "LIST", "FILTERBY", "PATTERN", "OBJ*"))
    assert set(objects) == {n for n in names if n.startswith(b"object")}


@pytest.mark.larder_only
def test_help_lists_the_answered_subcommands(server):
    port = server.resp_port
    names = decode(ask(port, "COMMAND", "LIST"))
    for container in ("CLIENT", "CONFIG", "COMMAND", "OBJECT", "MEMORY"):
        raw = ask(port, container, "help")
        assert raw.startswith(b"*") and b"\r\n$" not in raw, raw  # simple strings only
        lines = decode(raw)
        assert lines[0].startswith(container.encode() + b" ")
        listed = {n.split(b"|")[1].upper() for n in names
                  if n.startswith(container.lower().encode() + b"|")}
        shown = {line for line in lines[1:] if not line.startswith(b" ")}
        assert shown == listed, container
    assert b"KILL" not in decode(ask(port, "CLIENT", "HELP"))


@pytest.mark.larder_only
def test_object_idletime_and_freq_need_a_memory_limit(server):
    port = server.resp_port
    assert ask(port, "SET", "idle", "v") == b"+OK\r\n"
    err = ask(port, "OBJECT", "IDLETIME", "idle")
    assert err.startswith(b"-ERR idle time is not tracked while maxmemory is 0"), err
    try:
        assert ask(port, "CONFIG", "SET", "maxmemory", "100mb",
                   "maxmemory-policy", "allkeys-lru") == b"+OK\r\n"
        assert ask(port, "GET", "idle") == b"$1\r\nv\r\n"
        assert decode(ask(port, "OBJECT", "IDLETIME", "idle")) in (0, 1)
        assert ask(port, "CONFIG", "SET", "maxmemory", "0",
                   "maxmemory-policy", "allkeys-lfu") == b"+OK\r\n"
        err = ask(port, "OBJECT", "FREQ", "idle")
        assert err.startswith(b"-ERR access frequency is not tracked while maxmemory is 0"), err
    finally:
        ask(port, "CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "noeviction")


@pytest.mark.larder_only
def test_memory_reports_what_the_store_holds(server):
    port = server.resp_port
    assert ask(port, "FLUSHALL") == b"+OK\r\n"
    assert decode(ask(port, "MEMORY", "DOCTOR")).startswith(b"The store holds no keys")
    assert ask(port, "SET", "key", "v" * 100) == b"+OK\r\n"
    usage = decode(ask(port, "MEMORY", "USAGE", "key"))
    assert isinstance(usage, int) and 103 < usage < 256, usage
    for protocol in (2, 3):
        stats = dict(pairs(decode(ask(port, "MEMORY", "STATS", protocol=protocol))))
        assert stats[b"keys.count"] == 1
        assert stats[b"dataset.bytes"] >= usage
        assert dict(pairs(stats[b"db.0"]))[b"overhead.hashtable.expires"] == 0
    assert decode(ask(port, "MEMORY", "DOCTOR")).startswith(b"No memory problems found")
    assert ask(port, "MEMORY", "DOCTOR", protocol=3).startswith(b"=")
    assert len(decode(ask(port, "MEMORY", "MALLOC-STATS"))) > 100
