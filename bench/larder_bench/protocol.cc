#include "protocol.h"

#include <cstring>

namespace larder_bench {
namespace {

constexpr std::size_t kMaxLine = 8192;           // longest reply line we accept
constexpr int64_t kMaxBulk = int64_t{1} << 31;   // longest value we accept
constexpr int kMaxDepth = 16;                    // RESP nesting limit

void put_u16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v & 0xff));
}
void put_u32(std::string* out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out->push_back(static_cast<char>((v >> s) & 0xff));
}
void put_dec(std::string* out, std::size_t v) {
  char buf[24];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  out->append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}
void put_bulk(std::string* out, std::string_view s) {
  out->push_back('$');
  put_dec(out, s.size());
  out->append("\r\n", 2);
  out->append(s);
  out->append("\r\n", 2);
}

// Finds the end of a "\r\n"-terminated line starting at data. Returns the line length
// (without \r\n), or npos-ish sentinels: kIncomplete when no '\n' yet, kGarbage on a bare
// '\n' or an over-long line.
constexpr std::size_t kIncomplete = static_cast<std::size_t>(-2);
std::size_t line_len(const char* data, std::size_t n) {
  const std::size_t lim = n < kMaxLine ? n : kMaxLine;
  const void* nl = std::memchr(data, '\n', lim);
  if (!nl) return n < kMaxLine ? kIncomplete : kGarbage;
  const std::size_t pos = static_cast<std::size_t>(static_cast<const char*>(nl) - data);
  if (pos == 0 || data[pos - 1] != '\r') return kGarbage;
  return pos - 1;
}

// Parses a signed decimal integer that spans all of s.
bool parse_int(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  bool neg = false;
  std::size_t i = 0;
  if (s[0] == '-') {
    neg = true;
    i = 1;
    if (s.size() == 1) return false;
  }
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = neg ? -v : v;
  return true;
}

bool starts(std::string_view line, std::string_view word) {
  return line.size() >= word.size() && line.compare(0, word.size(), word) == 0 &&
         (line.size() == word.size() || line[word.size()] == ' ');
}

// ---- RESP -------------------------------------------------------------------------------

std::size_t scan_resp(const char* data, std::size_t n, ReplyClass* cls, int depth) {
  if (n == 0) return 0;
  if (depth > kMaxDepth) return kGarbage;
  const std::size_t ll = line_len(data, n);
  if (ll == kIncomplete) return 0;
  if (ll == kGarbage || ll == 0) return kGarbage;
  const std::size_t head = ll + 2;
  const std::string_view rest(data + 1, ll - 1);
  switch (data[0]) {
    case '+': *cls = ReplyClass::kOk; return head;
    case '-': *cls = ReplyClass::kError; return head;
    case ':': case ',': case '#': case '(':
      *cls = ReplyClass::kValue;
      return head;
    case '_': *cls = ReplyClass::kNull; return head;
    case '$': case '!': case '=': {
      int64_t len = 0;
      if (!parse_int(rest, &len) || len < -1 || len > kMaxBulk) return kGarbage;
      if (len == -1) {
        if (data[0] != '$') return kGarbage;
        *cls = ReplyClass::kNull;
        return head;
      }
      const std::size_t total = head + static_cast<std::size_t>(len) + 2;
      if (n < total) return 0;
      if (data[total - 2] != '\r' || data[total - 1] != '\n') return kGarbage;
      *cls = data[0] == '!' ? ReplyClass::kError : ReplyClass::kValue;
      return total;
    }
    case '*': case '~': case '%': case '>': case '|': {
      int64_t count = 0;
      if (!parse_int(rest, &count) || count < -1 || count > (int64_t{1} << 24)) return kGarbage;
      if (count == -1) {
        if (data[0] != '*') return kGarbage;
        *cls = ReplyClass::kNull;
        return head;
      }
      if (data[0] == '%' || data[0] == '|') count *= 2;
      std::size_t off = head;
      for (int64_t i = 0; i < count; ++i) {
        ReplyClass inner;
        const std::size_t used = scan_resp(data + off, n - off, &inner, depth + 1);
        if (used == 0 || used == kGarbage) return used;
        off += used;
      }
      if (data[0] == '|') {  // an attribute precedes the real reply
        const std::size_t used = scan_resp(data + off, n - off, cls, depth + 1);
        if (used == 0 || used == kGarbage) return used;
        return off + used;
      }
      *cls = ReplyClass::kValue;
      return off;
    }
    default: return kGarbage;
  }
}

// ---- memcached text and meta --------------------------------------------------------------

// The status lines both text and meta may send. Returns false if `line` is none of them.
bool common_status(std::string_view line, ReplyClass* cls) {
  if (line == "ERROR" || starts(line, "CLIENT_ERROR") || starts(line, "SERVER_ERROR") ||
      starts(line, "ERROR")) {
    *cls = ReplyClass::kError;
    return true;
  }
  return false;
}

std::size_t scan_text(const char* data, std::size_t n, ReplyClass* cls) {
  std::size_t off = 0;
  bool got_value = false;
  for (;;) {
    if (off == n) return 0;
    const std::size_t ll = line_len(data + off, n - off);
    if (ll == kIncomplete) return 0;
    if (ll == kGarbage) return kGarbage;
    const std::string_view line(data + off, ll);
    if (starts(line, "VALUE")) {
      // VALUE <key> <flags> <bytes> [<cas>]
      std::string_view f = line.substr(6);
      std::string_view fields[4];
      int nf = 0;
      while (!f.empty() && nf < 4) {
        const auto sp = f.find(' ');
        fields[nf++] = f.substr(0, sp);
        f = sp == std::string_view::npos ? std::string_view() : f.substr(sp + 1);
      }
      int64_t bytes = 0;
      if (nf < 3 || !parse_int(fields[2], &bytes) || bytes < 0 || bytes > kMaxBulk) return kGarbage;
      const std::size_t end = off + ll + 2 + static_cast<std::size_t>(bytes) + 2;
      if (n < end) return 0;
      if (data[end - 2] != '\r' || data[end - 1] != '\n') return kGarbage;
      off = end;
      got_value = true;
      continue;
    }
    if (line == "END") {
      *cls = got_value ? ReplyClass::kValue : ReplyClass::kNull;
      return off + ll + 2;
    }
    if (got_value) return kGarbage;  // only VALUE or END may follow a VALUE block
    if (line == "STORED" || line == "DELETED" || line == "TOUCHED" || line == "OK") {
      *cls = ReplyClass::kOk;
    } else if (line == "NOT_STORED" || line == "EXISTS" || line == "NOT_FOUND") {
      *cls = ReplyClass::kFail;
    } else if (!common_status(line, cls)) {
      return kGarbage;
    }
    return ll + 2;
  }
}

std::size_t scan_meta(const char* data, std::size_t n, ReplyClass* cls) {
  const std::size_t ll = line_len(data, n);
  if (ll == kIncomplete) return 0;
  if (ll == kGarbage) return kGarbage;
  const std::string_view line(data, ll);
  if (starts(line, "VA")) {
    std::string_view sz = line.size() > 3 ? line.substr(3) : std::string_view();
    sz = sz.substr(0, sz.find(' '));
    int64_t bytes = 0;
    if (!parse_int(sz, &bytes) || bytes < 0 || bytes > kMaxBulk) return kGarbage;
    const std::size_t end = ll + 2 + static_cast<std::size_t>(bytes) + 2;
    if (n < end) return 0;
    if (data[end - 2] != '\r' || data[end - 1] != '\n') return kGarbage;
    *cls = ReplyClass::kValue;
    return end;
  }
  if (starts(line, "EN")) {
    *cls = ReplyClass::kNull;
  } else if (starts(line, "HD") || starts(line, "MN")) {
    *cls = ReplyClass::kOk;
  } else if (starts(line, "NS") || starts(line, "EX") || starts(line, "NF")) {
    *cls = ReplyClass::kFail;
  } else if (!common_status(line, cls)) {
    return kGarbage;
  }
  return ll + 2;
}

// ---- memcached binary -----------------------------------------------------------------------

constexpr std::size_t kBinHeader = 24;

std::size_t scan_binary(const char* data, std::size_t n, ReplyClass* cls) {
  if (n < kBinHeader) return 0;
  const auto* u = reinterpret_cast<const unsigned char*>(data);
  if (u[0] != 0x81) return kGarbage;
  const uint32_t body = (uint32_t{u[8]} << 24) | (uint32_t{u[9]} << 16) | (uint32_t{u[10]} << 8) | u[11];
  if (body > kMaxBulk) return kGarbage;
  const std::size_t total = kBinHeader + body;
  if (n < total) return 0;
  const uint16_t status = static_cast<uint16_t>((u[6] << 8) | u[7]);
  const uint8_t opcode = u[1];
  const bool is_get = opcode == 0x00 || opcode == 0x09 || opcode == 0x0c || opcode == 0x0d;
  switch (status) {
    case 0x0000: *cls = is_get ? ReplyClass::kValue : ReplyClass::kOk; break;
    case 0x0001: *cls = ReplyClass::kNull; break;           // key not found
    case 0x0002: case 0x0005: *cls = ReplyClass::kFail; break;  // exists, not stored
    default: *cls = ReplyClass::kError; break;
  }
  return total;
}

}  // namespace

const char* protocol_name(Protocol p) {
  switch (p) {
    case Protocol::kResp: return "resp";
    case Protocol::kText: return "text";
    case Protocol::kMeta: return "meta";
    case Protocol::kBinary: return "binary";
  }
  return "?";
}

bool parse_protocol(std::string_view s, Protocol* out) {
  if (s == "resp" || s == "redis") *out = Protocol::kResp;
  else if (s == "text" || s == "memcache" || s == "ascii") *out = Protocol::kText;
  else if (s == "meta") *out = Protocol::kMeta;
  else if (s == "binary") *out = Protocol::kBinary;
  else return false;
  return true;
}

void encode_request(Protocol p, Op op, std::string_view key, std::string_view value, std::string* out) {
  switch (p) {
    case Protocol::kResp:
      if (op == Op::kGet) {
        out->append("*2\r\n$3\r\nGET\r\n", 13);
        put_bulk(out, key);
      } else {
        out->append("*3\r\n$3\r\nSET\r\n", 13);
        put_bulk(out, key);
        put_bulk(out, value);
      }
      return;
    case Protocol::kText:
      if (op == Op::kGet) {
        out->append("get ", 4);
        out->append(key);
        out->append("\r\n", 2);
      } else {
        out->append("set ", 4);
        out->append(key);
        out->append(" 0 0 ", 5);
        put_dec(out, value.size());
        out->append("\r\n", 2);
        out->append(value);
        out->append("\r\n", 2);
      }
      return;
    case Protocol::kMeta:
      if (op == Op::kGet) {
        out->append("mg ", 3);
        out->append(key);
        out->append(" v\r\n", 4);
      } else {
        out->append("ms ", 3);
        out->append(key);
        out->push_back(' ');
        put_dec(out, value.size());
        out->append("\r\n", 2);
        out->append(value);
        out->append("\r\n", 2);
      }
      return;
    case Protocol::kBinary: {
      const bool set = op == Op::kSet;
      const uint8_t extras = set ? 8 : 0;
      const std::size_t body = extras + key.size() + (set ? value.size() : 0);
      out->push_back(static_cast<char>(0x80));
      out->push_back(static_cast<char>(set ? 0x01 : 0x00));
      put_u16(out, static_cast<uint16_t>(key.size()));
      out->push_back(static_cast<char>(extras));
      out->push_back(0);   // data type
      put_u16(out, 0);     // vbucket
      put_u32(out, static_cast<uint32_t>(body));
      put_u32(out, 0);     // opaque
      put_u32(out, 0);     // cas (8 bytes)
      put_u32(out, 0);
      if (set) {
        put_u32(out, 0);   // flags
        put_u32(out, 0);   // expiry
      }
      out->append(key);
      if (set) out->append(value);
      return;
    }
  }
}

std::size_t scan_reply(Protocol p, const char* data, std::size_t n, ReplyClass* cls) {
  switch (p) {
    case Protocol::kResp: return scan_resp(data, n, cls, 0);
    case Protocol::kText: return scan_text(data, n, cls);
    case Protocol::kMeta: return scan_meta(data, n, cls);
    case Protocol::kBinary: return scan_binary(data, n, cls);
  }
  return kGarbage;
}

}  // namespace larder_bench
