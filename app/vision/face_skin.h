#pragma once

#include <opencv2/core.hpp>

#include "vision/face.h"
#include "vision/face_regions.h"

namespace kiosk::vision {

// The face's skin areas on a patch reduced to a fixed eye distance, for the
// lighting and colour checks. Masks are CV_8U on the patch.
struct FaceSkin {
    FacePatch patch;       // BGR
    cv::Mat gray;          // the patch in grey (luma)
    cv::Mat cheek_left;    // image left: the subject's right cheek
    cv::Mat cheek_right;
    cv::Mat skin;          // cheeks, nose and forehead
    cv::Mat face;          // everything inside the jaw and brow outline, plus the forehead

    bool empty() const { return patch.image.empty(); }
};

// Lighting measures need only a few thousand skin pixels; 80 px between the
// eyes gives cheeks of about 30 x 40 px.
FaceSkin face_skin(const cv::Mat& bgr, const Face& face, double eye_distance = 80.0);

// Median grey level under `mask` (0 when the mask is empty).
double median_luma(const cv::Mat& gray, const cv::Mat& mask);

// Share of the pixels under `mask` whose brightest channel is at least `level`.
double clipped_share(const cv::Mat& bgr, const cv::Mat& mask, int level);

// Share of the pixels under `mask` whose grey level is at most `dark` or at least `bright`.
double share_outside(const cv::Mat& gray, const cv::Mat& mask, int dark, int bright);

// Mean CIELAB colour (L* 0-100, a*, b* signed) under `mask`.
cv::Vec3d mean_lab(const cv::Mat& bgr, const cv::Mat& mask);

} // namespace kiosk::vision
