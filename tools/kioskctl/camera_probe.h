#pragma once

#include <filesystem>
#include <vector>

#include "camera/libcamera_settings.h"
#include "camera/replay_settings.h"
#include "device_row.h"

namespace kiosk::ctl {

// The cameras libcamera lists now; one "none" row with the reason when it
// lists none or cannot start. `configured`: the kiosk films with libcamera.
std::vector<DeviceRow> probe_libcamera(const camera::LibcameraSettings& settings, bool configured);

// The replay camera's footage, opened and its first picture read as the
// replay camera would; `footage` empty when none is set.
DeviceRow probe_replay(const std::filesystem::path& footage, const camera::ReplaySettings& settings,
                       bool configured);

} // namespace kiosk::ctl
