#include "kiosk-ui/latency_stats.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

LatencyWindow::LatencyWindow(std::size_t window) : window_(std::max<std::size_t>(1, window))
{
    samples_.reserve(window_);
}

void LatencyWindow::add(std::chrono::microseconds sample)
{
    if (samples_.size() < window_) {
        samples_.push_back(sample);
        return;
    }
    samples_[next_] = sample;
    next_ = (next_ + 1) % window_;
}

LatencySummary LatencyWindow::summary() const
{
    LatencySummary s;
    s.count = samples_.size();
    if (samples_.empty())
        return s;
    auto sorted = samples_;
    std::sort(sorted.begin(), sorted.end());
    // Nearest-rank percentiles: every reported figure is a real sample.
    const auto rank = [&](double p) {
        const auto r = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
        return sorted[std::clamp<std::size_t>(r, 1, sorted.size()) - 1];
    };
    s.median = rank(0.5);
    s.p90 = rank(0.9);
    s.max = sorted.back();
    return s;
}

} // namespace kiosk::ui
