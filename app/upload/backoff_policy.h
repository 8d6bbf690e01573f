#pragma once

#include <chrono>

namespace kiosk::upload {

// How long to wait before the next attempt after `failures` failed ones.
// The wait doubles (by `multiplier`) up to `max`, and a random part of it
// (`jitter`, 0..1) is taken off so a fleet of kiosks coming back after the
// same outage does not hit the service in one wave.
struct BackoffPolicy {
    std::chrono::milliseconds initial{2000};
    std::chrono::milliseconds max{600000};
    double multiplier = 2.0;
    double jitter = 0.5;

    // `unit_random` is uniform in [0, 1); passed in so tests can pin it.
    std::chrono::milliseconds delay_after(int failures, double unit_random) const;
};

} // namespace kiosk::upload
