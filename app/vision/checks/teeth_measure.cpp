#include "vision/checks/teeth_measure.h"

#include <vector>

#include <opencv2/imgproc.hpp>

namespace kiosk::vision {
namespace {

// fillPoly takes fixed-point corners; 4 fractional bits keep the landmarks'
// sub-pixel positions, which matter on a small live-frame mouth.
constexpr int kShiftBits = 4;

std::vector<cv::Point> fixed_point(const Face& face, int first, int last, cv::Point2f origin)
{
    std::vector<cv::Point> out;
    for (int i = first; i <= last; ++i) {
        const cv::Point2f q = (face.landmarks[i] - origin) * static_cast<float>(1 << kShiftBits);
        out.emplace_back(cvRound(q.x), cvRound(q.y));
    }
    return out;
}

} // namespace

std::optional<double> visible_teeth_ratio(cv::InputArray bgr_in, const Face& face, double eye_distance_px,
                                          const TeethRule& rule)
{
    const cv::Mat bgr = bgr_in.getMat();
    const std::vector<cv::Point2f> outer(face.landmarks.begin() + 48, face.landmarks.begin() + 60);
    const cv::Rect roi = cv::boundingRect(outer) & cv::Rect(0, 0, bgr.cols, bgr.rows);
    if (roi.empty() || eye_distance_px <= 0)
        return std::nullopt;

    cv::Mat hsv;
    cv::cvtColor(bgr(roi), hsv, cv::COLOR_BGR2HSV);
    const cv::Point2f origin(static_cast<float>(roi.x), static_cast<float>(roi.y));
    cv::Mat lips = cv::Mat::zeros(roi.size(), CV_8U);
    cv::Mat mouth = cv::Mat::zeros(roi.size(), CV_8U);
    cv::fillPoly(lips, std::vector{fixed_point(face, 48, 59, origin)}, 255, cv::LINE_8, kShiftBits);
    cv::fillPoly(mouth, std::vector{fixed_point(face, 60, 67, origin)}, 255, cv::LINE_8, kShiftBits);
    lips &= ~mouth;
    if (cv::countNonZero(lips) == 0)
        return std::nullopt;

    const cv::Scalar lip = cv::mean(hsv, lips);
    cv::Mat teeth;
    cv::inRange(hsv, cv::Scalar(0, 0, lip[2] + rule.min_brightness_over_lips),
                cv::Scalar(255, lip[1] * rule.max_saturation_of_lips, 255), teeth);
    teeth &= mouth;
    return cv::countNonZero(teeth) / (eye_distance_px * eye_distance_px);
}

} // namespace kiosk::vision
