#include "camera/camera_state.h"

namespace kiosk::camera {

std::string_view to_string(CameraState state)
{
    switch (state) {
    case CameraState::Stopped:
        return "stopped";
    case CameraState::Starting:
        return "starting";
    case CameraState::Streaming:
        return "streaming";
    case CameraState::Unavailable:
        return "unavailable";
    case CameraState::Failed:
        return "failed";
    }
    return "unknown";
}

} // namespace kiosk::camera
