#pragma once

#include <opencv2/core.hpp>

namespace kiosk::camera {

// Where the subject is in a replayed picture, so the booth model can light it
// apart from the backdrop. The backdrop is whatever joins the picture's top
// corners and sides by small steps (a studio backdrop is smooth, even when it
// is unevenly lit); everything else is the subject. Worked out on a small
// copy: the matte is rendered with the picture's pose, and rendering is
// independent of the picture's resolution.
struct SubjectMatte {
    cv::Mat alpha;            // 8-bit, 255 = subject, at the small copy's size
    cv::Point2d head_centre;  // in the small copy's pixels; the picture's centre when empty
    bool empty = true;        // no subject: an empty booth
};

SubjectMatte subject_matte(const cv::Mat& bgr_picture);

} // namespace kiosk::camera
