#include "upload/backoff_policy.h"

#include <algorithm>
#include <cmath>

namespace kiosk::upload {

std::chrono::milliseconds BackoffPolicy::delay_after(int failures, double unit_random) const
{
    // Computed in double and capped before converting, so a long outage
    // (hundreds of failures) cannot overflow the exponent into nonsense.
    const double exponent = std::max(0, failures - 1);
    const double uncapped = static_cast<double>(initial.count()) * std::pow(multiplier, exponent);
    const double ceiling = std::min(uncapped, static_cast<double>(max.count()));
    const double waited = ceiling * (1.0 - jitter * std::clamp(unit_random, 0.0, 1.0));
    return std::chrono::milliseconds(static_cast<long long>(waited));
}

} // namespace kiosk::upload
