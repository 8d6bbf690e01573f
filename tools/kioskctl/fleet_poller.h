#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fleet_inventory.h"
#include "fleet_settings.h"
#include "health/exposition_parser.h"

namespace kiosk::ctl {

// What one kiosk's health endpoint said, or why it said nothing usable.
struct KioskAnswer {
    bool answered = false;         // an HTTP answer to /readyz arrived (even a 401)
    std::string error;             // empty when /readyz and /metrics were both usable
    std::optional<bool> ready;     // known once /readyz answered 200 or 503
    std::map<std::string, std::string> reasons;               // source -> reason code, when not ready
    std::map<std::string, health::ParsedFamily> metrics;      // empty when /metrics was not read
    std::chrono::milliseconds took{0};
};

// Asks every kiosk for /readyz and then /metrics over one connection (a second
// one if the kiosk closes the first), on one io_context in the calling thread:
// at most `settings.parallel` kiosks at once, each given `settings.timeout`
// from resolving its name to the last byte, so a dead or silent kiosk costs
// its slot that long and no more. Answers come back in inventory order.
std::vector<KioskAnswer> poll_fleet(const std::vector<FleetKiosk>& kiosks, const FleetSettings& settings);

} // namespace kiosk::ctl
