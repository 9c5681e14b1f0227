// The meta commands' lines (mg, ms, md, ma, me, mn): flags in order, typed flag values,
// base64 keys, and memcached 1.6.18's error lines and their precedence, each case fed whole,
// at every split point and byte by byte.
#include <gtest/gtest.h>

#include <string>

#include "feed.h"
#include "protocols/memcache/meta_line.h"

namespace larder::memcache::testing {
namespace {

using V = std::vector<std::string>;

std::string err(std::string_view line) {
    return "'" + printable(line) + "'";
}

TEST(MetaNoop, AnyTokens) {
    EXPECT_EQ(text_events("mn\r\n"), V{"ok 4 {mn}"});
    EXPECT_EQ(text_events("mn extra tokens\r\n"), V{"ok 17 {mn}"});
}

TEST(MetaGet, KeyAndFlagsInOrder) {
    EXPECT_EQ(text_events("mg k\r\n"), V{"ok 6 {mg keys=[k]}"});
    EXPECT_EQ(text_events("mg k v f t c s k O99 q\r\n"),
              V{"ok 24 {mg keys=[k] flags=[v,f,t,c,s,k,O99,q] v q}"});
    EXPECT_EQ(text_events("mg k T30 N-1 R5 u h l\r\n"),
              V{"ok 23 {mg keys=[k] flags=[T30,N-1,R5,u,h,l] u T=30 N=-1 R=5}"});
    // Proxy hints are accepted and otherwise ignored; mg accepts ms/ma flags too.
    EXPECT_EQ(text_events("mg k Pfoo Lbar F3 C9 MX\r\n"),
              V{"ok 25 {mg keys=[k] flags=[Pfoo,Lbar,F3,C9,MX] C=9 F=3 M=X}"});
}

TEST(MetaGet, Arity) {
    EXPECT_EQ(text_events("mg\r\n"), V{"error 4 'ERROR\\r\\n'"});
    EXPECT_EQ(text_events("mg " + std::string(250, 'k') + "\r\n").size(), 1u);
    EXPECT_EQ(text_events("mg " + std::string(251, 'k') + " v\r\n"),
              V{"error 258 " + err(meta_errors::bad_format)});
}

TEST(MetaGet, TooManyTokens) {
    // 20 tokens are too many (the count comes first: these 18 flags also repeat one).
    std::string seventeen = "mg k v f t c s k q u h l P L O1 T1 N1 R1 I";
    EXPECT_EQ(text_events(seventeen + "\r\n")[0].rfind("ok", 0), 0u);
    std::string eighteen = seventeen + " v";
    EXPECT_EQ(text_events(eighteen + "\r\n"), V{"error " + std::to_string(eighteen.size() + 2) +
                                                " " + err(meta_errors::mg_too_many)});
}

TEST(MetaGet, FlagErrors) {
    EXPECT_EQ(text_events("mg k v v\r\n"), V{"error 10 " + err(meta_errors::duplicate)});
    EXPECT_EQ(text_events("mg k !\r\n"), V{"error 8 " + err(meta_errors::invalid)});
    EXPECT_EQ(text_events("mg k \xc3\xa9\r\n"), V{"error 9 " + err(meta_errors::duplicate)});
    EXPECT_EQ(text_events("mg k T\r\n"), V{"error 8 " + err(meta_errors::bad_token)});
    EXPECT_EQ(text_events("mg k Tabc\r\n"), V{"error 11 " + err(meta_errors::bad_token)});
    EXPECT_EQ(text_events("mg k Rx\r\n"), V{"error 9 " + err(meta_errors::bad_token)});
    EXPECT_EQ(text_events("mg k E5\r\n"), V{"error 9 " + err(meta_errors::invalid)});
    EXPECT_EQ(text_events("mg k Mab\r\n"), V{"error 10 " + err(meta_errors::mode_length)});
    EXPECT_EQ(text_events("mg k Jx\r\n"), V{"error 9 " + err(meta_errors::bad_initial)});
    EXPECT_EQ(text_events("mg k D-1\r\n"), V{"error 10 " + err(meta_errors::bad_delta)});
    EXPECT_EQ(text_events("mg k Fx\r\n"), V{"error 9 " + err(meta_errors::bad_format)});
}

TEST(MetaGet, LastErrorWinsUnlessRepeatedOrUnknown) {
    // A bad key after a bad token: the key's error; the other way round, the token's.
    EXPECT_EQ(text_events("mg !!!! Tx b\r\n"), V{"error 14 " + err(meta_errors::bad_key)});
    EXPECT_EQ(text_events("mg !!!! b Tx\r\n"), V{"error 14 " + err(meta_errors::bad_token)});
    // An unknown or repeated flag stops at once.
    EXPECT_EQ(text_events("mg k Tx !\r\n"), V{"error 11 " + err(meta_errors::invalid)});
    EXPECT_EQ(text_events("mg k ! Tx\r\n"), V{"error 11 " + err(meta_errors::invalid)});
    EXPECT_EQ(text_events("mg k Tx Tx\r\n"), V{"error 12 " + err(meta_errors::duplicate)});
}

TEST(MetaGet, Opaque) {
    std::string o31 = "O" + std::string(31, 'x');
    EXPECT_EQ(text_events("mg k " + o31 + "\r\n"), V{"ok 39 {mg keys=[k] flags=[" + o31 + "]}"});
    EXPECT_EQ(text_events("mg k " + o31 + "x\r\n"),
              V{"error 40 " + err(meta_errors::opaque_too_long)});
}

TEST(MetaGet, Base64Key) {
    EXPECT_EQ(text_events("mg Zm9v b k\r\n"), V{"ok 13 {mg keys=[foo] b flags=[b,k]}"});
    EXPECT_EQ(text_events("mg AAAA b\r\n"), V{"ok 11 {mg keys=[\\x00\\x00\\x00] b flags=[b]}"});
    EXPECT_EQ(text_events("mg foo b\r\n"), V{"error 10 " + err(meta_errors::bad_key)});
    EXPECT_EQ(text_events("mg Zm9v= b\r\n"), V{"error 12 " + err(meta_errors::bad_key)});
}

TEST(MetaSet, DataBlock) {
    EXPECT_EQ(text_events("ms k 2\r\nhi\r\n"), V{"ok 12 {ms keys=[k] data=hi}"});
    EXPECT_EQ(text_events("ms k 0\r\n\r\n"), V{"ok 10 {ms keys=[k] data=}"});
    EXPECT_EQ(text_events("ms k 3 F5 T100 c k O1 q MA C9 I\r\nabc\r\n"),
              V{"ok 38 {ms keys=[k] data=abc flags=[F5,T100,c,k,O1,q,MA,C9,I] q I T=100 C=9 "
                "F=5 M=A}"});
    EXPECT_EQ(text_events("ms Zm9v 1 b\r\nx\r\n"), V{"ok 16 {ms keys=[foo] data=x b flags=[b]}"});
    EXPECT_EQ(text_events("ms k 2\r\nabcd\r\n"),
              (V{"error 12 'CLIENT_ERROR bad data chunk\\r\\n'", "error 2 'ERROR\\r\\n'"}));
}

TEST(MetaSet, ErrorsWithoutSwallow) {
    EXPECT_EQ(text_events("ms\r\n"), V{"error 4 'ERROR\\r\\n'"});
    EXPECT_EQ(text_events("ms k\r\n"), V{"error 6 " + err(meta_errors::bad_format)});
    EXPECT_EQ(text_events("ms k x\r\n"), V{"error 8 " + err(meta_errors::bad_format)});
    EXPECT_EQ(text_events("ms k -1\r\n"), V{"error 9 " + err(meta_errors::bad_format)});
    EXPECT_EQ(text_events("ms " + std::string(251, 'k') + " 1\r\na\r\n"),
              (V{"error 258 " + err(meta_errors::bad_format), "error 3 'ERROR\\r\\n'"}));
}

TEST(MetaSet, ErrorsSwallowTheDataBlock) {
    EXPECT_EQ(text_events("ms k 1 !\r\na\r\n"), V{"error 13 " + err(meta_errors::invalid)});
    EXPECT_EQ(text_events("ms k 1 MX\r\na\r\n"), V{"error 14 " + err(meta_errors::ms_mode)});
    EXPECT_EQ(text_events("ms k 1 M\r\na\r\n"), V{"error 13 " + err(meta_errors::mode_length)});
    EXPECT_EQ(text_events("ms k 1 Fx\r\na\r\n"), V{"error 14 " + err(meta_errors::bad_format)});
    EXPECT_EQ(text_events("ms k 1 q MX\r\na\r\n"), V{"error 16 " + err(meta_errors::ms_mode)});
    // An invalid mode outranks a long opaque.
    EXPECT_EQ(text_events("ms k 1 O" + std::string(40, 'o') + " MX\r\na\r\n"),
              V{"error 56 " + err(meta_errors::ms_mode)});
    EXPECT_EQ(text_events("ms k 1 O" + std::string(40, 'o') + "\r\na\r\n"),
              V{"error 53 " + err(meta_errors::opaque_too_long)});
}

TEST(MetaSet, TooLargeDropsTheOldValue) {
    Limits small;
    small.max_item_size = 100;
    EXPECT_EQ(text_events("ms k 50 MA\r\n" + std::string(50, 'z') + "\r\n", small),
              V{"error 64 invalidate 'SERVER_ERROR object too large for cache\\r\\n' "
                "{ms keys=[k] flags=[MA] M=A}"});
}

TEST(MetaDelete, FlagErrorsAreOneLine) {
    EXPECT_EQ(text_events("md k q C5 I T30 k O1\r\n"),
              V{"ok 22 {md keys=[k] flags=[q,C5,I,T30,k,O1] q I T=30 C=5}"});
    EXPECT_EQ(text_events("md\r\n"), V{"error 4 'ERROR\\r\\n'"});
    EXPECT_EQ(text_events("md k !\r\n"), V{"error 8 " + err(meta_errors::md_ma_flags)});
    EXPECT_EQ(text_events("md k Tx\r\n"), V{"error 9 " + err(meta_errors::md_ma_flags)});
    EXPECT_EQ(text_events("md !!!! b\r\n"), V{"error 11 " + err(meta_errors::md_ma_flags)});
    EXPECT_EQ(text_events("md k q q\r\n"), V{"error 10 " + err(meta_errors::md_ma_flags)});
}

TEST(MetaArithmetic, ModesAndValues) {
    EXPECT_EQ(text_events("ma n\r\n"), V{"ok 6 {ma keys=[n]}"});
    EXPECT_EQ(text_events("ma n MD D3 N0 J10 v\r\n"),
              V{"ok 21 {ma keys=[n] flags=[MD,D3,N0,J10,v] v N=0 M=D D=3 J=10}"});
    EXPECT_EQ(text_events("ma n M+\r\n").size(), 1u);
    EXPECT_EQ(text_events("ma n M-\r\n").size(), 1u);
    EXPECT_EQ(text_events("ma n MI\r\n").size(), 1u);
    EXPECT_EQ(text_events("ma n Md\r\n"), V{"error 9 " + err(meta_errors::ma_mode)});
    EXPECT_EQ(text_events("ma n Dx\r\n"), V{"error 9 " + err(meta_errors::md_ma_flags)});
    EXPECT_EQ(text_events("ma n D18446744073709551616\r\n"),
              V{"error 28 " + err(meta_errors::md_ma_flags)});
}

TEST(MetaDebug, KeyAndOptionalBase64) {
    EXPECT_EQ(text_events("me k\r\n"), V{"ok 6 {me keys=[k]}"});
    EXPECT_EQ(text_events("me Zm9v b\r\n"), V{"ok 11 {me keys=[foo] b}"});
    // Only a `b` right after the key counts; other tokens are ignored.
    EXPECT_EQ(text_events("me k x b\r\n"), V{"ok 10 {me keys=[k]}"});
    EXPECT_EQ(text_events("me\r\n"), V{"error 4 " + err(meta_errors::bad_format)});
    EXPECT_EQ(text_events("me !!! b\r\n"), V{"error 10 " + err(meta_errors::bad_format)});
}

TEST(MetaPipeline, MixedWithClassicCommands) {
    EXPECT_EQ(text_events("ms a 1 q\r\n1\r\nget a\r\nmg a v q\r\nmn\r\n"),
              (V{"ok 13 {ms keys=[a] data=1 flags=[q] q}", "ok 7 {get keys=[a]}",
                 "ok 10 {mg keys=[a] flags=[v,q] v q}", "ok 4 {mn}"}));
}

}  // namespace
}  // namespace larder::memcache::testing
