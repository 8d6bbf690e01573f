#include "upload/upload_config.h"

#include <sodium.h>

#include "core/error.h"
#include "core/json_file.h"

namespace kiosk::upload {
namespace {

// Reads one field with a range check; the error names file and field.
template <typename T>
T field(const nlohmann::json& object, const char* name, const std::string& where)
{
    if (!object.is_object() || !object.contains(name))
        throw ConfigError(where + ": missing field \"" + name + "\"");
    try {
        return object.at(name).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw ConfigError(where + ": field \"" + name + "\" has the wrong type");
    }
}

long long positive_ms(const nlohmann::json& object, const char* name, const std::string& where)
{
    const auto value = field<long long>(object, name, where);
    if (value <= 0)
        throw ConfigError(where + ": \"" + name + "\" must be above 0");
    return value;
}

} // namespace

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
    const std::string where = file.string();
    UploadConfig config;

    const auto& service = json.contains("service") ? json.at("service") : nlohmann::json();
    const std::string service_where = where + " service";
    config.service.host = field<std::string>(service, "host", service_where);
    config.service.port = field<int>(service, "port", service_where);
    if (config.service.host.empty())
        throw ConfigError(service_where + ": \"host\" is empty");
    if (config.service.port < 1 || config.service.port > 65535)
        throw ConfigError(service_where + ": \"port\" must be 1..65535");
    config.service.connect_timeout = std::chrono::milliseconds(positive_ms(service, "connect_timeout_ms", service_where));
    config.service.request_timeout = std::chrono::milliseconds(positive_ms(service, "request_timeout_ms", service_where));

    const auto& outbox = json.contains("outbox") ? json.at("outbox") : nlohmann::json();
    const std::string outbox_where = where + " outbox";
    config.spool_dir = field<std::string>(outbox, "spool_dir", outbox_where);
    const auto retention = field<int>(outbox, "retention_hours", outbox_where);
    if (retention < 0)
        throw ConfigError(outbox_where + ": \"retention_hours\" must be 0 or more");
    config.retention = std::chrono::hours(retention);
    config.housekeeping_interval =
        std::chrono::milliseconds(positive_ms(outbox, "housekeeping_interval_ms", outbox_where));

    const auto& backoff = outbox.contains("backoff") ? outbox.at("backoff") : nlohmann::json();
    const std::string backoff_where = outbox_where + " backoff";
    config.backoff.initial = std::chrono::milliseconds(positive_ms(backoff, "initial_ms", backoff_where));
    config.backoff.max = std::chrono::milliseconds(positive_ms(backoff, "max_ms", backoff_where));
    config.backoff.multiplier = field<double>(backoff, "multiplier", backoff_where);
    config.backoff.jitter = field<double>(backoff, "jitter", backoff_where);
    if (config.backoff.max < config.backoff.initial)
        throw ConfigError(backoff_where + ": \"max_ms\" is below \"initial_ms\"");
    if (config.backoff.multiplier < 1.0)
        throw ConfigError(backoff_where + ": \"multiplier\" must be 1 or more");
    if (config.backoff.jitter < 0.0 || config.backoff.jitter > 1.0)
        throw ConfigError(backoff_where + ": \"jitter\" must be within 0..1");

    config.secrets_file = field<std::string>(json, "secrets_file", where);
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
    using std::filesystem::perms;
    std::error_code error;
    const auto permissions = std::filesystem::status(file, error).permissions();
    if (error)
        throw ConfigError("cannot read " + file.string() + ": " + error.message());
    if ((permissions & (perms::group_all | perms::others_all)) != perms::none)
        throw ConfigError(file.string() + " is readable by others than its owner; chmod 600 it");

    const auto json = load_json_file(file);
    const std::string where = file.string();
    KioskSecrets secrets;
    secrets.kiosk_id = field<std::string>(json, "kiosk_id", where);
    const auto at_rest = decode_hex_key(field<std::string>(json, "at_rest_key_hex", where), where + " at_rest_key_hex");
    if (at_rest.size() != AtRestCipher::kKeySize)
        throw ConfigError(where + ": \"at_rest_key_hex\" must be " + std::to_string(AtRestCipher::kKeySize) +
                          " bytes (" + std::to_string(2 * AtRestCipher::kKeySize) + " hex digits)");
    std::copy(at_rest.begin(), at_rest.end(), secrets.at_rest_key.begin());
    secrets.signing_key = decode_hex_key(field<std::string>(json, "signing_key_hex", where), where + " signing_key_hex");
    if (secrets.signing_key.size() < 32)
        throw ConfigError(where + ": \"signing_key_hex\" must be at least 32 bytes (64 hex digits)");
    return secrets;
}

} // namespace kiosk::upload
