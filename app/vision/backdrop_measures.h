#pragma once

#include <string>

#include <opencv2/core.hpp>

#include "vision/backdrop_plate.h"
#include "vision/crop_window.h"
#include "vision/face.h"

namespace kiosk::vision {

// What the backdrop inside the document's crop looks like. The person is
// left out by the landmark priors of face_regions.h (head with hair, neck and
// shoulders) and the separated subject when there is one, plus a margin;
// what stays is judged at about 240 px.
struct BackdropMeasures {
    bool measured = false;
    std::string why_not;          // when not measured
    int pixels = 0;               // backdrop pixels judged, at the working resolution
    // Share of the backdrop further than busy_delta (delta-E) from a smooth
    // colour surface fitted to it: texture, objects, other people, stray hair.
    double busy_fraction = 0;
    // Change of L* from one side of the crop to the other along a plane
    // fitted to the backdrop: a gradient, or lights set unevenly.
    double lightness_tilt = 0;
    // Median delta-E of the backdrop from that surface: fine mottling or noise.
    double noise = 0;
    cv::Vec3d mean_lab;           // the backdrop's colour (pixels that fit the surface)
    // How much darker (L*) the backdrop right beside and above the head is
    // than the open backdrop (its 80th percentile): a shadow cast by the
    // subject. Zero when both sides are at least as bright.
    // Against a plate: how much darker (L*) than the plate there the
    // darkest `plate_shadow_share` of one side's backdrop right beside and
    // above the head is, once the plate's level is matched to the rest of the
    // backdrop; the lamps' own falloff and the lens's vignetting are in the
    // plate and no longer count.
    double darkening = 0;
    // Whether `darkening` was measured against the empty booth's plate.
    bool against_plate = false;
};

// `subject_alpha` (CV_8U, the frame's size, or empty): the person as
// separated by subject_mask.h. Where given, everything it covers is person
// too, so hair or a bun reaching past the landmark priors is not read as the
// backdrop changing. `plate`: the empty booth, or nullptr; used when the
// frame has the plate's shape and its open backdrop matches the level-matched
// plate within half busy_delta (median), so a stale plate is ignored rather
// than read as a shadow. `plate_shadow_share`: how much of one side
// beside the head a shadow must cover to count in full (against a plate, where
// a shadow covering a quarter of that side is plain to see; without one the
// median of each side is used, as the open backdrop's own unevenness is larger).
BackdropMeasures measure_backdrop(const cv::Mat& bgr, const Face& face, const CropWindow& window, double busy_delta,
                                  const cv::Mat& subject_alpha, const BackdropPlate* plate = nullptr,
                                  double plate_shadow_share = 0.5);

} // namespace kiosk::vision
