"""The recorded memcached cases (see memcache_cases.py for how they run and compare).

Every command, flag and error of the classic text, meta and binary protocols that Larder
answers as memcached 1.6 does has a case here. Cases marked `larder_differs` are recorded
for the record but not replayed against Larder; each says why (docs/protocols/memcached.md
lists the same differences).
"""

from __future__ import annotations

import struct

from memcache_cases import CAS_REF, Case, Step

OPS = dict(GET=0x00, SET=0x01, ADD=0x02, REPLACE=0x03, DELETE=0x04, INCREMENT=0x05,
           DECREMENT=0x06, QUIT=0x07, FLUSH=0x08, GETQ=0x09, NOOP=0x0A, VERSION=0x0B,
           GETK=0x0C, GETKQ=0x0D, APPEND=0x0E, PREPEND=0x0F, STAT=0x10, SETQ=0x11,
           ADDQ=0x12, REPLACEQ=0x13, DELETEQ=0x14, INCREMENTQ=0x15, DECREMENTQ=0x16,
           QUITQ=0x17, FLUSHQ=0x18, APPENDQ=0x19, PREPENDQ=0x1A, VERBOSITY=0x1B, TOUCH=0x1C,
           GAT=0x1D, GATQ=0x1E, SASL_LIST_MECHS=0x20, SASL_AUTH=0x21, SASL_STEP=0x22,
           GATK=0x23, GATKQ=0x24)


def pkt(op, key: bytes = b"", value: bytes = b"", extras: bytes = b"", cas: int = 0,
        opaque: int = 0) -> bytes:
    opcode = OPS[op] if isinstance(op, str) else op
    body = extras + key + value
    return struct.pack(">BBHBBHIIQ", 0x80, opcode, len(key), len(extras), 0, 0, len(body),
                       opaque, cas) + body


def store(op, key, value, flags=0, exptime=0, **kw) -> bytes:
    return pkt(op, key, value, struct.pack(">II", flags, exptime), **kw)


def counter(op, key, delta, initial=0, exptime=0, **kw) -> bytes:
    return pkt(op, key, b"", struct.pack(">QQI", delta, initial, exptime), **kw)


def exp4(seconds: int) -> bytes:
    return struct.pack(">I", seconds & 0xFFFFFFFF)


def cas_ref(n: int) -> int:
    """A header CAS replaced, when sent, by the case's n-th CAS seen so far."""
    return CAS_REF + n


def _steps(steps):
    return [s if isinstance(s, Step) else Step(s) for s in steps]


def T(name, *steps, **kw) -> Case:
    return Case(name, "text", _steps(steps), **kw)


def B(name, *steps, **kw) -> Case:
    return Case("bin_" + name, "binary", _steps(steps), **kw)


def quiet(data: bytes) -> Step:
    """A step the server may leave waiting (no sentinel): read until it goes quiet."""
    return Step(data, end="quiet")


def closes(data: bytes) -> Step:
    return Step(data, end="close")


LONG = b"k" * 251
MAX = b"m" * 250
KEYS = [b"key%03d" % i for i in range(100)]
AUTH = b"set auth 0 0 9\r\nuser pass\r\n"

CLASSIC = [
    # --- storage --------------------------------------------------------------------------
    T("set_get", b"set k 0 0 5\r\nhello\r\nget k\r\n"),
    T("set_flags_exptime_get", b"set k 42 100 3\r\nabc\r\nget k\r\ngets k\r\n"),
    T("set_max_flags", b"set k 4294967295 0 1\r\nx\r\nget k\r\n"),
    T("set_flags_wrap_32_bits", b"set k 4294967297 0 1\r\nx\r\nget k\r\n"),
    T("set_empty_value", b"set k 0 0 0\r\n\r\nget k\r\n"),
    T("set_binary_value", b"set k 0 0 6\r\n\x00\r\n\xff\x01\n\r\nget k\r\n"),
    T("set_max_key", b"set " + MAX + b" 0 0 1\r\nx\r\nget " + MAX + b"\r\n"),
    T("set_overwrites_flags", b"set k 1 0 1\r\na\r\nset k 2 0 2\r\nbb\r\nget k\r\n"),
    T("add", b"add k 0 0 1\r\na\r\nadd k 0 0 1\r\nb\r\nget k\r\n"),
    T("replace", b"replace k 0 0 1\r\na\r\nset k 0 0 1\r\nb\r\nreplace k 5 0 1\r\nc\r\n"
      b"get k\r\n"),
    T("append_prepend_keep_flags", b"set k 9 0 3\r\nmid\r\nappend k 1 0 3\r\nend\r\n"
      b"prepend k 2 0 3\r\nbeg\r\nget k\r\n"),
    T("append_prepend_missing", b"append k 0 0 1\r\nx\r\nprepend k 0 0 1\r\nx\r\n"),
    T("cas_success_then_stale", b"set k 1 0 1\r\nx\r\ngets k\r\n",
      b"cas k 2 0 1 {cas1}\r\ny\r\ncas k 3 0 1 {cas1}\r\nz\r\ngets k\r\n"),
    T("cas_not_found", b"cas k 0 0 1 123\r\nx\r\n"),
    T("cas_exists", b"set k 0 0 1\r\nx\r\ncas k 0 0 1 12345678901\r\ny\r\nget k\r\n"),
    T("cas_bad_unique", b"set k 0 0 1\r\nx\r\ncas k 0 0 1 abc\r\ny\r\n"),
    T("cas_noreply", b"set k 0 0 1\r\nx\r\ngets k\r\n",
      b"cas k 4 0 1 {cas1} noreply\r\nw\r\ncas k 5 0 1 1 noreply\r\nv\r\ngets k\r\n"),
    T("gets_multi", b"set a 0 0 1\r\n1\r\nset b 0 0 1\r\n2\r\ngets a b c\r\n"),
    T("get_100_keys", b"".join(b"set %s %d 0 %d\r\n%s\r\n" % (k, i, len(k), k)
                               for i, k in enumerate(KEYS[::2]))
      + b"get " + b" ".join(KEYS) + b"\r\n"),
    T("get_duplicate_keys_extra_spaces", b"set a 0 0 1\r\n1\r\nget  a   a \r\n"),
    T("bget_alias", b"set a 0 0 1\r\n1\r\nbget a\r\n"),
    # --- retrieval with touch ---------------------------------------------------------------
    T("gat_hit_miss", b"gat 100 k\r\nset k 3 0 1\r\nx\r\ngat 100 k nokey\r\nmg k t\r\n"),
    T("gats_keeps_cas", b"set k 3 0 1\r\nx\r\ngets k\r\ngats 200 k\r\nmg k t c\r\n"),
    T("gat_negative_expires", b"set k 0 0 1\r\nx\r\ngat -1 k\r\nget k\r\n"),
    T("gat_zero_clears_ttl", b"set k 0 100 1\r\nx\r\ngat 0 k\r\nmg k t\r\n"),
    T("gat_bad_exptime", b"gat abc k\r\ngats x k\r\n"),
    T("gat_no_key", b"gat 10\r\ngat\r\ngats\r\n"),
    T("touch", b"touch k 10\r\nset k 0 0 1\r\nx\r\ntouch k 100\r\nmg k t v\r\n"),
    T("touch_noreply_bad_exptime", b"set k 0 0 1\r\nx\r\ntouch k 10 noreply\r\n"
      b"touch k abc\r\ntouch k abc noreply\r\nmg k t\r\n"),
    # --- deletion -------------------------------------------------------------------------
    T("delete", b"set k 0 0 1\r\nx\r\ndelete k\r\ndelete k\r\nget k\r\n"),
    T("delete_hold_time", b"delete k 0\r\ndelete k 5\r\ndelete k 0 noreply\r\n"
      b"delete k x y\r\n"),
    # --- counters -------------------------------------------------------------------------
    T("incr_decr", b"set n 0 0 2\r\n10\r\nincr n 5\r\ndecr n 3\r\nget n\r\n"),
    T("incr_missing", b"incr nokey 1\r\ndecr nokey 1\r\n"),
    T("incr_wraps", b"set n 0 0 20\r\n18446744073709551615\r\nincr n 1\r\n"
      b"set n 0 0 20\r\n18446744073709551610\r\nincr n 18446744073709551615\r\n"),
    T("decr_floors_at_zero", b"set n 0 0 1\r\n5\r\ndecr n 10\r\nget n\r\n"),
    T("incr_grows_length", b"set n 0 0 2\r\n99\r\nincr n 1\r\nget n\r\n"),
    T("incr_keeps_flags", b"set n 7 0 1\r\n1\r\nincr n 1\r\nget n\r\n"),
    T("incr_non_numeric", b"set n 0 0 1\r\nx\r\nincr n 1\r\ndecr n 1\r\n"
      b"set n 0 0 3\r\n 12\r\nincr n 1\r\nset n 0 0 5\r\n12abc\r\nincr n 1\r\n"),
    T("incr_invalid_delta", b"set n 0 0 1\r\n1\r\nincr n abc\r\nincr n -1\r\n"
      b"incr n 18446744073709551616\r\n"),
    T("incr_arity", b"incr\r\nincr n\r\nincr n 1 2 3\r\n"),
    # --- noreply ----------------------------------------------------------------------------
    T("noreply_storage", b"set k 0 0 1 noreply\r\na\r\nadd k 0 0 1 noreply\r\nb\r\n"
      b"replace k 0 0 1 noreply\r\nc\r\nappend k 0 0 1 noreply\r\nd\r\n"
      b"prepend k 0 0 1 noreply\r\ne\r\nget k\r\n"),
    T("noreply_counters", b"set n 0 0 1 noreply\r\n5\r\nincr n 10 noreply\r\n"
      b"decr n 3 noreply\r\nincr n x noreply\r\nget n\r\n"),
    T("noreply_errors_silenced", b"set k abc 0 1 noreply\r\nx\r\nget k\r\n"),
    # --- admin ----------------------------------------------------------------------------
    T("version", b"version\r\n"),
    T("verbosity", b"verbosity 1\r\nverbosity 0\r\nverbosity 1 noreply\r\nverbosity x\r\n"
      b"verbosity\r\nverbosity 1 2 3\r\n"),
    T("flush_all", b"set k 0 0 1\r\nx\r\nflush_all\r\nget k\r\nflush_all 0\r\n"
      b"flush_all noreply\r\n"),
    T("flush_all_errors", b"flush_all abc\r\nflush_all 1 noreply x\r\nflush_all -1\r\n"),
    T("flush_all_delay", b"set k 0 0 1\r\nx\r\nflush_all 2\r\nget k\r\n",
      Step(b"get k\r\nset k2 0 0 1\r\ny\r\nget k k2\r\n", pause=3.0)),
    T("flush_all_delay_noreply", b"set k 0 0 1\r\nx\r\nflush_all 2 noreply\r\nget k\r\n",
      Step(b"get k\r\n", pause=3.0)),
    T("shutdown_not_enabled", b"shutdown\r\nshutdown graceful\r\n"),
    T("quit", closes(b"quit\r\n")),
    T("quit_after_pipeline", closes(b"set k 0 0 1\r\nx\r\nget k\r\nquit\r\nget k\r\n")),
    # --- statistics (values normalised; names and order must match) --------------------------
    T("stats_general", b"stats\r\n"),
    T("stats_settings", b"stats settings\r\n"),
    T("stats_items_slabs_empty", b"stats items\r\nstats slabs\r\n", fresh=True),
    T("stats_items_slabs_small_item", b"set k 0 0 1\r\nx\r\nstats items\r\nstats slabs\r\n",
      fresh=True),
    T("stats_conns", b"stats conns\r\n", fresh=True),
    T("stats_reset", b"stats reset\r\nstats reset extra\r\n"),
    T("stats_detail", b"stats detail\r\nstats detail on\r\nstats detail dump\r\n"
      b"stats detail off\r\nstats detail bogus\r\n"),
    T("stats_sizes", b"stats sizes\r\n"),
    T("stats_unknown_group", b"stats nosuch\r\n"),
    # --- expiry rules ---------------------------------------------------------------------
    T("negative_exptime", b"set k 0 -1 1\r\nx\r\nget k\r\n"),
    T("exptime_30_days_relative", b"set k 0 2592000 1\r\nx\r\nget k\r\n"
      b"set k 0 2592001 1\r\nx\r\nget k\r\n"),
    T("exptime_absolute_future", b"set k 0 2000000000 1\r\nx\r\nget k\r\n"),
    T("exptime_expires", b"set k 0 1 1\r\nx\r\n", Step(b"get k\r\n", pause=2.2)),
    # --- errors ---------------------------------------------------------------------------
    T("unknown_command", b"foo bar\r\nGET k\r\nm\r\nmx k\r\n"),
    T("empty_line", b"\r\n"),
    T("get_no_key", b"get\r\ngets\r\n"),
    T("storage_arity", b"set k 0 0\r\nset k 0 0 1 noreply extra\r\nx\r\ncas k 0 0 1\r\n"),
    T("set_negative_length", b"set k 0 0 -1\r\n"),
    T("set_bad_numbers", b"set k abc 0 1\r\nx\r\nset k 0 abc 1\r\nx\r\nset k -1 0 1\r\nx\r\n"),
    # One command per step: a failing multiget makes memcached drop the replies queued before
    # it in the same read (a memcached quirk no client relies on).
    T("key_too_long_everywhere", b"set " + LONG + b" 0 0 1\r\nx\r\n", b"get " + LONG + b"\r\n",
      b"get a " + LONG + b"\r\n", b"delete " + LONG + b"\r\n", b"incr " + LONG + b" 1\r\n",
      b"touch " + LONG + b" 1\r\n", b"gat 1 " + LONG + b"\r\n", b"mg " + LONG + b" v\r\n"),
    T("bad_data_chunk", b"set k 0 0 1\r\nabc\r\nget k\r\n"),
    T("data_block_lf_only", b"set k 0 0 1\r\nx\nget k\r\n"),
    T("value_too_large", b"set k 0 0 2000000\r\n" + b"x" * 2_000_000 + b"\r\nget k\r\n"),
    T("too_large_drops_old_value", b"set k 0 0 1\r\nx\r\nset k 0 0 1048577\r\n"
      + b"y" * 1048577 + b"\r\nget k\r\n"),
    T("item_size_boundary", b"set k 0 0 1048516\r\n" + b"a" * 1048516 + b"\r\nmg k s\r\n"
      b"set k 0 0 1048517\r\n" + b"a" * 1048517 + b"\r\nmg k s\r\n"),
    T("line_too_long_closes", closes(b"x" * 4096)),
    T("binary_junk_line", b"\x00\x01\x02garbage\xff\r\n"),
    T("lf_only_lines", b"set k 0 0 1\nx\r\nget k\n"),
    T("request_split_byte_by_byte",
      Step(b"set k 0 0 5\r\nhello\r\nget k\r\nmg k v c\r\n", byte_by_byte=True)),
]

META = [
    # --- mn / me ------------------------------------------------------------------------------
    T("mn", b"mn\r\nmn extra tokens\r\n"),
    T("me_hit_miss", b"set k 5 0 3\r\nabc\r\nset kk 0 100 1000\r\n" + b"x" * 1000 + b"\r\n"
      b"me k\r\nme kk\r\nme nokey\r\n"),
    T("me_errors", b"me\r\nme " + LONG + b"\r\n"),
    T("me_base64", b"ms Zm9v 2 b\r\nhi\r\nme Zm9v b\r\nme !!! b\r\n"),
    # --- mg ---------------------------------------------------------------------------------
    T("mg_miss", b"mg k\r\nmg k v\r\nmg k v k O123\r\n"),
    T("mg_hit_return_flags", b"set k 7 100 3\r\nabc\r\nmg k\r\nmg k v\r\nmg k s v\r\n"
      b"mg k f t s v k O99\r\nmg k k O1 f\r\n"),
    T("mg_cas", b"set k 0 0 1\r\nx\r\nmg k c\r\ngets k\r\nset k 0 0 1\r\ny\r\nmg k c v\r\n"),
    T("mg_ttl", b"set k 0 0 1\r\nx\r\nmg k t\r\nset k 0 100 1\r\nx\r\nmg k t\r\n"),
    T("mg_quiet", b"set k 0 0 1\r\nx\r\nmg nokey q v\r\nmg k q\r\nmg k q v\r\n"
      b"mg nokey q k O5\r\nmn\r\n"),
    T("mg_opaque", b"mg k O1234567890abcdef\r\nmg k O" + b"x" * 32 + b"\r\n"
      b"mg k O" + b"x" * 33 + b"\r\nset k 0 0 1\r\nx\r\nmg k O" + b"x" * 33 + b"\r\n"),
    T("mg_touch", b"set k 0 100 1\r\nx\r\nmg k T30 t\r\nmg k t v\r\nmg k T0 t\r\n"
      b"mg nokey T30 t\r\n"),
    T("mg_touch_negative", b"set k 0 0 1\r\nx\r\nmg k T-1 v\r\nmg k v\r\n"),
    T("mg_hit_first_fetch", b"set k 0 0 1\r\nx\r\nmg k h l t\r\n"),
    T("mg_hit_before_after_fetch", b"set k 0 0 1\r\nx\r\nmg k v\r\nmg k h\r\n",
      larder_differs="h needs a per-item fetched bit the store does not keep yet"),
    T("mg_no_bump_and_ignored_tokens", b"set k 0 0 1\r\nx\r\nmg k u v\r\nmg k v Pfoo Lbar\r\n"),
    T("mg_base64_key", b"mg Zm9v b k v\r\nms Zm9v 2 b\r\nhi\r\nmg Zm9v b k v s\r\n"
      b"get foo\r\n"),
    T("mg_base64_errors", b"mg foo b v\r\nmg !!!! b\r\nmg Zm9v= b\r\n"),
    T("mg_base64_key_remembered", b"ms Zm9v 2 b\r\nhi\r\nmg foo k v\r\n",
      larder_differs="the 'key is binary' bit is per-item metadata the store does not keep"),
    T("mg_vivify", b"mg k N30 v c t\r\nmg k v t\r\nmg k v\r\nms k 3 T60\r\nnew\r\nmg k v\r\n"),
    T("mg_vivify_hit_no_effect", b"set k 0 0 1\r\nx\r\nmg k N30 v t\r\n"),
    T("mg_recache", b"set k 0 10 1\r\nx\r\nmg k R30 v\r\nmg k R30 v\r\nmg k v\r\n"
      b"mg k R5 v\r\nset k 0 100 1\r\ny\r\nmg k R30 v\r\n"),
    T("mg_recache_no_ttl", b"set k 0 0 1\r\nx\r\nmg k R30 v\r\n"),
    T("mg_errors", b"mg\r\nmg k v v\r\nmg k !\r\nmg k T\r\nmg k Tabc\r\nmg k N\r\n"
      b"mg k Rx\r\nmg k E5\r\n"),
    T("mg_too_many_flags", b"mg k " + b" ".join(b"O%d" % i for i in range(17)) + b"\r\n"
      b"mg k " + b" ".join(b"P%d" % i for i in range(18)) + b"\r\n"),
    T("mg_high_byte_flag", b"mg k \xc3\xa9\r\n"),
    # --- ms ---------------------------------------------------------------------------------
    T("ms_basic", b"ms k 2\r\nhi\r\nmg k v f t\r\nms k 3 F5 T100\r\nabc\r\nmg k v f t\r\n"),
    T("ms_return_flags", b"ms k 2 c k O77\r\nhi\r\nmg k c\r\nms k 2 O1 k b\r\nhi\r\n"),
    T("ms_ignored_flags", b"ms k 2 v t f s h l u\r\nhi\r\nmg k v\r\n"),
    T("ms_quiet", b"ms k 2 q\r\nhi\r\nms k 2 q ME\r\nho\r\nmn\r\nmg k v\r\n"),
    T("ms_modes", b"ms k 1 ME\r\na\r\nms k 1 ME\r\nb\r\nms k 1 MA\r\nc\r\nms k 1 MP\r\nd\r\n"
      b"ms k 1 MR\r\ne\r\nms x 1 MR\r\nf\r\nms x 1 MA\r\ng\r\nms x 1 MP\r\nh\r\n"
      b"ms k 1 MS F3\r\ni\r\nmg k v f\r\n"),
    T("ms_append_keeps_flags_ttl", b"ms k 1 F9 T100\r\na\r\nms k 1 MA F1 T5\r\nb\r\n"
      b"mg k v f t\r\n"),
    T("ms_mode_errors", b"ms k 1 MX\r\na\r\nms k 1 Mab\r\na\r\nms k 1 M\r\na\r\nmg k v\r\n"),
    T("ms_compare_cas", b"ms k 1 C123\r\na\r\nms k 1 c\r\na\r\nms k 1 C999999 c\r\nb\r\n",
      b"ms k 1 C{cas1} c\r\nc\r\nmg k v c\r\nms k 1 MA C{cas2}\r\nd\r\nmg k v\r\n"),
    T("ms_compare_cas_modes", b"ms k 1 ME C5\r\na\r\nms k 1 ME C5\r\nb\r\nms k 1 MR C5\r\nc\r\n"
      b"ms k 1 MP C5\r\nd\r\nmg k v\r\n"),
    T("ms_invalidate", b"ms k 1 c\r\na\r\nms k 1 c\r\nb\r\n",
      b"ms k 1 I C{cas1}\r\nc\r\nmg k v c\r\nmg k v\r\nms k 1 I C{cas1}\r\nd\r\n"),
    T("ms_errors", b"ms k\r\nms\r\nms k x\r\nms k -1\r\nms k 1 !\r\na\r\n"
      b"ms k 1 Fx\r\na\r\nms k 1 Tx\r\na\r\nms k 1 Cx\r\na\r\nmg k v\r\n"),
    T("ms_explicit_cas_refused", b"ms k 2 E12345\r\nhi\r\nmg k c\r\nma k E5\r\nmd k E5\r\n"),
    T("ms_bad_chunk", b"ms k 2\r\nabcd\r\nmg k v\r\n"),
    T("ms_too_large", b"ms k 1048577\r\n" + b"z" * 1048577 + b"\r\nmg k v\r\n"),
    T("ms_too_large_drops_old", b"ms k 1\r\na\r\nms k 2000000 MA\r\n" + b"z" * 2000000
      + b"\r\nmg k v\r\n"),
    T("ms_key_too_long", b"ms " + LONG + b" 1\r\na\r\nmn\r\n"),
    T("ms_flags_wrap", b"ms k 1 F4294967297\r\na\r\nmg k f\r\n"),
    T("ms_negative_ttl", b"ms k 1 T-1\r\na\r\nmg k v\r\n"),
    T("ms_quiet_error_shown", b"ms k 1 q MX\r\na\r\nmn\r\n"),
    # --- md ---------------------------------------------------------------------------------
    T("md_basic", b"md k\r\nset k 0 0 1\r\nx\r\nmd k\r\nmd k\r\nmg k v\r\n"),
    T("md_flags", b"md k k O5 q\r\nset k 0 0 1\r\nx\r\nmd k q\r\nmd k k O6\r\nmn\r\n"),
    T("md_compare_cas", b"set k 0 0 1\r\nx\r\nmd k C1234567\r\nmg k c\r\n",
      b"md k C{cas1}\r\nmg k v\r\n"),
    T("md_invalidate", b"set k 0 0 1\r\nx\r\nmg k c\r\nmd k I T30\r\nmg k v c t\r\n"
      b"mg k v\r\nmd k I\r\nmg k v\r\n"),
    T("md_errors", b"md\r\nmd k !\r\nmd k Tx\r\nmd k q q\r\nmd " + LONG + b"\r\n"),
    T("md_base64", b"ms Zm9v 1 b\r\nx\r\nmd Zm9v b k\r\nmd Zm9v b k\r\n"),
    # --- ma ---------------------------------------------------------------------------------
    T("ma_basic", b"ma n\r\nset n 0 0 1\r\n5\r\nma n\r\nma n v\r\nmg n v\r\n"),
    T("ma_modes_delta", b"set n 0 0 2\r\n10\r\nma n D5 v\r\nma n MD D3 v\r\nma n M- v\r\n"
      b"ma n M+ D100 v\r\nma n MI v\r\nma n Md v\r\nma n MDD v\r\n"),
    T("ma_vivify", b"ma n N0 J10 v\r\nma n N0 J10 v\r\nma m N100 v t\r\nma z N0 v\r\n"
      b"ma y J5 v\r\n"),
    T("ma_return_flags", b"set n 0 100 1\r\n1\r\nma n v t c k O5\r\nma n t\r\nma n T0 t v\r\n"
      b"ma nokey k O6 v\r\n"),
    T("ma_quiet", b"set n 0 0 1\r\n1\r\nma n q\r\nma n q v\r\nma x q\r\nmn\r\nmg n v\r\n"),
    T("ma_wrap_floor", b"set n 0 0 20\r\n18446744073709551615\r\nma n v\r\n"
      b"ma n MD D5 v\r\nset n 0 0 2\r\n10\r\nma n MD D18446744073709551615 v\r\n"),
    T("ma_non_numeric", b"set n 0 0 1\r\nx\r\nma n\r\nma n q\r\n"),
    T("ma_compare_cas", b"set n 0 0 1\r\n1\r\nma n C999999 v\r\nmg n c\r\n",
      b"ma n C{cas1} v c\r\n"),
    T("ma_errors", b"ma\r\nma n Dx\r\nma n Jx\r\nma n !\r\nma n D-1\r\n"
      b"ma n D18446744073709551616\r\n"),
    T("ma_grows_length", b"set n 0 0 2\r\n99\r\nma n v\r\nmg n v s\r\n"),
    # --- meta mixed with classic ------------------------------------------------------------
    T("meta_and_classic_share_items", b"ms k 3 F4 T100\r\nabc\r\nget k\r\ngets k\r\n"
      b"mg k c v\r\nappend k 0 0 1\r\nd\r\nmg k v f\r\n"),
    T("meta_pipeline_quiet_then_mn", b"ms a 1 q\r\n1\r\nms b 1 q\r\n2\r\nmg a q v k\r\n"
      b"mg nokey q v k\r\nmg b q v k\r\nmd a q\r\nmd nokey q\r\nma c q N0\r\nmn\r\n"),
    T("meta_split_byte_by_byte",
      Step(b"ms k 2 T100 c\r\nhi\r\nmg k v t s\r\nma n N0 J3 v\r\nmd k q\r\nmn\r\n",
           byte_by_byte=True)),
]

BINARY = [
    # --- get family ----------------------------------------------------------------------
    B("get_miss", pkt("GET", b"missing")),
    B("set_get_flags", store("SET", b"k", b"hello", flags=42) + pkt("GET", b"k")),
    B("getk", store("SET", b"k", b"v", flags=7) + pkt("GETK", b"k") + pkt("GETK", b"nokey")),
    B("getq_getkq_pipeline", store("SET", b"k", b"v") + pkt("GETQ", b"miss1")
      + pkt("GETQ", b"k") + pkt("GETKQ", b"miss2") + pkt("GETKQ", b"k")),
    B("opaque_echoed", pkt("GET", b"nokey", opaque=0x01020304)
      + pkt("NOOP", opaque=0xFFFFFFFF)),
    # --- get and touch ------------------------------------------------------------------
    B("gat", store("SET", b"k", b"v", flags=3) + pkt("GAT", b"k", extras=exp4(100))
      + pkt("GAT", b"nokey", extras=exp4(100))),
    B("gatq", store("SET", b"k", b"v", flags=3) + pkt("GATQ", b"nokey", extras=exp4(1))
      + pkt("GATQ", b"k", extras=exp4(100))),
    B("gatk_gatkq", store("SET", b"k", b"v", flags=5) + pkt("GATK", b"k", extras=exp4(100))
      + pkt("GATK", b"nokey", extras=exp4(100)) + pkt("GATKQ", b"nokey", extras=exp4(1))
      + pkt("GATKQ", b"k", extras=exp4(100))),
    B("gat_sets_ttl", store("SET", b"k", b"v") + pkt("GAT", b"k", extras=exp4(100))),
    B("gat_negative_expires", store("SET", b"k", b"v") + pkt("GAT", b"k", extras=exp4(-1))
      + pkt("GET", b"k")),
    B("touch", store("SET", b"k", b"v", flags=9) + pkt("TOUCH", b"k", extras=exp4(100))
      + pkt("TOUCH", b"nokey", extras=exp4(100)) + pkt("GET", b"k")),
    B("touch_keeps_cas", store("SET", b"k", b"v") + pkt("GETK", b"k")
      + pkt("TOUCH", b"k", extras=exp4(10)) + pkt("GETK", b"k")),
    B("gat_wrong_extras_closes", closes(pkt("GAT", b"k"))),
    # --- storage --------------------------------------------------------------------------
    B("setq_silent", store("SETQ", b"k", b"v") + pkt("GET", b"k")),
    B("add", store("ADD", b"k", b"w") + store("ADD", b"k", b"x") + pkt("GET", b"k")),
    B("addq", store("ADDQ", b"k", b"w") + store("ADDQ", b"k", b"x")),
    B("add_with_cas", store("SET", b"k", b"v") + store("ADD", b"k", b"w", cas=5)
      + store("ADD", b"n", b"w", cas=5) + pkt("GET", b"n")),
    B("replace", store("REPLACE", b"k", b"x") + store("SET", b"k", b"v")
      + store("REPLACE", b"k", b"x", flags=3) + pkt("GET", b"k")),
    B("replaceq", store("REPLACEQ", b"k", b"x") + store("SET", b"k", b"v")
      + store("REPLACEQ", b"k", b"y")),
    B("set_cas", store("SET", b"k", b"v", flags=1),
      store("SET", b"k", b"w", flags=2, cas=cas_ref(1)) + store("SET", b"k", b"x",
                                                               cas=cas_ref(1))
      + pkt("GET", b"k")),
    B("set_cas_mismatch_and_missing", store("SET", b"k", b"v")
      + store("SET", b"k", b"w", cas=123456789) + store("SET", b"nokey", b"w", cas=5)),
    B("replace_cas", store("SET", b"k", b"v"),
      store("REPLACE", b"k", b"w", cas=cas_ref(1)) + store("REPLACE", b"k", b"x",
                                                            cas=cas_ref(1))),
    B("append_prepend", store("SET", b"a", b"mid", flags=5) + pkt("APPEND", b"a", b"end")
      + pkt("PREPEND", b"a", b"beg") + pkt("GET", b"a")),
    B("appendq_prependq", store("SET", b"a", b"mid") + pkt("APPENDQ", b"a", b"end")
      + pkt("PREPENDQ", b"a", b"beg") + pkt("GET", b"a")),
    B("append_missing", pkt("APPEND", b"zz", b"x") + pkt("PREPEND", b"zz", b"x")),
    B("append_cas", store("SET", b"a", b"1"),
      pkt("APPEND", b"a", b"2", cas=cas_ref(1)) + pkt("APPEND", b"a", b"3", cas=cas_ref(1))
      + pkt("GET", b"a")),
    B("value_too_large", store("SET", b"big", b"x" * 2_000_000) + pkt("GET", b"big")),
    B("too_large_drops_old_value", store("SET", b"k", b"v")
      + store("SET", b"k", b"x" * 1048577) + pkt("GET", b"k")),
    # --- exptime ------------------------------------------------------------------------
    B("exptime_max_is_absolute_future", store("SET", b"k", b"v", exptime=0xFFFFFFFF)
      + pkt("GET", b"k")),
    B("exptime_30_days", store("SET", b"k", b"v", exptime=2592000) + pkt("GET", b"k")),
    B("exptime_absolute_past", store("SET", b"k", b"v", exptime=2592001) + pkt("GET", b"k"),
      larder_differs="an item stored already expired never exists in the store, so its SET "
                     "answers CAS 0 where memcached hands out a CAS"),
    B("exptime_absolute_future", store("SET", b"k", b"v", exptime=2000000000)
      + pkt("GET", b"k")),
    # --- delete ---------------------------------------------------------------------------
    B("delete", store("SET", b"k", b"v") + pkt("DELETE", b"k") + pkt("DELETE", b"k")
      + pkt("GET", b"k")),
    B("deleteq", store("SET", b"k", b"v") + pkt("DELETEQ", b"k") + pkt("DELETEQ", b"k")),
    B("delete_cas", store("SET", b"k", b"v"),
      pkt("DELETE", b"k", cas=999999) + pkt("DELETE", b"k", cas=cas_ref(1))
      + pkt("GET", b"k")),
    # --- counters -------------------------------------------------------------------------
    B("increment_initial", counter("INCREMENT", b"c", 5, initial=10)
      + counter("INCREMENT", b"c", 5, initial=10) + pkt("GET", b"c")),
    B("increment_no_create", counter("INCREMENT", b"c", 1, exptime=0xFFFFFFFF)
      + counter("DECREMENT", b"c", 1, exptime=0xFFFFFFFF)),
    B("increment_created_expiry", counter("INCREMENT", b"c", 1, initial=7, exptime=100)
      + pkt("GETK", b"c")),
    B("increment_created_expired", counter("INCREMENT", b"c", 1, initial=7,
                                           exptime=0xFFFFFFFE) + pkt("GET", b"c")),
    B("decrement_floor", counter("DECREMENT", b"c", 1, initial=3) + counter("DECREMENT",
                                                                            b"c", 2)
      + counter("DECREMENT", b"c", 100) + pkt("GET", b"c")),
    B("increment_wraps", store("SET", b"c", b"18446744073709551615")
      + counter("INCREMENT", b"c", 2)),
    B("increment_non_numeric", store("SET", b"k", b"abc") + counter("INCREMENT", b"k", 1)),
    B("increment_cas", counter("INCREMENT", b"c", 1, initial=1),
      counter("INCREMENT", b"c", 1, cas=999) + counter("INCREMENT", b"c", 1,
                                                        cas=cas_ref(1))),
    B("incrementq_decrementq", counter("INCREMENTQ", b"c", 1, initial=5)
      + counter("DECREMENTQ", b"c", 2) + counter("INCREMENTQ", b"x", 1, exptime=0xFFFFFFFF)
      + pkt("GET", b"c")),
    # --- quiet errors -------------------------------------------------------------------
    B("quiet_commands_report_errors", pkt("DELETEQ", b"nokey") + store("ADDQ", b"k", b"v")
      + store("ADDQ", b"k", b"v") + store("REPLACEQ", b"zz", b"v")
      + pkt("APPENDQ", b"zz", b"v") + counter("INCREMENTQ", b"k", 1)),
    # --- admin ----------------------------------------------------------------------------
    B("noop_version", pkt("NOOP") + pkt("VERSION")),
    B("verbosity", pkt("VERBOSITY", extras=exp4(1)),
      larder_differs="memcached 1.6 answers VERBOSITY 'Unknown command' and then mis-swallows "
                     "its extras (eating the next request); Larder answers it with success"),
    B("flush", store("SET", b"k", b"v") + pkt("FLUSH") + pkt("GET", b"k")),
    B("flushq", store("SET", b"k", b"v") + pkt("FLUSHQ") + pkt("GET", b"k")),
    B("flush_delay", store("SET", b"k", b"v") + pkt("FLUSH", extras=exp4(2))
      + pkt("GET", b"k"), Step(pkt("GET", b"k"), pause=3.0)),
    B("flush_bad_extras_closes", closes(pkt("FLUSH", extras=b"\0\0"))),
    B("stat_general", pkt("STAT")),
    B("stat_settings", pkt("STAT", b"settings")),
    B("stat_items_slabs", store("SET", b"k", b"v") + pkt("STAT", b"items")
      + pkt("STAT", b"slabs"), fresh=True),
    B("stat_reset", pkt("STAT", b"reset")),
    B("stat_detail", pkt("STAT", b"detail on") + pkt("STAT", b"detail dump")
      + pkt("STAT", b"detail off") + pkt("STAT", b"detail")),
    B("stat_unknown_group", pkt("STAT", b"nosuch")),
    B("stat_sizes", pkt("STAT", b"sizes")),
    # --- errors ---------------------------------------------------------------------------
    B("unknown_opcode", pkt(0x70) + pkt(0x25)),
    B("unknown_opcode_with_body", pkt(0x1F, b"k", b"v"),
      larder_differs="memcached swallows extras+key bytes too many after an unknown opcode "
                     "with a body (it then eats the next request); Larder skips the packet"),
    B("without_auth_is_unknown", pkt("SASL_LIST_MECHS")
      + pkt("SASL_AUTH", b"PLAIN", b"\0user\0pass")),
    B("quit", closes(store("SET", b"k", b"v") + pkt("QUIT"))),
    B("quitq", closes(pkt("QUITQ"))),
    B("get_with_extras_closes", closes(pkt("GET", b"k", extras=b"abcd"))),
    B("set_without_extras_closes", closes(pkt("SET", b"k", b"v"))),
    B("key_too_long_closes", closes(pkt("GET", b"k" * 251))),
    B("bad_magic_closes", closes(pkt("NOOP") + b"\x81" + pkt("NOOP")[1:])),
    B("split_byte_by_byte", Step(store("SET", b"k", b"hello", flags=1) + pkt("GETK", b"k"),
                                 byte_by_byte=True)),
]

AUTH_TEXT = [
    # memcached -Y: text-protocol authentication with a `set` whose data is "user pass".
    T("auth_required", quiet(b"get k\r\n"), quiet(b"version\r\n"), profile="auth"),
    T("auth_success", quiet(AUTH), quiet(b"set k 0 0 1\r\nx\r\n"), quiet(b"get k\r\n"),
      profile="auth"),
    T("auth_second_user", quiet(b"set x 0 0 12\r\nalice s3cret\r\n"), quiet(b"version\r\n"),
      profile="auth"),
    T("auth_wrong_password", quiet(b"set x 0 0 9\r\nuser bad!\r\n"), quiet(b"get k\r\n"),
      profile="auth"),
    T("auth_unknown_user", quiet(b"set x 0 0 9\r\nnobody xy\r\n"), profile="auth"),
    T("auth_bad_token_format", quiet(b"set x 0 0 4\r\nuser\r\n"), profile="auth"),
    T("auth_bad_termination", quiet(b"set x 0 0 4\r\nuserXX"), profile="auth"),
    T("auth_not_a_set", quiet(b"gets\r\n"), quiet(b"set x 0 0\r\n"), profile="auth"),
    T("auth_extra_tokens_ignored", quiet(b"set x 0 0 14\r\nuser pass more\r\n"),
      quiet(b"version\r\n"), profile="auth"),
    T("auth_noreply_still_answers", quiet(b"set x 0 0 9 noreply\r\nuser pass\r\n"),
      quiet(b"mn\r\n"), profile="auth"),
    T("auth_meta_after_login", quiet(AUTH), quiet(b"ms k 1\r\nx\r\nmg k v\r\n"),
      profile="auth"),
]

SASL_BINARY = [
    # memcached -S (SASL, PLAIN only): binary commands other than VERSION and the SASL
    # opcodes need authentication; the recording server has no user database, so every
    # AUTH fails there (Larder-only tests cover successful logins).
    B("list_mechs", pkt("SASL_LIST_MECHS"), profile="sasl"),
    B("unauthenticated_get_closes", closes(pkt("GET", b"k")), profile="sasl"),
    B("version_allowed", pkt("VERSION"), profile="sasl"),
    B("auth_failure", pkt("SASL_AUTH", b"PLAIN", b"\0user\0wrong")
      + pkt("VERSION"), profile="sasl"),
    B("auth_failure_then_get_closes", pkt("SASL_AUTH", b"PLAIN", b"\0nobody\0x"),
      closes(pkt("GET", b"k")), profile="sasl"),
]

CASES = CLASSIC + META + BINARY + AUTH_TEXT + SASL_BINARY
