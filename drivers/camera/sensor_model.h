#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "camera/camera_controls.h"

namespace kiosk::camera {

// How the replay camera's imaginary sensor answers its controls. The footage
// counts as correctly exposed and white-balanced at the reference settings;
// other settings scale the light in linear space (then the display gamma is
// put back), so doubling exposure brightens mid-tones by about 2^(1/2.2) and
// highlights clip, as on a real sensor.
struct SensorModel {
    std::chrono::microseconds reference_exposure{10000};
    float reference_gain = 1.0f;
    ColourGains neutral_gains{1.0f, 1.0f};
    double gamma = 2.2;
    // Frames between setting a control and the first frame taken with it.
    int control_delay_frames = 2;

    static SensorModel from_json(const nlohmann::json& j, const std::string& where);

    // Applies `controls` to an 8-bit BGR frame in place. In auto mode the
    // device's own loops are taken to have converged on the reference look.
    void expose(cv::Mat& bgr, const CameraControls& controls) const;
};

} // namespace kiosk::camera
