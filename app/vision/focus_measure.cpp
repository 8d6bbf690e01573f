#include "vision/focus_measure.h"

#include <opencv2/imgproc.hpp>

#include "vision/face_regions.h"

namespace kiosk::vision {

double face_focus(const cv::Mat& gray, const Face& face, double eye_distance)
{
    const FacePatch patch = face_patch(gray, face, eye_distance);
    if (patch.image.empty())
        return -1;
    cv::Mat inside = cv::Mat::zeros(patch.image.size(), CV_8U);
    fill_region(inside, face_regions(face).face_outline, patch.origin, patch.scale);
    // Off the outline by two pixels: the face's edge against the backdrop is
    // contrast the lighting makes, not detail.
    cv::erode(inside, inside, cv::Mat(), cv::Point(-1, -1), 2);
    if (cv::countNonZero(inside) == 0)
        return -1;
    cv::Mat laplacian;
    cv::Laplacian(patch.image, laplacian, CV_32F);
    cv::Scalar mean, sd;
    cv::meanStdDev(laplacian, mean, sd, inside);
    return sd[0] * sd[0];
}

} // namespace kiosk::vision
