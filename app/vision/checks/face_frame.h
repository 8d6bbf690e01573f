#pragma once

#include <array>
#include <string>

#include <opencv2/core.hpp>

#include "vision/face.h"

namespace kiosk::vision {

// The 68 landmarks in a face-aligned frame: origin midway between the eye
// centres, x along the eye line towards the subject's left eye (image right),
// y down the face, and one unit = the distance between the eye centres.
// Shape measures taken here do not change with the distance to the camera or
// with head roll, so one limit serves a 720p live frame and a 1350 px still.
struct FaceFrame {
    std::array<cv::Point2d, 68> points;
    double eye_distance_px = 0;   // the unit, in frame pixels
};

// Eye centres are the means of the eye contours (36-41, 42-47), not refined
// pupils, so the frame depends on the landmarks alone.
FaceFrame to_face_frame(const Face& face);

// Why these landmarks cannot be a human face seen roughly from the front
// (points out of anatomical order or proportions far outside any person's);
// empty when they are plausible. The predictor returns such shapes when the
// detector box holds no real face or the face is badly cut.
std::string implausible_landmarks(const FaceFrame& frame);

// Whether landmarks [first, last] lie inside the image with `margin_px` to
// spare: a point the predictor placed beyond the border is a guess, and the
// pixels a check reads around it do not exist.
bool landmarks_inside(const Face& face, int first, int last, cv::Size image, double margin_px = 0.0);

} // namespace kiosk::vision
