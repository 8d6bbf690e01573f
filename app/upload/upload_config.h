#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "upload/at_rest_cipher.h"
#include "upload/backoff_policy.h"

namespace kiosk::upload {

// Where the review service listens and how long the kiosk waits for it.
struct ServiceEndpoint {
    std::string host;
    int port = 0;
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds request_timeout{30000};
    // The review centre's CA in PEM. Set: HTTPS, and the service's
    // certificate must chain to this CA alone (the system's CAs are not
    // trusted) and name `host`. Empty: plain HTTP, for loopback only.
    std::filesystem::path ca_file{};
};

// config/upload/upload.json.
struct UploadConfig {
    ServiceEndpoint service;
    std::filesystem::path spool_dir;          // outbox database and sealed photos
    std::chrono::seconds retention{std::chrono::hours(72)};   // kept after acknowledgement, then deleted
    BackoffPolicy backoff;
    std::chrono::milliseconds housekeeping_interval{60000};   // longest idle sleep of the upload worker
    std::filesystem::path secrets_file;       // the kiosk's protected keys, see KioskSecrets
};

// The kiosk's protected config (mode 0600, owned by the kiosk user): its id
// and its two keys. Provisioned per kiosk by the fleet; never in the image.
struct KioskSecrets {
    std::string kiosk_id;
    AtRestCipher::Key at_rest_key{};       // seals the outbox on disk
    std::string signing_key;               // HMAC key shared with the review service (raw bytes)
};

// Throws ConfigError naming the file and field for anything missing or out of range.
UploadConfig load_upload_config(const std::filesystem::path& file);

// Throws ConfigError when the file is readable by group or others (a key
// anyone on the box can read protects nothing), or a key has the wrong size.
KioskSecrets load_kiosk_secrets(const std::filesystem::path& file);

// Hex text to bytes; throws ConfigError naming `what` when it is not hex.
std::string decode_hex_key(const std::string& hex, const std::string& what);

} // namespace kiosk::upload
