#pragma once

#include <algorithm>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "vision/checks/skin_colour.h"
#include "vision/face.h"

namespace kiosk::vision {

// How much of each ear hair hides. The band measured is the upper two thirds
// of the ear, just outside the jaw contour (landmarks 0-2 and 14-16) from
// eye height down towards the lobe: the part a fringe or side hair covers
// first. A pixel there counts as hair when it is neither the subject's skin
// (skin_colour.h) nor a light backdrop (neutral, or the colour seen further
// out beside the head).
struct EarCover {
    double image_left = 0;    // share of the band covered, subject's right ear
    double image_right = 0;   // subject's left ear
    double worse() const { return std::max(image_left, image_right); }
};

struct EarCoverResult {
    std::optional<EarCover> cover;   // none when it could not be measured
    std::string why_not;             // then: why, for the technician
};

EarCoverResult measure_ear_cover(const cv::Mat& bgr, const Face& face, const SkinColour& skin);

} // namespace kiosk::vision
