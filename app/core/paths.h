#pragma once

#include <filesystem>
#include <string>

namespace kiosk {

// The folder holding specs, text catalogs and default settings.
// Order: $KIOSK_CONFIG_DIR, the source tree's config/ (when run from a build
// tree), then the installed share/kiosk/config.
std::filesystem::path config_dir();

// config/kiosk/<profile>.json, the wiring `kiosk --profile` and kioskctl's
// --profile name. Throws InputError when no such profile exists, naming the
// ones that do.
std::filesystem::path kiosk_profile_file(const std::filesystem::path& config, const std::string& profile);

// The shared photo set a replay camera's footage is named in: $KIOSK_FACES,
// else shared/faces beside the project whose config folder is `config`.
std::filesystem::path faces_dir(const std::filesystem::path& config);

} // namespace kiosk
