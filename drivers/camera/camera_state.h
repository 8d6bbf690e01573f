#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace kiosk::camera {

enum class CameraState {
    Stopped,     // not started, or stopped on request
    Starting,    // opening and configuring the device
    Streaming,   // frames are arriving
    // No usable device: none found, or it was unplugged. The source keeps
    // retrying with backoff; the kiosk shows out-of-service meanwhile.
    Unavailable,
    // The source cannot work without someone fixing it (bad settings, a
    // format it cannot convert). No retry.
    Failed,
};

std::string_view to_string(CameraState state);

// A change of state, with a message a technician can act on. Messages name
// devices and files, never people or picture content.
struct CameraEvent {
    CameraState state = CameraState::Stopped;
    std::string message;
};

// Called on the camera's own thread; keep it short and never call stop() of
// the same source from inside it.
using CameraEventHandler = std::function<void(const CameraEvent&)>;

} // namespace kiosk::camera
