#pragma once

#include <opencv2/core.hpp>

#include "vision/face.h"

namespace kiosk::vision {

// Positions in the face's own frame: origin midway between the pupils, x along
// the eye line towards the image's right, y down the face, one unit = the
// inter-eye distance (IED). Ear, lobe and neck regions are named here so one
// set of proportions fits every face size and every small head tilt.
cv::Point2d to_face_units(const Face& face, cv::Point2f image_point);

// A region of the frame resampled upright (eye line level) at a fixed number
// of pixels per IED.
struct UprightPatch {
    cv::Mat bgr;          // 8-bit BGR
    cv::Mat lab;          // the same pixels in CIELAB (OpenCV's 8-bit scale)
    cv::Mat inside;       // 255 where the patch shows the frame, 0 beyond its edge
    cv::Rect2d window;    // the region, in face units
    double px_per_ied = 0;

    // Patch pixel column/row of a point given in face units.
    cv::Point2d to_px(cv::Point2d face_units) const;
    // Share of the patch that shows the frame.
    double inside_fraction() const;
    // Per-channel median CIELAB of the pixels inside the frame (-1s when none).
    cv::Vec3d median_lab() const;
};

// Resamples `window` (face units) of the 8-bit BGR frame at `px_per_ied`.
// Pixels beyond the frame's edge are black and 0 in `inside`.
UprightPatch resample_upright(const cv::Mat& bgr, const Face& face, const cv::Rect2d& window,
                              double px_per_ied);

} // namespace kiosk::vision
