#include "camera/sensor_model.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace kiosk::camera {
namespace {

// A lookup table scaling linear light by `factor`, for one channel.
void fill_channel(cv::Mat& lut, int channel, double factor, double gamma)
{
    for (int v = 0; v < 256; ++v) {
        const double linear = std::pow(v / 255.0, gamma) * factor;
        const double out = 255.0 * std::pow(std::clamp(linear, 0.0, 1.0), 1.0 / gamma);
        lut.at<cv::Vec3b>(0, v)[channel] = cv::saturate_cast<uchar>(out);
    }
}

} // namespace

SensorModel SensorModel::from_json(const nlohmann::json& j, const std::string& where)
{
    SensorModel s;
    try {
        s.reference_exposure = std::chrono::microseconds(j.at("reference_exposure_us").get<int>());
        s.reference_gain = j.at("reference_gain").get<float>();
        const auto neutral = j.at("neutral_colour_gains");
        s.neutral_gains = ColourGains{neutral.at(0).get<float>(), neutral.at(1).get<float>()};
        s.gamma = j.at("gamma").get<double>();
        s.control_delay_frames = j.at("control_delay_frames").get<int>();
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(where + ": sensor: " + e.what());
    }
    if (s.reference_exposure.count() <= 0 || !(s.reference_gain > 0) || !(s.neutral_gains.red > 0) ||
        !(s.neutral_gains.blue > 0) || !(s.gamma > 0) || s.control_delay_frames < 0)
        throw ConfigError(where + ": sensor: reference values, gains and gamma must be positive, the delay not negative");
    return s;
}

void SensorModel::expose(cv::Mat& bgr, const CameraControls& controls) const
{
    double light = 1.0;
    if (!controls.auto_exposure) {
        light = static_cast<double>(controls.exposure_time.count()) / static_cast<double>(reference_exposure.count()) *
                controls.analogue_gain / reference_gain;
    }
    double red = 1.0;
    double blue = 1.0;
    if (!controls.auto_white_balance) {
        red = controls.colour_gains.red / neutral_gains.red;
        blue = controls.colour_gains.blue / neutral_gains.blue;
    }
    if (light == 1.0 && red == 1.0 && blue == 1.0)
        return;
    cv::Mat lut(1, 256, CV_8UC3);
    fill_channel(lut, 0, light * blue, gamma);
    fill_channel(lut, 1, light, gamma);
    fill_channel(lut, 2, light * red, gamma);
    cv::LUT(bgr, lut, bgr);
}

} // namespace kiosk::camera
