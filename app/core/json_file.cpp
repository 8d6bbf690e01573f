#include "core/json_file.h"

#include <fstream>
#include <sstream>

#include "core/error.h"

namespace kiosk {

nlohmann::json load_json_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ConfigError("cannot open " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw ConfigError(path.string() + ": not valid JSON at byte " + std::to_string(e.byte) + ": " +
                          e.what());
    }
}

nlohmann::json load_private_json_file(const std::filesystem::path& path)
{
    using std::filesystem::perms;
    std::error_code error;
    const auto permissions = std::filesystem::status(path, error).permissions();
    if (error)
        throw ConfigError("cannot read " + path.string() + ": " + error.message());
    if ((permissions & (perms::group_all | perms::others_all)) != perms::none)
        throw ConfigError(path.string() + " is readable by others than its owner; chmod 600 it");
    return load_json_file(path);
}

} // namespace kiosk
