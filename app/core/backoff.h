#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

namespace kiosk {

// How long to wait between attempts to reopen a device that is missing, was
// unplugged or faulted: short at first (a cable wiggle), growing to a ceiling
// so a dead port does not keep the USB stack busy. The camera and the
// light/seat controller read theirs from config/camera/*.json and
// config/lightseat/controller.json.
struct BackoffSettings {
    std::chrono::milliseconds initial{250};
    std::chrono::milliseconds maximum{5000};
    double factor = 2.0;

    // Reads {"initial_ms", "max_ms", "factor"}; throws ConfigError naming
    // `where` and the field when a value is missing or impossible.
    static BackoffSettings from_json(const nlohmann::json& j, const std::string& where);

    // The wait before attempt number `attempt` (0 for the first retry).
    std::chrono::milliseconds delay(int attempt) const;
};

class Backoff {
public:
    explicit Backoff(BackoffSettings settings) : settings_(settings) {}

    // The wait before the next attempt; each call lengthens the following one.
    std::chrono::milliseconds next_delay();
    // Attempts made since the last success.
    int attempts() const { return attempts_; }
    void reset() { attempts_ = 0; }

private:
    BackoffSettings settings_;
    int attempts_ = 0;
};

} // namespace kiosk
