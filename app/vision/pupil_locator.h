#pragma once

#include <array>

#include <opencv2/core.hpp>

namespace kiosk::vision {

// The pupil centre of one eye, refined inside its six-point contour of the
// 68-point layout (`first` = 36 for the subject's right eye, 42 for the left).
// The contour's mean sits about 4 % of the inter-eye distance off the pupil
// (the lids are not symmetric about it); the darkest part of the eye opening
// is the iris and pupil, so their darkness-weighted centroid lands closer.
// Falls back to the contour mean when the eye lies outside the image.
cv::Point2f locate_pupil(const cv::Mat& gray, const std::array<cv::Point2f, 68>& landmarks, int first);

} // namespace kiosk::vision
