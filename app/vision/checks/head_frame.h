#pragma once

#include <array>

#include <opencv2/core.hpp>

#include "vision/face.h"

namespace kiosk::vision {

// An upright, scale-normalised view of part of the head: the frame resampled so
// the eye line is level and the pupils lie `px_per_ied` pixels apart. Regions
// are then named in inter-eye distances (IED) from the eye midpoint, x towards
// the image's right and y downwards, so one set of proportions fits every face
// size and every small tilt.
class HeadFrame {
public:
    // `window`: the part of the head to resample, in IED units. Pixels that fall
    // outside the source frame are black and excluded by inside().
    HeadFrame(const cv::Mat& bgr, const Face& face, const cv::Rect2d& window, double px_per_ied);

    const cv::Mat& bgr() const { return bgr_; }
    const cv::Mat& lab() const { return lab_; }
    const cv::Mat& gray() const { return gray_; }
    // 255 where the view shows the source frame, 0 where it runs off its edge.
    const cv::Mat& inside() const { return inside_; }

    double px_per_ied() const { return px_per_ied_; }
    // View pixel coordinates of a point given in IED units.
    cv::Point2d to_px(cv::Point2d ied) const;
    // IED-unit y of a view row.
    double to_ied_y(double y_px) const;
    // A region given in IED units, in view pixels, clipped to the view.
    cv::Rect region(double x0, double y0, double x1, double y1) const;
    // Share of a view region that shows the source frame (0 when empty).
    double inside_fraction(const cv::Rect& r) const;

    // A landmark of the face, in IED units.
    cv::Point2d landmark_ied(int index) const { return landmarks_ied_[index]; }
    // Mean IED-unit y of landmarks [first, last] (e.g. the brows, 17-26).
    double mean_y_ied(int first, int last) const;

private:
    cv::Rect2d window_;
    double px_per_ied_;
    cv::Mat bgr_, lab_, gray_, inside_;
    std::array<cv::Point2d, 68> landmarks_ied_;
};

} // namespace kiosk::vision
