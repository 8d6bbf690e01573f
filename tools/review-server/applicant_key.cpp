#include "applicant_key.h"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "core/durable_file.h"
#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "upload/upload_config.h"

namespace kiosk::review {
namespace {

void create_key_file(const std::filesystem::path& file)
{
    upload::AtRestCipher::Key key;
    randombytes_buf(key.data(), key.size());
    std::string hex(2 * key.size() + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
    hex.pop_back();
    try {
        // write_file_durably makes the file 0600 before the key is in it.
        write_file_durably(file, nlohmann::json{{"applicant_key_hex", hex}}.dump() + "\n");
    } catch (const std::system_error& e) {
        throw ConfigError("cannot create the applicant key file " + file.string() + ": " + e.what());
    }
    sodium_memzero(hex.data(), hex.size());
    sodium_memzero(key.data(), key.size());
    // Worth one line: a key made afresh cannot open details sealed with a lost one.
    spdlog::warn("made a new applicant key in {}; keep it with the database's backups", file.string());
}

} // namespace

upload::AtRestCipher::Key load_or_create_applicant_key(const std::filesystem::path& file)
{
    if (!std::filesystem::exists(file))
        create_key_file(file);
    const auto json = load_private_json_file(file);
    const JsonFields root(file.string(), json);
    const auto bytes = upload::decode_hex_key(root.text("applicant_key_hex"), file.string() + " applicant_key_hex");
    upload::AtRestCipher::Key key;
    if (bytes.size() != key.size())
        root.fail("applicant_key_hex", "must be " + std::to_string(key.size()) + " bytes (" +
                                           std::to_string(2 * key.size()) + " hex digits)");
    std::copy(bytes.begin(), bytes.end(), key.begin());
    return key;
}

} // namespace kiosk::review
