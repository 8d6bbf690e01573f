#include "health/health_config.h"

#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "health/metrics_registry.h"

namespace kiosk::health {

HealthConfig load_health_config(const std::filesystem::path& file)
{
    const auto json = load_json_file(file);
    const JsonFields root(file.string(), json);
    HealthConfig config;

    const JsonFields listen = root.child("listen");
    config.address = listen.text("address");
    config.port = listen.whole_number("port", 0, 65535);

    if (root.find("token_file")) {
        config.token_file = root.text("token_file");
        // Relative to this file, so a test or a technician keeps both in one folder.
        if (config.token_file.is_relative())
            config.token_file = file.parent_path() / config.token_file;
    }
    config.min_token_chars = static_cast<std::size_t>(root.whole_number("min_token_chars", 16, 4096));

    const JsonFields limits = root.child("limits");
    config.limits.max_request_bytes = static_cast<std::size_t>(limits.whole_number("max_request_bytes", 512, 1 << 20));
    config.limits.max_connections = limits.whole_number("max_connections", 1, 1024);
    config.limits.read_timeout = limits.millis("read_timeout_ms");

    const nlohmann::json& buckets = root.require("live_frame_latency_buckets_s");
    if (!buckets.is_array())
        root.fail("live_frame_latency_buckets_s", "must be a list of seconds");
    for (const auto& bound : buckets) {
        if (!bound.is_number())
            root.fail("live_frame_latency_buckets_s", "must hold numbers only");
        config.live_frame_latency_buckets_s.push_back(bound.get<double>());
    }
    try {
        Histogram::check_bounds(config.live_frame_latency_buckets_s);
    } catch (const InputError& error) {
        root.fail("live_frame_latency_buckets_s", error.what());
    }
    return config;
}

std::string load_bearer_token(const std::filesystem::path& file, std::size_t min_chars)
{
    const auto json = load_private_json_file(file);
    const JsonFields root(file.string(), json);
    std::string token = root.text("bearer_token");
    if (token.size() < min_chars)
        root.fail("bearer_token", "is shorter than " + std::to_string(min_chars) + " characters");
    // RFC 6750's token68 alphabet: what fits in a header without quoting.
    for (char c : token) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                             c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
        if (!allowed)
            root.fail("bearer_token", "may hold only letters, digits and - . _ ~ + / =");
    }
    return token;
}

} // namespace kiosk::health
