#pragma once

#include <optional>

#include "camera/camera_state.h"
#include "lightseat/lightseat_controller.h"
#include "session/events.h"

namespace kiosk::runtime {

// What the session hears of the devices' own news. Nothing when the news does
// not change what the citizen can be offered (a camera still starting, a
// board still initialising, a seat homing).
std::optional<session::Event> session_event(const camera::CameraEvent& event);
std::optional<session::Event> session_event(const lightseat::ControllerEvent& event);

} // namespace kiosk::runtime
