#pragma once

#include <filesystem>

namespace kiosk {

// The folder holding specs, text catalogs and default settings.
// Order: $KIOSK_CONFIG_DIR, the source tree's config/ (when run from a build
// tree), then the installed share/kiosk/config.
std::filesystem::path config_dir();

} // namespace kiosk
