#include "server_config.h"

#include "core/error.h"
#include "core/json_file.h"
#include "receipt/receipt_number.h"
#include "upload/upload_config.h"

namespace kiosk::review {
namespace {

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

std::size_t positive(const nlohmann::json& object, const char* name, const std::string& where)
{
    const auto value = field<long long>(object, name, where);
    if (value <= 0)
        throw ConfigError(where + ": \"" + name + "\" must be above 0");
    return static_cast<std::size_t>(value);
}

std::filesystem::path beside(const std::filesystem::path& file, const std::filesystem::path& path)
{
    return path.is_relative() ? file.parent_path() / path : path;
}

} // namespace

ServerConfig load_server_config(const std::filesystem::path& file)
{
    const auto json = load_json_file(file);
    const std::string where = file.string();
    ServerConfig config;
    const auto& listen = json.contains("listen") ? json.at("listen") : nlohmann::json();
    config.listen_address = field<std::string>(listen, "address", where + " listen");
    const int port = field<int>(listen, "port", where + " listen");
    if (port < 0 || port > 65535)
        throw ConfigError(where + " listen: \"port\" must be 0..65535");
    config.port = static_cast<std::uint16_t>(port);
    config.data_dir = beside(file, field<std::string>(json, "data_dir", where));
    config.kiosk_keys_file = beside(file, field<std::string>(json, "kiosk_keys_file", where));
    config.max_clock_skew = std::chrono::seconds(positive(json, "max_clock_skew_s", where));

    const auto& limits = json.contains("limits") ? json.at("limits") : nlohmann::json();
    const std::string limits_where = where + " limits";
    config.limits.max_body_bytes = positive(limits, "max_body_bytes", limits_where);
    config.limits.max_photo_bytes = positive(limits, "max_photo_bytes", limits_where);
    config.limits.max_assessment_bytes = positive(limits, "max_assessment_bytes", limits_where);
    config.limits.max_id_chars = positive(limits, "max_id_chars", limits_where);
    config.limits.read_timeout = std::chrono::milliseconds(positive(limits, "read_timeout_ms", limits_where));
    // base64 grows the photo by 4/3; a body limit below that would refuse
    // photos the photo limit allows, which is a config mistake worth naming.
    if (config.limits.max_body_bytes < config.limits.max_photo_bytes / 3 * 4 + config.limits.max_assessment_bytes)
        throw ConfigError(limits_where + ": \"max_body_bytes\" is too small for a photo of \"max_photo_bytes\" in base64");
    return config;
}

std::map<std::string, std::string> load_kiosk_keys(const std::filesystem::path& file)
{
    using std::filesystem::perms;
    std::error_code error;
    const auto permissions = std::filesystem::status(file, error).permissions();
    if (error)
        throw ConfigError("cannot read " + file.string() + ": " + error.message());
    if ((permissions & (perms::group_all | perms::others_all)) != perms::none)
        throw ConfigError(file.string() + " is readable by others than its owner; chmod 600 it");
    const auto json = load_json_file(file);
    if (!json.contains("kiosks") || !json.at("kiosks").is_object())
        throw ConfigError(file.string() + ": missing object \"kiosks\"");
    std::map<std::string, std::string> keys;
    for (const auto& [id, hex] : json.at("kiosks").items()) {
        if (!receipt::is_valid_kiosk_id(id))
            throw ConfigError(file.string() + ": \"" + id + "\" is not a kiosk id (5 of 0-9 A-Z)");
        if (!hex.is_string())
            throw ConfigError(file.string() + ": key of " + id + " is not a string");
        auto key = upload::decode_hex_key(hex.get<std::string>(), file.string() + " key of " + id);
        if (key.size() < 32)
            throw ConfigError(file.string() + ": key of " + id + " must be at least 32 bytes");
        keys.emplace(id, std::move(key));
    }
    return keys;
}

} // namespace kiosk::review
