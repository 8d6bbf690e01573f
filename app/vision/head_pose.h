#pragma once

#include <array>

#include <opencv2/core.hpp>

#include "vision/face.h"

namespace kiosk::vision {

// Yaw, pitch and roll of a face from its 68 landmarks and refined pupils
// (sign conventions in face.h). Each angle uses the cue that was steadiest on
// the FRL frontal portraits:
//  - roll: the line through the pupils;
//  - yaw: how far the nose tip sits from the middle of the jaw ends (landmarks
//    0 and 16), after removing the roll; a generic 3-D fit (PnP) scattered
//    about 6 deg on level faces, this cue about 1.8 deg;
//  - pitch: a PnP fit of a generic 3-D face, whose reading on level faces is
//    offset by the generic model's proportions; the offset is removed.
HeadPose estimate_head_pose(const std::array<cv::Point2f, 68>& landmarks, cv::Point2f eye_right,
                            cv::Point2f eye_left, cv::Size image);

} // namespace kiosk::vision
