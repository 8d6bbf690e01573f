#include "camera_probe.h"

#include <cstdlib>
#include <string>
#include <system_error>

#include "camera/camera_error.h"
#include "camera/libcamera_manager.h"
#include "camera/replay_footage.h"
#include "core/error.h"

namespace kiosk::ctl {
namespace {

// Why libcamera may list nothing, from what the kernel offers: without a
// V4L2 device node there is nothing for any camera stack to open.
std::string why_no_camera()
{
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/dev", error)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("video") || name.starts_with("media"))
            return "libcamera lists no camera, though /dev/" + name +
                   " exists: no camera it supports, or this user may not open it (video group?)";
    }
    return "libcamera lists no camera: there is no /dev/video* or /dev/media* node "
           "(no camera plugged in, or no V4L2 driver in this kernel)";
}

} // namespace

std::vector<DeviceRow> probe_libcamera(const camera::LibcameraSettings& settings, bool configured)
{
    // libcamera's own INFO lines would bury the table; a technician who wants
    // them sets LIBCAMERA_LOG_LEVELS.
    setenv("LIBCAMERA_LOG_LEVELS", "*:ERROR", 0);
    std::vector<camera::CameraInfo> cameras;
    try {
        cameras = camera::list_cameras();
    } catch (const camera::CameraError& e) {
        return {DeviceRow{"camera", "-", "libcamera", "unavailable", e.what(), configured, false, {}}};
    }
    if (cameras.empty())
        return {DeviceRow{"camera", "-", "libcamera", "none", why_no_camera(), configured, false, {}}};

    std::vector<DeviceRow> rows;
    bool wanted_found = false;
    for (const auto& found : cameras) {
        // With no camera_id the kiosk takes the first one listed.
        const bool wanted = settings.camera_id.empty() ? rows.empty() : found.id == settings.camera_id;
        wanted_found = wanted_found || wanted;
        rows.push_back(DeviceRow{"camera", found.id, "libcamera", "present",
                                 found.model.empty() ? "model not reported" : found.model, configured && wanted,
                                 true, {}});
    }
    if (!wanted_found)
        rows.push_back(DeviceRow{"camera", settings.camera_id, "libcamera", "none",
                                 "the configured camera_id is not among those listed", configured, false, {}});
    return rows;
}

DeviceRow probe_replay(const camera::CameraChoice& choice, const std::filesystem::path& faces,
                       const camera::ReplaySettings& settings, bool configured)
{
    DeviceRow row{"camera", "replay", "replay", "", "", configured, false, {}};
    if (choice.footage.empty()) {
        row.state = "not set";
        row.detail = "no footage: " + choice.footage_origin + " names none";
        return row;
    }
    try {
        const auto footage = choice.footage_path(faces);
        const auto opened = camera::ReplayFootage::open(footage, settings.image_hold_seconds);
        const cv::Mat first = opened->picture_at(0);
        row.state = "ready";
        row.detail = footage.string() + " (" + std::to_string(first.cols) + "x" + std::to_string(first.rows) + ")";
        row.present = true;
    } catch (const InputError& e) {
        row.state = "unavailable";
        row.detail = e.what();
    }
    return row;
}

} // namespace kiosk::ctl
