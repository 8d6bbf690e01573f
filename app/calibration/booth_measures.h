#pragma once

#include <opencv2/core.hpp>

namespace kiosk::calibration {

// How even and what colour an empty booth's backdrop is, in CIELAB (L* 0-100),
// measured on a copy about 320 px wide.
struct PlateMeasures {
    double mean_lightness = 0;
    double lightness_spread = 0;    // 95th minus 5th percentile of L*
    // L* change from the left edge to the right (positive: brighter on the
    // right) and from top to bottom, along a plane fitted to the plate.
    double gradient_left_right = 0;
    double gradient_top_bottom = 0;
    // How much brighter the middle is than the corners once the plane is
    // taken out: a lamp's hot spot, or a lens's vignetting.
    double vignetting = 0;
    cv::Vec2d mean_ab;              // a*, b*
};

PlateMeasures measure_plate(const cv::Mat& bgr);

// CIELAB of an 8-bit sRGB colour.
cv::Vec3d lab_of_rgb(int red, int green, int blue);
// The mean of a region of an 8-bit BGR frame in CIELAB.
cv::Vec3d mean_lab(const cv::Mat& bgr, cv::Rect region);

// Linear light of an 8-bit display value (the sensor model's 2.2 gamma), and back.
double linear_light(double level);
double display_level(double linear);

} // namespace kiosk::calibration
