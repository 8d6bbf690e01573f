#pragma once

#include <filesystem>
#include <vector>

#include "camera/camera_choice.h"
#include "camera/libcamera_settings.h"
#include "camera/replay_settings.h"
#include "device_row.h"

namespace kiosk::ctl {

// The cameras libcamera lists now; one "none" row with the reason when it
// lists none or cannot start. `configured`: the kiosk films with libcamera.
std::vector<DeviceRow> probe_libcamera(const camera::LibcameraSettings& settings, bool configured);

// The replay camera's footage as `choice` names it (found in the photo set
// `faces` when relative), opened and its first picture read as the replay
// camera would.
DeviceRow probe_replay(const camera::CameraChoice& choice, const std::filesystem::path& faces,
                       const camera::ReplaySettings& settings, bool configured);

} // namespace kiosk::ctl
