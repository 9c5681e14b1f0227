// Meaning-level reply encoder: handlers say what they answer (a null, a map of n pairs, a
// double) and this alone decides the RESP2 or RESP3 bytes, as Redis 7.0 writes them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocols/common/out_buffer.h"
#include "protocols/resp/errors.h"  // the exact error texts handlers pass to error()

namespace larder::resp {

class ReplyWriter {
  public:
    // `out` must outlive the writer. `protocol` is 2 or 3 (anything but 3 means RESP2).
    explicit ReplyWriter(proto::OutBuffer& out, int protocol = 2);

    void set_protocol(int protocol);
    int protocol() const { return resp3_ ? 3 : 2; }

    void ok();                        // +OK
    void simple(std::string_view s);  // +s  (CR/LF in s become spaces)
    // -msg. msg starts with its code, e.g. "ERR wrong number of arguments for 'get' command";
    // a leading '-' is tolerated. CR/LF become spaces, as Redis does for formatted errors.
    void error(std::string_view msg);
    void integer(int64_t v);
    void bulk(std::string_view v);
    void null();        // RESP2 $-1, RESP3 _
    void null_array();  // RESP2 *-1, RESP3 _
    // Aggregate headers: the caller then writes that many elements (pairs: 2 per pair).
    void array(size_t n);
    void map(size_t pairs);  // RESP2 *2n, RESP3 %n
    void set(size_t n);      // RESP2 *n,  RESP3 ~n
    void push(size_t n);     // RESP2 *n,  RESP3 >n  (out-of-band messages, e.g. pub/sub)
    void boolean(bool b);    // RESP2 :1/:0, RESP3 #t/#f
    // Redis 7.0 formats with "%.17g" (so 1.1 reads 1.1000000000000001); infinities as
    // inf/-inf. RESP2 sends a bulk string, RESP3 a double.
    void dbl(double d);
    // `format` is three bytes ("txt", "mkd"); other lengths are cut or space-padded so the
    // frame stays valid. RESP2 sends only `text`, as a bulk string.
    void verbatim(std::string_view format, std::string_view text);

    proto::OutBuffer& out() { return out_; }

  private:
    void header(char type, uint64_t n);

    proto::OutBuffer& out_;
    bool resp3_;
};

}  // namespace larder::resp
