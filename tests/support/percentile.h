#pragma once
// The p-th percentile (0…1) of latencies, nearest rank; 0 for none. For the benchmarks'
// figures (bench/), which run with the test support library.

#include <algorithm>
#include <vector>

namespace onestop::test {

inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

}  // namespace onestop::test
