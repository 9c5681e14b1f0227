#include "histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace larder_bench {

std::size_t Histogram::index_of(uint64_t v) {
  if (v < kSub) return static_cast<std::size_t>(v);
  const int msb = 63 - std::countl_zero(v);           // >= kSubBits
  const int shift = msb - kSubBits;                    // >= 0
  const uint64_t mant = v >> shift;                    // in [kSub, 2*kSub)
  return static_cast<std::size_t>(shift + 1) * kSub + static_cast<std::size_t>(mant - kSub);
}

uint64_t Histogram::bucket_low(std::size_t i) {
  if (i < kSub) return i;
  const std::size_t group = i / kSub;                  // >= 1
  const uint64_t mant = kSub + i % kSub;
  return mant << (group - 1);
}

uint64_t Histogram::bucket_high(std::size_t i) {
  if (i < kSub) return i;
  const std::size_t group = i / kSub;
  return bucket_low(i) + ((uint64_t{1} << (group - 1)) - 1);
}

void Histogram::record(uint64_t v, uint64_t n) {
  if (n == 0) return;
  counts_[index_of(v)] += n;
  count_ += n;
  sum_ += v * n;
  min_ = std::min(min_, v);
  max_ = std::max(max_, v);
}

void Histogram::merge(const Histogram& o) {
  for (std::size_t i = 0; i < kBuckets; ++i) counts_[i] += o.counts_[i];
  count_ += o.count_;
  sum_ += o.sum_;
  min_ = std::min(min_, o.min_);
  max_ = std::max(max_, o.max_);
}

uint64_t Histogram::percentile(double p) const {
  if (count_ == 0) return 0;
  p = std::clamp(p, 0.0, 100.0);
  uint64_t target = static_cast<uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_)));
  target = std::clamp<uint64_t>(target, 1, count_);
  uint64_t seen = 0;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (seen >= target) return std::clamp(bucket_high(i), min(), max_);
  }
  return max_;
}

}  // namespace larder_bench
