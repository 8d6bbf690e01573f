#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <vector>

namespace kiosk {

struct LatencySummary {
    std::size_t count = 0;   // samples summarised (the newest, at most the window)
    std::chrono::microseconds median{0};
    std::chrono::microseconds p90{0};
    std::chrono::microseconds max{0};
};

// The newest `window` latency samples, kept in a ring so a kiosk running for
// weeks holds a fixed amount of memory. Samples are added on one thread (the
// session's, the screen's) and summarised on another (a report, a health
// probe), so both sides take a lock; an add is a store into the ring.
class LatencyWindow {
public:
    explicit LatencyWindow(std::size_t window);

    void add(std::chrono::microseconds sample);
    // Nearest-rank percentiles: every figure reported is a real sample.
    LatencySummary summary() const;

private:
    std::size_t window_;
    mutable std::mutex mutex_;
    std::vector<std::chrono::microseconds> samples_;
    std::size_t next_ = 0;   // the slot the next sample replaces once the window is full
};

} // namespace kiosk
