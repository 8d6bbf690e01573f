#pragma once

#include <filesystem>
#include <string_view>

namespace kiosk::camera {

enum class CameraBackend { Libcamera, Replay };

std::string_view to_string(CameraBackend backend);

// Which camera the kiosk films with, from config/camera/camera.json: the
// device the kiosk needs present to be in service.
struct CameraChoice {
    CameraBackend backend = CameraBackend::Libcamera;
    // What the replay camera films; empty when none is set.
    std::filesystem::path footage;

    // Throws ConfigError naming the file and the field.
    static CameraChoice load(const std::filesystem::path& file);
};

} // namespace kiosk::camera
