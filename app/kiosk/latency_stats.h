#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <vector>

namespace kiosk::runtime {

struct LatencySummary {
    std::size_t count = 0;
    double median_ms = 0;
    double p90_ms = 0;
    double max_ms = 0;
};

// The newest latencies (a fixed number, so a kiosk running for weeks holds a
// fixed amount), added on one thread and summarised on another.
class LatencyStats {
public:
    explicit LatencyStats(std::size_t window = 4096) : window_(window) {}

    void add(std::chrono::steady_clock::duration latency);
    LatencySummary summary() const;

private:
    std::size_t window_;
    mutable std::mutex mutex_;
    std::vector<double> samples_ms_;
    std::size_t next_ = 0;   // the slot the next sample replaces once the window is full
};

} // namespace kiosk::runtime
