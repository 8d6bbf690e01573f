#pragma once

#include <chrono>

namespace kiosk::camera {

// Red and blue gains relative to green, as libcamera's ColourGains control.
struct ColourGains {
    float red = 1.0f;
    float blue = 1.0f;

    bool operator==(const ColourGains&) const = default;
};

// The picture controls a kiosk needs to hold a studio look steady. In auto
// mode the device chooses exposure, gain and white balance itself and the
// manual fields are ignored until the mode is switched back.
struct CameraControls {
    bool auto_exposure = true;
    std::chrono::microseconds exposure_time{10000};
    float analogue_gain = 1.0f;

    bool auto_white_balance = true;
    ColourGains colour_gains;

    bool operator==(const CameraControls&) const = default;
};

} // namespace kiosk::camera
