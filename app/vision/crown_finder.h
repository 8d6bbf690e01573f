#pragma once

#include <opencv2/core.hpp>

#include "spec/range.h"
#include "spec/thresholds.h"
#include "vision/face.h"

namespace kiosk::vision {

// How the crown (top of the hair) is looked for; read from the spec's
// checks.face_size entry (crown_*), see config/specs/defaults.json.
// Heights are measured up the face's axis from the eye line, in units of
// the eye-line-to-chin distance, so they do not depend on the image's scale.
struct CrownParams {
    double min_contrast = 0;          // Lab distance (8-bit units) from the background that counts as hair
    double min_hair_share = 0;        // share of a row's pixels that must differ for the row to be hair
    double max_background_spread = 0; // mean Lab distance within the reference rows: a busy scene is not measured
    spec::Range plausible_height;     // a measured crown outside this band is rejected
    double fallback_height = 0;       // anthropometric estimate used when the crown cannot be measured
};

CrownParams crown_params(const spec::Thresholds& limits);

struct Crown {
    double y = 0;           // source y of the crown on the face's axis (see spec::HeadMeasurements)
    double height = 0;      // above the eye line, in eye-to-chin units
    bool measured = false;  // false: the anthropometric fallback
};

// Scans a strip along the face's axis from well above the head down towards
// the brows and returns the first rows that differ from the background
// there: where hair (or skin, for a bald head) meets the background. Falls
// back to `fallback_height` when the strip leaves the frame too early, the
// background above the head is not uniform, or the edge found is implausible.
Crown find_crown(cv::InputArray bgr, const Face& face, const CrownParams& params);

} // namespace kiosk::vision
