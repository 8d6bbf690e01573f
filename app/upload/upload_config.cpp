#include "upload/upload_config.h"

#include <cmath>

#include <sodium.h>

#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::upload {

std::string decode_hex_key(const std::string& hex, const std::string& what)
{
    std::string bytes(hex.size() / 2, '\0');
    std::size_t length = 0;
    if (hex.size() % 2 != 0 ||
        sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(), hex.size(), nullptr,
                       &length, nullptr) != 0 ||
        length != bytes.size())
        throw ConfigError(what + " is not hexadecimal");
    return bytes;
}

UploadConfig load_upload_config(const std::filesystem::path& file)
{
    const auto json = load_json_file(file);
    const JsonFields root(file.string(), json);
    UploadConfig config;

    const JsonFields service = root.child("service");
    config.service.host = service.text("host");
    config.service.port = service.whole_number("port", 1, 65535);
    config.service.connect_timeout = service.millis("connect_timeout_ms");
    config.service.request_timeout = service.millis("request_timeout_ms");
    if (service.find("ca_file")) {
        config.service.ca_file = service.text("ca_file");
        if (config.service.ca_file.is_relative())
            config.service.ca_file = file.parent_path() / config.service.ca_file;
    }

    const JsonFields outbox = root.child("outbox");
    config.spool_dir = outbox.text("spool_dir");
    // Fractions of an hour are allowed, so a test or a trial can keep
    // acknowledged photos for seconds rather than days.
    const double retention_hours = outbox.number("retention_hours");
    if (retention_hours < 0.0 || retention_hours > 24.0 * 366)
        outbox.fail("retention_hours", "must be within 0..8784");
    config.retention = std::chrono::seconds(std::llround(retention_hours * 3600));
    config.housekeeping_interval = outbox.millis("housekeeping_interval_ms");

    const JsonFields backoff = outbox.child("backoff");
    config.backoff.initial = backoff.millis("initial_ms");
    config.backoff.max = backoff.millis("max_ms");
    config.backoff.multiplier = backoff.number("multiplier");
    config.backoff.jitter = backoff.number("jitter");
    if (config.backoff.max < config.backoff.initial)
        backoff.fail("max_ms", "is below initial_ms");
    if (config.backoff.multiplier < 1.0)
        backoff.fail("multiplier", "must be 1 or more");
    if (config.backoff.jitter < 0.0 || config.backoff.jitter > 1.0)
        backoff.fail("jitter", "must be within 0..1");

    config.secrets_file = root.text("secrets_file");
    // A relative secrets path is read beside the config that names it, so a
    // test or a technician can keep both in one folder.
    if (config.secrets_file.is_relative())
        config.secrets_file = file.parent_path() / config.secrets_file;
    if (config.spool_dir.is_relative())
        config.spool_dir = file.parent_path() / config.spool_dir;
    return config;
}

KioskSecrets load_kiosk_secrets(const std::filesystem::path& file)
{
    const auto json = load_private_json_file(file);
    const JsonFields root(file.string(), json);
    const std::string& where = root.where();
    KioskSecrets secrets;
    secrets.kiosk_id = root.text("kiosk_id");
    const auto at_rest = decode_hex_key(root.text("at_rest_key_hex"), where + " at_rest_key_hex");
    if (at_rest.size() != AtRestCipher::kKeySize)
        throw ConfigError(where + ": \"at_rest_key_hex\" must be " + std::to_string(AtRestCipher::kKeySize) +
                          " bytes (" + std::to_string(2 * AtRestCipher::kKeySize) + " hex digits)");
    std::copy(at_rest.begin(), at_rest.end(), secrets.at_rest_key.begin());
    secrets.signing_key = decode_hex_key(root.text("signing_key_hex"), where + " signing_key_hex");
    if (secrets.signing_key.size() < 32)
        throw ConfigError(where + ": \"signing_key_hex\" must be at least 32 bytes (64 hex digits)");
    return secrets;
}

} // namespace kiosk::upload
