#include "server_config.h"

#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "core/paths.h"
#include "receipt/receipt_number.h"
#include "upload/upload_config.h"

namespace kiosk::review {
namespace {

std::filesystem::path beside(const std::filesystem::path& file, const std::filesystem::path& path)
{
    return path.is_relative() ? file.parent_path() / path : path;
}

} // namespace

ServerConfig load_server_config(const std::filesystem::path& file)
{
    const auto json = load_json_file(file);
    const JsonFields root(file.string(), json);
    ServerConfig config;
    const JsonFields listen = root.child("listen");
    config.listen_address = listen.text("address");
    // 0 asks the system for a free port (the tests use it).
    config.port = static_cast<std::uint16_t>(listen.whole_number("port", 0, 65535));
    config.data_dir = beside(file, root.text("data_dir"));
    config.kiosk_keys_file = beside(file, root.text("kiosk_keys_file"));
    // The other private file sits with the kiosks' keys unless named.
    config.applicant_key_file = root.find("applicant_key_file")
                                    ? beside(file, root.text("applicant_key_file"))
                                    : config.kiosk_keys_file.parent_path() / "applicant-key.json";
    config.reviewing_file = root.find("reviewing_file") ? beside(file, root.text("reviewing_file"))
                                                        : config_dir() / "review-server" / "reviewing.json";
    config.max_clock_skew = std::chrono::seconds(root.positive_int("max_clock_skew_s"));
    if (root.find("tls")) {
        const JsonFields tls = root.child("tls");
        config.tls = TlsFiles{beside(file, tls.text("certificate_chain_file")),
                              beside(file, tls.text("private_key_file"))};
    }

    const JsonFields limits = root.child("limits");
    config.limits.max_body_bytes = static_cast<std::size_t>(limits.positive_int("max_body_bytes"));
    config.limits.max_photo_bytes = static_cast<std::size_t>(limits.positive_int("max_photo_bytes"));
    config.limits.max_assessment_bytes = static_cast<std::size_t>(limits.positive_int("max_assessment_bytes"));
    config.limits.max_id_chars = static_cast<std::size_t>(limits.positive_int("max_id_chars"));
    config.limits.read_timeout = limits.millis("read_timeout_ms");
    // base64 grows the photo by 4/3; a body limit below that would refuse
    // photos the photo limit allows, which is a config mistake worth naming.
    if (config.limits.max_body_bytes < config.limits.max_photo_bytes / 3 * 4 + config.limits.max_assessment_bytes)
        limits.fail("max_body_bytes", "is too small for a photo of max_photo_bytes in base64");
    return config;
}

std::map<std::string, std::string> load_kiosk_keys(const std::filesystem::path& file)
{
    const auto json = load_private_json_file(file);
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
