#pragma once

#include <algorithm>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "vision/checks/skin_colour.h"
#include "vision/face.h"

namespace kiosk::vision {

// Jewellery at the ear lobes. The region searched on each side runs from
// halfway down the ear to a third of an IED below landmark 3/13 (where hoops
// hang), and from just inside the jaw contour to 0.35 IED outside it. Two
// kinds of evidence, both measured as the area of the largest blob in IED²
// so one limit fits every face size:
//  - gold: a blob much yellower than the cheeks (studs, gold hoops); hair,
//    skin and grey backdrops never reach that b*;
//  - hanging: a dark blob (much darker than both skin and backdrop) that is
//    mostly surrounded by backdrop: a hoop or pendant below the lobe.
//    Shadows inside the ear are surrounded by ear, not backdrop.
// Either blob must lie clear of the region's top, outer and bottom edges:
// hair and things behind the subject (a flag's gold fringe) run in from
// there, jewellery hangs inside.
struct EarringEvidence {
    double gold_area = 0;      // IED²
    double hanging_area = 0;   // IED²
    double largest() const { return std::max(gold_area, hanging_area); }
};

struct EarringResult {
    std::optional<EarringEvidence> evidence;   // none when it could not be measured
    std::string why_not;
};

EarringResult find_earrings(const cv::Mat& bgr, const Face& face, const SkinColour& skin);

} // namespace kiosk::vision
