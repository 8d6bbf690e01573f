#pragma once

#include <array>

#include <opencv2/core.hpp>

#include "vision/face.h"

namespace kiosk::vision {

// Yaw, pitch and roll from the 68 landmarks by fitting a generic 3-D face
// (solvePnP) with a pinhole camera whose focal length is the image width.
HeadPose estimate_head_pose(const std::array<cv::Point2f, 68>& landmarks, cv::Size image);

} // namespace kiosk::vision
