#pragma once

#include <opencv2/core.hpp>

#include "vision/face.h"

namespace kiosk::vision {

// How much fine detail the face holds: the variance of the Laplacian inside
// the jaw and brow outline, on a copy reduced so the eyes are `eye_distance`
// pixels apart. Judged at a fixed eye distance (about the document's own),
// a large sharp capture and a small one score alike, and blur that would
// show in the document scores low. A face smaller than that is judged as it
// is. Returns -1 when the face lies outside the image.
double face_focus(const cv::Mat& gray, const Face& face, double eye_distance);

} // namespace kiosk::vision
