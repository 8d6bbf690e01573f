#pragma once

#include <optional>
#include <vector>

#include <opencv2/core.hpp>

#include "vision/face.h"
#include "vision/models.h"

namespace kiosk::vision {

// Faces in a still image at full detail: detection on a reduced copy (HOG is
// scale-limited to faces of about 80 px and up, so big portraits need no more),
// then landmarks, pupil centres and head pose at full resolution.
struct LocatedFaces {
    int count = 0;                 // faces the detector found
    std::optional<Face> subject;   // the largest one, fully measured
};

LocatedFaces locate_faces(const Models& models, const cv::Mat& gray);

// Landmarks, pupils and pose for a known face box (used by tracking too).
Face measure_face(const Models& models, const cv::Mat& gray, const cv::Rect& box);

} // namespace kiosk::vision
