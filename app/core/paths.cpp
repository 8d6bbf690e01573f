#include "core/paths.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace kiosk {

std::filesystem::path config_dir()
{
    if (const char* env = std::getenv("KIOSK_CONFIG_DIR"); env && *env) {
        std::filesystem::path dir(env);
        if (!std::filesystem::is_directory(dir))
            throw ConfigError("KIOSK_CONFIG_DIR=" + dir.string() + " is not a folder");
        return dir;
    }
    for (const char* candidate : {KIOSK_SOURCE_CONFIG_DIR, KIOSK_INSTALL_CONFIG_DIR}) {
        if (std::filesystem::is_directory(candidate))
            return candidate;
    }
    throw ConfigError(std::string("no config folder: set KIOSK_CONFIG_DIR or install to ") +
                      KIOSK_INSTALL_CONFIG_DIR);
}

std::filesystem::path kiosk_profile_file(const std::filesystem::path& config, const std::string& profile)
{
    const auto folder = config / "kiosk";
    // A name, not a path: "--profile ../upload/upload" must not reach other config files.
    const bool plain_name = !profile.empty() && profile.find('/') == std::string::npos && profile != "." &&
                            profile != "..";
    const auto file = folder / (profile + ".json");
    if (plain_name && std::filesystem::is_regular_file(file))
        return file;
    // The folder also holds what the profiles refer to (the demo's camera
    // settings, motion, scripted citizen): a profile is what wires a camera.
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        if (entry.path().extension() != ".json")
            continue;
        const auto doc = nlohmann::json::parse(std::ifstream(entry.path()), nullptr, false);
        if (doc.is_object() && doc.contains("camera"))
            names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    std::string list;
    for (const auto& name : names)
        list += (list.empty() ? "" : ", ") + name;
    throw InputError("no kiosk profile \"" + profile + "\" in " + folder.string() +
                     (list.empty() ? std::string(" (it holds none)") : "; the profiles are: " + list));
}

std::filesystem::path faces_dir(const std::filesystem::path& config)
{
    if (const char* env = std::getenv("KIOSK_FACES"); env && *env)
        return env;
    return config.parent_path().parent_path() / "shared" / "faces";
}

} // namespace kiosk
