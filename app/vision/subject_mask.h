#pragma once

#include <string>

#include <opencv2/core.hpp>

#include "spec/thresholds.h"
#include "vision/backdrop_plate.h"
#include "vision/face.h"

namespace kiosk::vision {

// The person (face, hair, neck, shoulders) told apart from the backdrop, so
// the photo stage can replace the backdrop with the document's colour.
struct SubjectMask {
    // CV_8U, the frame's size: 255 on the person, 0 on the backdrop, a soft
    // ramp a few pixels wide along the outline (use it as alpha when compositing).
    cv::Mat alpha;
    // True when the backdrop was plain enough to model and the person stands
    // out from it; only then should the backdrop be replaced.
    bool separable = false;
    // Why not, in words for a technician (empty when separable).
    std::string note;
    // The measurements behind `separable`, for tuning and reports.
    double busy_fraction = 0;      // share of backdrop samples off the smooth backdrop colour
    double outline_contrast = 0;   // median delta-E of the person's outline from the backdrop
    double stray_fraction = 0;     // share of the separated area away from the head and shoulders
};

// Separates the subject from the backdrop of an 8-bit BGR frame.
// How: the backdrop's colour is modelled as a smooth surface fitted to the
// frame's top and side strips (away from the head) or, given the empty
// booth's `plate` (and a frame of its shape), is the plate with its level
// matched to those strips (level_matched_plate: exposure, gain, white
// balance and a lamp's change since the plate was taken); every pixel's
// distance from that backdrop and the face's landmarks (face, estimated hair volume,
// neck and shoulders as probable person) seed OpenCV's GrabCut on a copy
// reduced to about 320 px, and the result is cleaned, upsampled and feathered.
// Limits come from `limits`, the spec's checks, under "subject_mask":
//   busy_delta            delta-E above which a backdrop sample is "not backdrop"
//   max_busy_fraction     share of such samples above which the backdrop is too busy
//   min_subject_contrast  delta-E the person's outline must differ from the backdrop by (median)
//   max_stray_fraction    share of the separated area allowed away from the head and shoulders
// Deterministic: GrabCut's k-means seed is fixed for the call.
// With a plate, busy_fraction counts what departs from the plate, so a
// backdrop's own marks and falloff, present when the plate was taken, are
// not "busy".
// Throws InputError when `bgr` is empty, not 8-bit 3-channel, or under 64 px on a side.
SubjectMask separate_subject(const cv::Mat& bgr, const Face& face, const spec::Thresholds& limits,
                             const BackdropPlate* plate = nullptr);

} // namespace kiosk::vision
