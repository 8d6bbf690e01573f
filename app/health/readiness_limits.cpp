#include "health/readiness_limits.h"

#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::health {

ReadinessLimits load_readiness_limits(const std::filesystem::path& health_config)
{
    const auto json = load_json_file(health_config);
    const JsonFields section = JsonFields(health_config.string(), json).child("readiness");
    ReadinessLimits limits;
    limits.poll_interval = section.millis("poll_interval_ms");
    limits.outbox_oldest_pending_max = std::chrono::seconds(section.positive_int("outbox_oldest_pending_max_s"));
    limits.disk_free_min_bytes = static_cast<std::uintmax_t>(section.positive("disk_free_min_mb") * 1024 * 1024);
    const auto* blocks = section.find("controller_blocks");
    if (!blocks || !blocks->is_boolean())
        section.fail("controller_blocks", "must be true or false");
    limits.controller_blocks = blocks->get<bool>();
    return limits;
}

} // namespace kiosk::health
