#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>

namespace kiosk::ctl {

// config/fleet/fleet.json: how `kioskctl fleet` polls kiosks.
struct FleetSettings {
    std::chrono::milliseconds timeout{2000};   // per kiosk: resolve, connect, both requests and answers
    int parallel = 8;                          // kiosks polled at once
    std::size_t max_response_bytes = 1 << 20;
    std::size_t min_token_chars = 32;

    // Throws ConfigError naming the file and field.
    static FleetSettings load(const std::filesystem::path& file);
};

} // namespace kiosk::ctl
