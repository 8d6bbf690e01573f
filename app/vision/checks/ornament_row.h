#pragma once

#include <opencv2/core.hpp>

#include "spec/range.h"
#include "vision/checks/upright_view.h"

namespace kiosk::vision {

// What counts as a small round highlight and as a row of them (read from the
// spec's thresholds; sizes in inter-eye distances).
struct OrnamentLimits {
    spec::Range contrast;          // top-hat lightness above the surrounding hair, lowest and highest level tried
    spec::Range diameter_ied;      // bead, pearl or rhinestone size
    double max_aspect = 0;         // longer side over shorter side of a round highlight
    double min_fill = 0;           // share of its bounding box a round highlight fills
    double row_tolerance_ied = 0;  // how far a highlight may sit from the row's curve
};

struct OrnamentRow {
    int highlights = 0;   // small round highlights found in the region
    int in_row = 0;       // the most of them lying on one arc over the head
};

// Beaded or jewelled headbands and rows of clips show as small round
// highlights strung along an arc over the head; the glints of shiny or curly
// hair are as small but scattered. Finds the highlights in `region` (view
// pixels, above the forehead) and the largest set lying on one upward-curved
// parabola.
OrnamentRow find_ornament_row(const UprightView& view, const cv::Rect& region, const OrnamentLimits& limits);

} // namespace kiosk::vision
