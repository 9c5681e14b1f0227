// Log-bucketed latency histogram (HdrHistogram-style): values below 2^kSubBits are exact,
// above that every power of two is split into 2^kSubBits linear sub-buckets, so any
// recorded value is known to within 1/2^kSubBits (1.6%) of itself. Fixed size, no
// allocation while recording; per-thread instances are merged at the end.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace larder_bench {

class Histogram {
 public:
  static constexpr int kSubBits = 6;
  static constexpr std::size_t kSub = std::size_t{1} << kSubBits;
  static constexpr std::size_t kBuckets = (64 - kSubBits + 1) * kSub;

  void record(uint64_t v, uint64_t n = 1);
  void merge(const Histogram& o);

  uint64_t count() const { return count_; }
  uint64_t min() const { return count_ ? min_ : 0; }
  uint64_t max() const { return max_; }
  double mean() const { return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0; }
  // Smallest bucket upper bound at or below which `p` percent of the values lie (p in
  // [0, 100]), clamped to the exact max. 0 for an empty histogram.
  uint64_t percentile(double p) const;

  static std::size_t index_of(uint64_t v);
  static uint64_t bucket_low(std::size_t i);
  static uint64_t bucket_high(std::size_t i);

 private:
  std::array<uint64_t, kBuckets> counts_{};
  uint64_t count_ = 0;
  uint64_t sum_ = 0;
  uint64_t min_ = UINT64_MAX;
  uint64_t max_ = 0;
};

}  // namespace larder_bench
