#pragma once

#include <array>

#include <opencv2/core.hpp>

namespace kiosk::vision {

// Yaw: positive when the subject turns to their left (nose towards the image's right).
// Pitch: positive chin up. Roll: positive when the head tilts towards the
// subject's left shoulder (clockwise on the image). Degrees.
struct HeadPose {
    double yaw = 0;
    double pitch = 0;
    double roll = 0;
};

// One face found in a frame, in that frame's pixel coordinates.
struct Face {
    cv::Rect box;                           // detector box
    std::array<cv::Point2f, 68> landmarks;  // iBUG 300-W 68-point layout (dlib's predictor)
    cv::Point2f eye_right;                  // subject's right pupil centre (image left)
    cv::Point2f eye_left;                   // subject's left pupil centre (image right)
    HeadPose pose;

    double inter_eye_distance() const { return cv::norm(eye_left - eye_right); }
};

} // namespace kiosk::vision
