#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace kiosk::review {

// Sizes the service accepts; anything larger is refused with 413 and a reason.
struct InputLimits {
    std::size_t max_body_bytes = 0;        // whole request body, checked while reading
    std::size_t max_photo_bytes = 0;       // decoded JPEG
    std::size_t max_assessment_bytes = 0;  // the assessment object as compact JSON
    std::size_t max_id_chars = 0;          // spec and city ids
    std::chrono::milliseconds read_timeout{30000};   // a stalled client is cut off after this
};

// The service's own certificate for TLS: the chain in PEM (its certificate
// first, then any intermediates up to the CA the kiosks pin) and its key.
struct TlsFiles {
    std::filesystem::path certificate_chain_file;
    std::filesystem::path private_key_file;
};

// config/review-server/server.json.
struct ServerConfig {
    std::string listen_address;
    std::uint16_t port = 0;                 // 0: any free port, printed at start
    std::filesystem::path data_dir;         // review.db and photos/
    std::filesystem::path kiosk_keys_file;  // see load_kiosk_keys
    std::filesystem::path applicant_key_file;   // see applicant_key.h
    std::filesystem::path reviewing_file;   // reviewer settings, see reviewing_config.h
    std::optional<TlsFiles> tls;            // absent: plain HTTP, for loopback or behind a TLS proxy
    std::chrono::seconds max_clock_skew{300};
    InputLimits limits;
};

// Throws ConfigError naming the file and field. Relative paths are read
// beside the file. Without "reviewing_file" the shipped
// config/review-server/reviewing.json is used; without "applicant_key_file",
// applicant-key.json beside the kiosk key file.
ServerConfig load_server_config(const std::filesystem::path& file);

// The kiosks allowed to submit and each one's signing key:
// {"kiosks": {"GZ001": "<hex key>", ...}}. Refused (ConfigError) when others
// than the owner can read it, or a key is short or not hex.
std::map<std::string, std::string> load_kiosk_keys(const std::filesystem::path& file);

} // namespace kiosk::review
