#include "core/latency_window.h"

#include <algorithm>
#include <cmath>

namespace kiosk {

LatencyWindow::LatencyWindow(std::size_t window) : window_(std::max<std::size_t>(1, window))
{
    samples_.reserve(window_);
}

void LatencyWindow::add(std::chrono::microseconds sample)
{
    std::lock_guard lock(mutex_);
    if (samples_.size() < window_) {
        samples_.push_back(sample);
        return;
    }
    samples_[next_] = sample;
    next_ = (next_ + 1) % window_;
}

LatencySummary LatencyWindow::summary() const
{
    std::vector<std::chrono::microseconds> sorted;
    {
        std::lock_guard lock(mutex_);
        sorted = samples_;
    }
    LatencySummary s;
    s.count = sorted.size();
    if (sorted.empty())
        return s;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = [&](double p) {
        const auto r = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
        return sorted[std::clamp<std::size_t>(r, 1, sorted.size()) - 1];
    };
    s.median = rank(0.5);
    s.p90 = rank(0.9);
    s.max = sorted.back();
    return s;
}

} // namespace kiosk
