#include "vision/checks/face_frame.h"

#include <cmath>

namespace kiosk::vision {
namespace {

cv::Point2d contour_mean(const std::array<cv::Point2f, 68>& lm, int first, int last)
{
    cv::Point2d sum(0, 0);
    for (int i = first; i <= last; ++i)
        sum += cv::Point2d(lm[i]);
    return sum / static_cast<double>(last - first + 1);
}

bool within(double v, double lo, double hi) { return v >= lo && v <= hi; }

} // namespace

FaceFrame to_face_frame(const Face& face)
{
    const cv::Point2d right = contour_mean(face.landmarks, 36, 41);
    const cv::Point2d left = contour_mean(face.landmarks, 42, 47);
    const cv::Point2d origin = (right + left) * 0.5;
    FaceFrame frame;
    frame.eye_distance_px = cv::norm(left - right);
    // A zero eye distance leaves a frame of NaNs, which implausible_landmarks reports.
    const cv::Point2d x_axis = (left - right) / frame.eye_distance_px;
    const cv::Point2d y_axis(-x_axis.y, x_axis.x);
    for (int i = 0; i < 68; ++i) {
        const cv::Point2d d = cv::Point2d(face.landmarks[i]) - origin;
        frame.points[i] = cv::Point2d(d.dot(x_axis), d.dot(y_axis)) / frame.eye_distance_px;
    }
    return frame;
}

std::string implausible_landmarks(const FaceFrame& frame)
{
    if (!std::isfinite(frame.eye_distance_px) || frame.eye_distance_px <= 0)
        return "eye centres coincide";
    for (const auto& p : frame.points)
        if (!std::isfinite(p.x) || !std::isfinite(p.y))
            return "landmark not finite";
    const auto& p = frame.points;
    // The bounds are several times wider than the spread of real faces (on the
    // frl-london set: eye width 0.41, mouth width 0.7-1.2, nose tip 0.47 and
    // mouth 1.07 below the eye line, jaw 2.1 wide, chin 1.8 down), so only
    // shapes that are no face at all are refused.
    const double eye_w_right = p[39].x - p[36].x;
    const double eye_w_left = p[45].x - p[42].x;
    if (!within(eye_w_right, 0.15, 0.9) || !within(eye_w_left, 0.15, 0.9))
        return "eye contour width implausible";
    const double nose_tip = p[30].y;
    const double mouth = (p[48].y + p[54].y) / 2;
    const double chin = p[8].y;
    if (!within(nose_tip, 0.15, 1.2) || !(mouth > nose_tip) || !within(mouth, 0.5, 2.0) || !(chin > mouth))
        return "nose, mouth and chin out of order";
    if (!within(p[54].x - p[48].x, 0.3, 1.8))
        return "mouth width implausible";
    if (!within(p[14].x - p[2].x, 1.0, 3.5))
        return "jaw width implausible";
    return {};
}

bool landmarks_inside(const Face& face, int first, int last, cv::Size image, double margin_px)
{
    const double pad = margin_px;
    for (int i = first; i <= last; ++i) {
        const auto& q = face.landmarks[i];
        if (q.x - pad < 0 || q.y - pad < 0 || q.x + pad > image.width - 1 || q.y + pad > image.height - 1)
            return false;
    }
    return true;
}

} // namespace kiosk::vision
