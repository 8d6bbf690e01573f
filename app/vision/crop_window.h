#pragma once

#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "vision/face.h"
#include "vision/face_regions.h"

namespace kiosk::vision {

// The part of the source frame that ends up in the document's picture: the
// background checks judge only what the citizen's photo will show.
struct CropWindow {
    Polygon corners;          // source coordinates: top-left, top-right, bottom-right, bottom-left
    bool from_plan = false;   // false: the fallback window below was used
};

// The spec's output rectangle mapped back into the source through the
// inverse of `plan.source_to_output`.
// Fallback, when the plan is empty (scale 0, as a default CropPlan is before
// spec::plan_crop has run): an upright window around the head in the
// output's aspect ratio, 1.75 face widths wide (resident-id puts a 207 px
// face in a 358 px picture: 1.73), its top 0.45 of its height above the eye
// line (resident-id: eye line at least 207 px above the bottom of 441, so
// at most 234 px = 0.53 below the top; 0.45 leaves the hair inside).
CropWindow crop_window(const spec::CropPlan& plan, const spec::OutputFormat& output, const Face& face);

// The grey level only 1 % of the window's pixels exceed (a light backdrop, a
// collar, the eye whites): how bright the picture's brightest part came out.
double highlight_luma(const cv::Mat& gray, const CropWindow& window);

} // namespace kiosk::vision
