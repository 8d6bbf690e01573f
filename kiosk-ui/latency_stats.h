#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

namespace kiosk::ui {

struct LatencySummary {
    std::size_t count = 0; // samples summarised (the newest, at most the window)
    std::chrono::microseconds median{0};
    std::chrono::microseconds p90{0};
    std::chrono::microseconds max{0};
};

// The newest `window` latency samples, kept in a ring so a kiosk running for
// weeks holds a fixed amount of memory.
class LatencyWindow {
public:
    explicit LatencyWindow(std::size_t window);

    void add(std::chrono::microseconds sample);
    LatencySummary summary() const;

private:
    std::size_t window_;
    std::vector<std::chrono::microseconds> samples_;
    std::size_t next_ = 0;
};

} // namespace kiosk::ui
