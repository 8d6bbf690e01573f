#pragma once

#include <filesystem>
#include <memory>

#include "camera/camera_choice.h"
#include "camera/camera_source.h"

namespace kiosk::camera {

// The camera a choice names, not yet started, and the stream to start it
// with: the replay settings' own stream, libcamera's the default request
// (the device picks its nearest mode).
struct ChosenCamera {
    std::unique_ptr<CameraSource> source;
    StreamRequest stream;
};

// A replay camera's footage is found in the photo set `faces` when relative.
// Throws InputError or ConfigError naming what is missing.
ChosenCamera open_chosen_camera(const CameraChoice& choice, const std::filesystem::path& faces);

} // namespace kiosk::camera
