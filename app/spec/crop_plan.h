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
    // Source y of the top of the hair, taken on the face's axis (the line from
    // the chin through the eye midpoint), measured or estimated; see
    // vision/crown_finder.h.
    double crown_y = 0;
    bool crown_measured = false;
    double face_width = 0;    // cheek to cheek at the ears
};

// How the source maps onto the document's output picture.
struct CropPlan {
    HeadMeasurements head;          // what the plan was made from, in source pixels
    cv::Matx23d source_to_output;   // affine: rotation (straightening), scale, translation
    double scale = 0;               // output px per source px
    // Roll removed by the crop, same sign as the measured roll (positive: the
    // head was tilted clockwise on the image). Never more than the spec's
    // roll.straighten_max_deg, so a larger tilt stays visible.
    double rotation_deg = 0;
    bool inside_source = false;     // the whole output window lies inside the source frame
    double outside_fraction = 0;    // share of the output area that falls outside the source
    // Human-readable geometry rules the plan could not meet (empty when it meets them all),
    // e.g. "head_length_px 410 > 390".
    std::vector<std::string> unmet;
};

// Chooses scale, straightening and placement so the head sits where the spec
// wants it. Pure arithmetic: no image is touched.
//  - scale: the middle of what the size rules (face width, head length,
//    inter-eye share) allow together, reduced if the head would not fit
//    vertically; conflicting rules are each missed by the same factor.
//  - placement: eye midpoint at the middle of eye_mid_from_left (else the
//    centre), crown in the middle of its band, moved up when the eye line or
//    the chin would sit too low (the eye line wins over the hair).
// Every rule the result misses is listed in `unmet`.
// Reads the spec's roll.straighten_max_deg; throws ConfigError when absent.
CropPlan plan_crop(const DocumentSpec& spec, const HeadMeasurements& head, cv::Size source);

// The tilt of the eye line in degrees, positive clockwise on the image.
double measured_roll_deg(const HeadMeasurements& head);

} // namespace kiosk::spec
