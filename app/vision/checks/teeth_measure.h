#pragma once

#include <optional>

#include <opencv2/core.hpp>

#include "vision/face.h"

namespace kiosk::vision {

// What makes a pixel between the lips look like teeth: clearly brighter and
// much less saturated than the lips around it. Relative to the lips so it
// holds for every skin tone, lipstick and light level.
struct TeethRule {
    double min_brightness_over_lips = 0;   // HSV value above the lips' mean, 0-255
    double max_saturation_of_lips = 0;     // HSV saturation at most this share of the lips' mean
};

// Area of teeth-like pixels inside the inner lip contour (landmarks 60-67),
// over the squared eye distance. Zero for closed lips, about 0.005-0.1 for a
// smile that shows teeth. Empty when the lips cover no pixel of the image
// (cut by the border, or a contour of zero size), so there is no reference.
std::optional<double> visible_teeth_ratio(cv::InputArray bgr, const Face& face, double eye_distance_px,
                                          const TeethRule& rule);

} // namespace kiosk::vision
