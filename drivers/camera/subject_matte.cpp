#include "camera/subject_matte.h"

#include <algorithm>
#include <array>

#include <opencv2/imgproc.hpp>

namespace kiosk::camera {
namespace {

// Small enough to cost about a millisecond, large enough for a head's outline.
constexpr int matte_width = 240;
// Largest step between neighbouring pixels of the (blurred) backdrop.
constexpr double backdrop_step = 3.0;
// The head is the top part of the subject: its centre is taken from this
// share of the subject's height, below its highest point.
constexpr double head_share = 0.2;

} // namespace

SubjectMatte subject_matte(const cv::Mat& bgr_picture)
{
    const double scale = std::min(1.0, static_cast<double>(matte_width) / bgr_picture.cols);
    cv::Mat small;
    cv::resize(bgr_picture, small, {}, scale, scale, cv::INTER_AREA);
    cv::GaussianBlur(small, small, {3, 3}, 0);

    // floodFill's mask is 2 px larger; filled pixels become 1.
    cv::Mat filled = cv::Mat::zeros(small.rows + 2, small.cols + 2, CV_8U);
    const cv::Scalar step = cv::Scalar::all(backdrop_step);
    const int flags = 4 | cv::FLOODFILL_MASK_ONLY | (1 << 8);
    const int right = small.cols - 1;
    // Corners and sides at a third of the height: backdrop in any portrait,
    // where the top middle may be hair.
    const std::array<cv::Point, 4> seeds{cv::Point{0, 0}, cv::Point{right, 0}, cv::Point{0, small.rows / 3},
                                         cv::Point{right, small.rows / 3}};
    for (const cv::Point& seed : seeds) {
        if (filled.at<uchar>(seed.y + 1, seed.x + 1) == 0)
            cv::floodFill(small, filled, seed, {}, nullptr, step, step, flags);
    }

    SubjectMatte matte;
    matte.alpha = (filled(cv::Rect(1, 1, small.cols, small.rows)) == 0);
    matte.head_centre = {small.cols / 2.0, small.rows / 2.0};
    const cv::Rect subject = cv::boundingRect(matte.alpha);
    // A speck of noise is not a person.
    if (cv::countNonZero(matte.alpha) < small.rows * small.cols / 100)
        return matte;
    matte.empty = false;
    const int head_rows = std::max(1, static_cast<int>(subject.height * head_share));
    const cv::Moments head = cv::moments(matte.alpha(cv::Rect(0, subject.y, small.cols, head_rows)), true);
    if (head.m00 > 0)
        matte.head_centre = {head.m10 / head.m00, subject.y + head.m01 / head.m00};
    return matte;
}

} // namespace kiosk::camera
