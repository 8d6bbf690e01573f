#pragma once

#include <stdexcept>

namespace kiosk::camera {

// A camera request that cannot be met now: a still asked for while not
// streaming, a device that did not answer in time. Bad settings are
// kiosk::ConfigError and bad input files kiosk::InputError instead.
class CameraError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The camera works but offers nothing this kiosk can use (no pixel format we
// convert). Retrying will not help; a technician must change the camera.
class UnsupportedCamera : public CameraError {
public:
    using CameraError::CameraError;
};

} // namespace kiosk::camera
