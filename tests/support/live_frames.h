#pragma once

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace kiosk::test {

// A camera frame of `frame` size showing `portrait` as the kiosk camera
// would: scaled so the portrait is `fill` of the frame's height, centred,
// moved by `shift` pixels and turned by `roll_deg` (clockwise on the image)
// about its centre. Edges are filled by repeating the portrait's border,
// which on the studio photos is the plain backdrop and the shirt.
inline cv::Mat live_frame(const cv::Mat& portrait, cv::Size frame, double fill, cv::Point2d shift,
                          double roll_deg = 0)
{
    // Shrink first with area averaging, as a camera's sensor would, then
    // place and turn without further scaling.
    cv::Mat small;
    const double scale = fill * frame.height / portrait.rows;
    cv::resize(portrait, small, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    const cv::Point2d centre(small.cols / 2.0, small.rows / 2.0);
    // OpenCV's angle is counter-clockwise on the image.
    cv::Mat m = cv::getRotationMatrix2D(centre, -roll_deg, 1.0);
    m.at<double>(0, 2) += frame.width / 2.0 - centre.x + shift.x;
    m.at<double>(1, 2) += frame.height / 2.0 - centre.y + shift.y;
    cv::Mat out;
    cv::warpAffine(small, out, m, frame, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return out;
}

} // namespace kiosk::test
