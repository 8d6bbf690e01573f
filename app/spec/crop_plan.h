#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "spec/document_spec.h"

namespace kiosk::spec {

// What the crop needs to know about the head, in source-image pixels.
// Eyes are the subject's: `eye_right` is the one on the image's left.
struct HeadMeasurements {
    cv::Point2d eye_right;
    cv::Point2d eye_left;
    cv::Point2d chin;         // lowest point of the jaw (landmark 8)
    double crown_y = 0;       // top of the hair on the face's axis (measured or estimated)
    bool crown_measured = false;
    double face_width = 0;    // cheek to cheek at the ears
};

// How the source maps onto the document's output picture.
struct CropPlan {
    cv::Matx23d source_to_output;   // affine: rotation (straightening), scale, translation
    double scale = 0;               // output px per source px
    double rotation_deg = 0;        // applied straightening, within the spec's limit
    bool inside_source = false;     // the whole output window lies inside the source frame
    double outside_fraction = 0;    // share of the output area that falls outside the source
    // Human-readable geometry rules the plan could not meet (empty when it meets them all),
    // e.g. "head_length_px 410 > 390".
    std::vector<std::string> unmet;
};

// Chooses scale, straightening and placement so the head sits where the spec
// wants it. Pure arithmetic: no image is touched.
CropPlan plan_crop(const DocumentSpec& spec, const HeadMeasurements& head, cv::Size source);

} // namespace kiosk::spec
