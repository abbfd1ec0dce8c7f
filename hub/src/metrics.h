#pragma once
// Request latency histogram for /metrics (Prometheus text format). The other
// figures (tickets issued, calls, waiting, subscribers) are read from the state.

#include <array>
#include <atomic>
#include <chrono>
#include <string>

namespace onestop::hub {

class LatencyHistogram {
  public:
    static constexpr std::array<double, 12> kBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                       0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    void observe(std::chrono::nanoseconds duration);
    // The metric's lines: _bucket{le=…}, _sum, _count.
    std::string render(const std::string& name) const;

  private:
    std::array<std::atomic<uint64_t>, kBounds.size()> buckets_{};
    std::atomic<uint64_t> count_{0};
    std::atomic<uint64_t> sum_ns_{0};
};

}  // namespace onestop::hub
