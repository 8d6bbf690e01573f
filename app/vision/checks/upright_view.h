#pragma once

#include <array>

#include <opencv2/core.hpp>

#include "vision/face.h"

namespace kiosk::vision {

// Positions in the face's own frame ("face units"): origin midway between the
// pupils, x along the eye line towards the image's right, y down the face, one
// unit = the inter-eye distance (IED). Regions named in these units fit every
// face size and every small head tilt with one set of proportions.
cv::Point2d to_face_units(const Face& face, cv::Point2f image_point);

// How a view that shrinks the frame (more than one frame pixel per view pixel)
// reads it. The checks' limits were measured with one or the other, so each
// caller names the one its limits assume.
enum class Shrinking {
    // Bilinear samples of the frame as it is: edges and texture keep their
    // full contrast (the head checks' frame-edge and texture limits).
    Sample,
    // The frame smoothed first, so a thin chain or hoop wire comes out as a
    // fainter line instead of falling between samples (the ear and neck checks).
    SmoothFirst,
};

// A region of the face resampled upright (eye line level) at a fixed number of
// pixels per IED, with a mask of where it shows the frame and the statistics
// the checks take over its regions.
class UprightView {
public:
    // `window`: the region to resample, in face units. Pixels beyond the
    // frame's edge are black and 0 in inside().
    UprightView(const cv::Mat& bgr, const Face& face, const cv::Rect2d& window, double px_per_ied,
                Shrinking shrinking);

    const cv::Mat& bgr() const { return bgr_; }
    const cv::Mat& lab() const { return lab_; }     // CIELAB, OpenCV's 8-bit scale
    const cv::Mat& gray() const { return gray_; }
    // 255 where the view shows the frame, 0 where it runs off its edge.
    const cv::Mat& inside() const { return inside_; }

    double px_per_ied() const { return px_per_ied_; }
    // View pixel coordinates of a point given in face units.
    cv::Point2d to_px(cv::Point2d face_units) const;
    // Face-unit y of a view row.
    double to_face_units_y(double y_px) const;
    // A region given in face units, in view pixels, clipped to the view.
    cv::Rect region(double x0, double y0, double x1, double y1) const;

    // Share of a view region (or of the whole view) that shows the frame; 0 when empty.
    double inside_fraction(const cv::Rect& r) const;
    double inside_fraction() const { return inside_fraction(cv::Rect(0, 0, inside_.cols, inside_.rows)); }
    // Per-channel median CIELAB of the view's pixels inside the frame (-1s when none).
    cv::Vec3d median_lab() const;

    // A landmark of the face, in face units.
    cv::Point2d landmark(int index) const { return landmarks_[index]; }
    // Mean face-unit y of landmarks [first, last] (e.g. the brows, 17-26).
    double mean_landmark_y(int first, int last) const;

private:
    cv::Rect2d window_;
    double px_per_ied_;
    cv::Mat bgr_, lab_, gray_, inside_;
    std::array<cv::Point2d, 68> landmarks_;
};

} // namespace kiosk::vision
