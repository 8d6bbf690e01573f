#pragma once

#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

#include "camera/camera_choice.h"

namespace kiosk::ctl {

// The camera a kioskctl command films with or looks for: the one the kiosk
// profile names (as `kiosk --profile`), unless the command line forces another.
struct CameraOptions {
    std::string profile = "kiosk"; // config/kiosk/<profile>.json
    std::string camera;            // overrides the profile's backend
    std::string footage;           // overrides the profile's footage, a path as typed

    // The profile's camera with the overrides applied. Throws InputError or
    // ConfigError naming the profile, the field or the option.
    camera::CameraChoice choice(const std::filesystem::path& config) const;
};

// --profile, --camera and --footage on `command`.
void add_camera_options(CLI::App& command, CameraOptions& options);

} // namespace kiosk::ctl
