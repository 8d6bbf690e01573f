#include "kiosk/latency_stats.h"

#include <algorithm>

namespace kiosk::runtime {

void LatencyStats::add(std::chrono::steady_clock::duration latency)
{
    const double ms = std::chrono::duration<double, std::milli>(latency).count();
    std::lock_guard lock(mutex_);
    if (samples_ms_.size() < window_) {
        samples_ms_.push_back(ms);
        return;
    }
    samples_ms_[next_] = ms;
    next_ = (next_ + 1) % window_;
}

LatencySummary LatencyStats::summary() const
{
    std::vector<double> sorted;
    {
        std::lock_guard lock(mutex_);
        sorted = samples_ms_;
    }
    if (sorted.empty())
        return {};
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&](double q) { return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))]; };
    return {sorted.size(), at(0.5), at(0.9), sorted.back()};
}

} // namespace kiosk::runtime
