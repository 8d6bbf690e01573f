#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::health {

// What the health endpoint accepts before it refuses or hangs up.
struct EndpointLimits {
    std::size_t max_request_bytes = 8192;   // request line and headers; a GET has no body
    int max_connections = 8;                // open at once; more are closed on accept
    std::chrono::milliseconds read_timeout{5000};
};

// config/health/health.json.
struct HealthConfig {
    std::string address;                    // where /healthz, /readyz and /metrics listen
    int port = 0;                           // 0: any free port (tests)
    // The scrapers' bearer token, see load_bearer_token; empty when the file
    // names none (the demo's profile makes the kiosk generate one per run).
    std::filesystem::path token_file;
    std::size_t min_token_chars = 32;
    EndpointLimits limits;
    std::vector<double> live_frame_latency_buckets_s;
};

// Throws ConfigError naming the file and field for anything missing or out of range.
HealthConfig load_health_config(const std::filesystem::path& file);

// The token scrapers present as "Authorization: Bearer <token>", from a
// private JSON file {"bearer_token": "..."} (mode 0600, owner only). Throws
// ConfigError when others may read the file or the token is shorter than
// `min_chars` or holds characters a header cannot carry.
std::string load_bearer_token(const std::filesystem::path& file, std::size_t min_chars);

} // namespace kiosk::health
