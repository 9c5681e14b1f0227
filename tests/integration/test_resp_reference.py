"""Raw RESP requests, replies compared byte for byte with the real redis-server 7.0.

Each case runs on a fresh connection to each server after FLUSHALL on both; the replies
(plus a trailing PING sentinel that proves the connection is still in sync) must be
identical. Cases marked `closes` expect the server to reply and close: the bytes before the
close are compared and both servers must close.
"""

import pytest

from wire import Case, compare, resp_cmd as C, resp_cmds


def cmds(*commands):
    return resp_cmds(*commands)


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
