#include "metrics.h"

#include <cstdio>

namespace onestop::hub {

void LatencyHistogram::observe(std::chrono::nanoseconds duration) {
    double seconds = std::chrono::duration<double>(duration).count();
    for (size_t i = 0; i < kBounds.size(); ++i)
        if (seconds <= kBounds[i]) buckets_[i].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_ns_.fetch_add(static_cast<uint64_t>(duration.count()), std::memory_order_relaxed);
}

std::string LatencyHistogram::render(const std::string& name) const {
    std::string out = "# HELP " + name +
                      " Time to answer an HTTP request (event streams: until the stream starts).\n";
    out += "# TYPE " + name + " histogram\n";
    char line[160];
    for (size_t i = 0; i < kBounds.size(); ++i) {
        std::snprintf(line, sizeof line, "%s_bucket{le=\"%g\"} %llu\n", name.c_str(), kBounds[i],
                      static_cast<unsigned long long>(buckets_[i].load()));
        out += line;
    }
    uint64_t count = count_.load();
    std::snprintf(line, sizeof line, "%s_bucket{le=\"+Inf\"} %llu\n", name.c_str(),
                  static_cast<unsigned long long>(count));
    out += line;
    std::snprintf(line, sizeof line, "%s_sum %.9f\n", name.c_str(), sum_ns_.load() / 1e9);
    out += line;
    std::snprintf(line, sizeof line, "%s_count %llu\n", name.c_str(),
                  static_cast<unsigned long long>(count));
    out += line;
    return out;
}

}  // namespace onestop::hub
