// SPDX-License-Identifier: GPL-3.0-or-later
// Order statistics the benchmarks print: medians (the brief's figure) and a high percentile.
#pragma once
#include <algorithm>
#include <vector>

namespace overum::testing {

inline double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

inline double median(std::vector<double> v) { return percentile(std::move(v), 0.5); }

}  // namespace overum::testing
