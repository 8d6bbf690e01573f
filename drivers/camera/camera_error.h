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

} // namespace kiosk::camera
