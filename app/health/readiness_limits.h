#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

namespace kiosk::health {

// When the kiosk program reports itself not ready, from the "readiness"
// section of its health config (the endpoint alone does not need it).
struct ReadinessLimits {
    // How often the printer, the outbox and the disk are looked at.
    std::chrono::milliseconds poll_interval{5000};
    // A submission waiting longer than this means uploads are stuck.
    std::chrono::seconds outbox_oldest_pending_max{3600};
    // Below this the outbox and the print journal may fail to write.
    std::uintmax_t disk_free_min_bytes = 0;
    // Without the light/seat board the session still serves, without seat and
    // light help; whether that counts as not ready is the operator's call.
    bool controller_blocks = false;
};

// Throws ConfigError naming the file and field.
ReadinessLimits load_readiness_limits(const std::filesystem::path& health_config);

} // namespace kiosk::health
