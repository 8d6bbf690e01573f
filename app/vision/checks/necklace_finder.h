#pragma once

#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "vision/checks/skin_colour.h"
#include "vision/face.h"

namespace kiosk::vision {

// A chain or cord on the neck and upper chest. The region runs from 0.2 to
// 1.7 IED below the chin (landmark 8) and 1.2 IED to either side. On the
// visible skin there (the cheeks' hue, lightness within reach of theirs),
// thin dark lines are traced with the Hessian's larger eigenvalue at about
// a 1.5 px scale of a 1350 px portrait, thresholded at `line_contrast` times
// the median response over that skin, so coarse or wrinkled skin raises its
// own bar. Lines at least a quarter IED long that run more steeply than 30°
// from the horizontal are summed: a chain falls from the neck's sides to the
// chest, while neck creases and collar-bone shadows lie across the body.
struct NecklaceEvidence {
    double line_length = 0;     // IED
    double skin_share = 0;      // share of the region that shows neck skin
};

struct NecklaceResult {
    std::optional<NecklaceEvidence> evidence;   // none when it could not be measured
    std::string why_not;
};

NecklaceResult find_necklace(const cv::Mat& bgr, const Face& face, const SkinColour& skin, double line_contrast);

} // namespace kiosk::vision
