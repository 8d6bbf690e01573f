#include "fleet_settings.h"

#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::ctl {

FleetSettings FleetSettings::load(const std::filesystem::path& file)
{
    const auto json = load_json_file(file);
    const JsonFields root(file.string(), json);
    FleetSettings settings;
    settings.timeout = root.millis("timeout_ms");
    settings.parallel = root.whole_number("parallel", 1, 1024);
    settings.max_response_bytes = static_cast<std::size_t>(root.whole_number("max_response_bytes", 4096, 64 << 20));
    settings.min_token_chars = static_cast<std::size_t>(root.whole_number("min_token_chars", 16, 4096));
    return settings;
}

} // namespace kiosk::ctl
