#include "vision/checks/expression_measures.h"

namespace kiosk::vision {

double eye_aspect_ratio(const FaceFrame& frame, int first)
{
    const auto& p = frame.points;
    // Contour order: outer corner, two upper-lid points, inner corner, two lower-lid points.
    const double height = cv::norm(p[first + 1] - p[first + 5]) + cv::norm(p[first + 2] - p[first + 4]);
    const double width = cv::norm(p[first] - p[first + 3]);
    return height / (2 * width);
}

double lip_gap(const FaceFrame& frame)
{
    const auto& p = frame.points;
    return (cv::norm(p[61] - p[67]) + cv::norm(p[62] - p[66]) + cv::norm(p[63] - p[65])) / 3;
}

SmileShape smile_shape(const FaceFrame& frame)
{
    const auto& p = frame.points;
    SmileShape s;
    const double mouth_width = cv::norm(p[54] - p[48]);
    s.mouth_width_to_eyes = mouth_width;
    s.mouth_width_to_jaw = (p[54].x - p[48].x) / (p[14].x - p[2].x);
    const double corners_y = (p[48].y + p[54].y) / 2;
    s.corner_lift = (p[62].y + p[66].y) / 2 - corners_y;
    s.corner_below_nose = ((p[48].y - p[31].y) + (p[54].y - p[35].y)) / 2;
    s.nose_drop = p[30].y - (p[2].y + p[14].y) / 2;
    return s;
}

} // namespace kiosk::vision
