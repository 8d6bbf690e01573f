#include "core/paths.h"

#include <cstdlib>

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

} // namespace kiosk
