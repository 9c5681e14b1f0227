#include "workload.h"

#include "strcat.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>

namespace larder_bench {
namespace {

bool parse_u64(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::size_t digits_of(uint64_t v) {
  std::size_t d = 1;
  while (v >= 10) {
    v /= 10;
    ++d;
  }
  return d;
}

uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

std::string SizeRange::str() const {
  std::string s = std::to_string(lo);
  if (!fixed()) {
    s += '-';
    s += std::to_string(hi);
  }
  return s;
}

bool parse_size_range(std::string_view s, SizeRange* out, std::string* err) {
  uint64_t lo = 0, hi = 0;
  const auto dash = s.find('-');
  bool ok = dash == std::string_view::npos ? parse_u64(s, &lo) && (hi = lo, true)
                                           : parse_u64(s.substr(0, dash), &lo) &&
                                                 parse_u64(s.substr(dash + 1), &hi);
  if (!ok || lo == 0 || hi < lo || hi > (uint64_t{1} << 30)) {
    *err = cat("bad size '", s, "' (want N or A-B, 1 <= A <= B <= 2^30)");
    return false;
  }
  out->lo = static_cast<uint32_t>(lo);
  out->hi = static_cast<uint32_t>(hi);
  return true;
}

std::string DistSpec::str() const {
  switch (kind) {
    case Distribution::kUniform: return "uniform";
    case Distribution::kSequential: return "sequential";
    case Distribution::kZipf: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "zipf:%g", theta);
      return buf;
    }
  }
  return "?";
}

bool parse_distribution(std::string_view s, DistSpec* out, std::string* err) {
  if (s == "uniform") {
    out->kind = Distribution::kUniform;
    return true;
  }
  if (s == "sequential") {
    out->kind = Distribution::kSequential;
    return true;
  }
  if (s == "zipf") {
    out->kind = Distribution::kZipf;
    out->theta = 0.99;
    return true;
  }
  if (s.substr(0, 5) == "zipf:") {
    const std::string t(s.substr(5));
    char* end = nullptr;
    const double theta = std::strtod(t.c_str(), &end);
    if (!t.empty() && end == t.c_str() + t.size() && theta > 0.0 && theta < 1.0) {
      out->kind = Distribution::kZipf;
      out->theta = theta;
      return true;
    }
  }
  *err = cat("bad distribution '", s, "' (want uniform, sequential or zipf:THETA with 0 < THETA < 1)");
  return false;
}

std::string Ratio::str() const {
  std::string s = std::to_string(get);
  s += ':';
  s += std::to_string(set);
  return s;
}

bool parse_ratio(std::string_view s, Ratio* out, std::string* err) {
  const auto colon = s.find(':');
  uint64_t g = 0, st = 0;
  if (colon == std::string_view::npos || !parse_u64(s.substr(0, colon), &g) ||
      !parse_u64(s.substr(colon + 1), &st) || g + st == 0 || g > 1000000 || st > 1000000) {
    *err = cat("bad ratio '", s, "' (want GET:SET, e.g. 9:1, 1:0, 0:1)");
    return false;
  }
  out->get = static_cast<uint32_t>(g);
  out->set = static_cast<uint32_t>(st);
  return true;
}

Rng::Rng(uint64_t seed) {
  uint64_t x = seed;
  for (auto& s : s_) {
    x += 0x9e3779b97f4a7c15ULL;
    s = mix64(x);
  }
}

uint64_t Rng::next() {
  auto rotl = [](uint64_t v, int k) { return (v << k) | (v >> (64 - k)); };
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

uint64_t Rng::below(uint64_t n) {
  // Lemire's multiply-shift; the tiny bias is irrelevant for load generation.
  return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
}

double Rng::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

Zipf::Zipf(uint64_t n, double theta) : n_(n), theta_(theta) {
  double zeta2 = 0, zetan = 0;
  for (uint64_t i = 1; i <= n; ++i) {
    const double term = 1.0 / std::pow(static_cast<double>(i), theta);
    zetan += term;
    if (i <= 2) zeta2 += term;
  }
  zetan_ = zetan;
  alpha_ = 1.0 / (1.0 - theta);
  eta_ = n > 1 ? (1.0 - std::pow(2.0 / static_cast<double>(n), 1.0 - theta)) / (1.0 - zeta2 / zetan) : 0.0;
  half_pow_theta_ = std::pow(0.5, theta);
}

uint64_t Zipf::rank(double u) const {
  const double uz = u * zetan_;
  if (uz < 1.0 || n_ == 1) return 0;
  if (uz < 1.0 + half_pow_theta_) return 1;
  const auto r = static_cast<uint64_t>(static_cast<double>(n_) * std::pow(eta_ * u - eta_ + 1.0, alpha_));
  return r < n_ ? r : n_ - 1;
}

KeyChooser::KeyChooser(uint64_t keyspace, DistSpec dist) : keyspace_(keyspace ? keyspace : 1), dist_(dist) {
  if (dist_.kind == Distribution::kZipf) zipf_ = std::make_unique<Zipf>(keyspace_, dist_.theta);
}

uint64_t KeyChooser::next(Rng& rng) {
  switch (dist_.kind) {
    case Distribution::kUniform: return rng.below(keyspace_);
    case Distribution::kSequential: return seq_.fetch_add(1, std::memory_order_relaxed) % keyspace_;
    case Distribution::kZipf: {
      // 2654435761 is prime and > any keyspace we accept, so multiplying by it mod n is a
      // bijection on [0, n).
      const uint64_t r = zipf_->rank(rng.unit());
      return static_cast<uint64_t>((static_cast<unsigned __int128>(r) * 2654435761ULL) % keyspace_);
    }
  }
  return 0;
}

KeyFormatter::KeyFormatter(std::string prefix, SizeRange size, uint64_t keyspace)
    : prefix_(std::move(prefix)), size_(size), digits_(digits_of(keyspace ? keyspace - 1 : 0)) {
  const std::size_t floor = prefix_.size() + digits_;
  min_len_ = std::max<std::size_t>(size_.lo, floor);
  max_len_ = std::max<std::size_t>(size_.hi, floor);
}

std::size_t KeyFormatter::format(uint64_t index, char* buf) const {
  std::size_t len = size_.lo;
  if (!size_.fixed()) len += static_cast<std::size_t>(mix64(index) % (size_.hi - size_.lo + 1));
  len = std::max(len, prefix_.size() + digits_);
  std::memcpy(buf, prefix_.data(), prefix_.size());
  char* p = buf + len;
  char* const start = buf + prefix_.size();
  do {
    *--p = static_cast<char>('0' + index % 10);
    index /= 10;
  } while (index && p > start);
  while (p > start) *--p = '0';
  return len;
}

}  // namespace larder_bench
