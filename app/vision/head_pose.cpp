#include "vision/head_pose.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/calib3d.hpp>

namespace kiosk::vision {
namespace {

// A generic adult face in millimetres, x to the image's right, y down, z away
// from the camera; landmark numbers of the 68-point layout.
struct ModelPoint {
    int landmark;
    cv::Point3d position;
};
const ModelPoint kModel[] = {
    {30, {0.0, 0.0, 0.0}},         // nose tip
    {8, {0.0, 63.6, 12.5}},        // chin
    {36, {-43.3, -32.7, 26.0}},    // subject's right eye, outer corner
    {45, {43.3, -32.7, 26.0}},     // subject's left eye, outer corner
    {48, {-28.9, 28.9, 24.1}},     // right mouth corner
    {54, {28.9, 28.9, 24.1}},      // left mouth corner
    {27, {0.0, -33.0, 16.0}},      // nose bridge between the eyes
};

// What the PnP fit of kModel reads, chin-up positive, on a level face: the
// median over the 66 frontal neutral FRL London portraits. The generic
// model's vertical proportions (nose tip, mouth, chin) differ from the mean
// face dlib's landmarks describe, which tilts every fit by about this much.
constexpr double kPnpLevelPitchDeg = 8.0;

// Yaw from symmetry: turning by `yaw` moves the nose tip sideways by
// D * sin(yaw), where D (about 115 mm) is its distance in front of the
// head's vertical axis, while the jaw ends (about 68 mm either side of that
// axis) keep their midpoint on it. Anthropometric means for adults.
constexpr double kNoseLeverOverHalfWidth = 115.0 / 68.0;

double degrees(double rad) { return rad * 180.0 / CV_PI; }

// Chin-up pitch from a PnP fit of the generic face.
double pnp_pitch(const std::array<cv::Point2f, 68>& lm, cv::Size image)
{
    std::vector<cv::Point3d> object;
    std::vector<cv::Point2d> projected;
    for (const auto& p : kModel) {
        object.push_back(p.position);
        projected.emplace_back(lm[p.landmark].x, lm[p.landmark].y);
    }
    const double f = image.width;
    const cv::Matx33d camera(f, 0, image.width / 2.0, 0, f, image.height / 2.0, 0, 0, 1);
    cv::Vec3d rvec, tvec;
    cv::solvePnP(object, projected, camera, cv::noArray(), rvec, tvec, false, cv::SOLVEPNP_ITERATIVE);
    cv::Matx33d r;
    cv::Rodrigues(rvec, r);
    // Rotation about the camera's x axis; with y down and z away, a positive
    // angle moves the chin away from the camera, i.e. chin down.
    return -degrees(std::atan2(r(2, 1), r(2, 2)));
}

} // namespace

HeadPose estimate_head_pose(const std::array<cv::Point2f, 68>& lm, cv::Point2f eye_right, cv::Point2f eye_left,
                            cv::Size image)
{
    HeadPose pose;
    const cv::Point2f eyes = eye_left - eye_right;
    const double roll = std::atan2(eyes.y, eyes.x);
    pose.roll = degrees(roll);

    // Horizontal offsets along the (rolled) eye line.
    const cv::Point2d along(std::cos(roll), std::sin(roll));
    auto x_of = [&](const cv::Point2f& p) { return cv::Point2d(p).dot(along); };
    const double jaw_right = x_of(lm[0]);
    const double jaw_left = x_of(lm[16]);
    const double half_width = (jaw_left - jaw_right) / 2;
    if (half_width > 0) {
        const double offset = (x_of(lm[30]) - (jaw_left + jaw_right) / 2) / half_width;
        pose.yaw = degrees(std::asin(std::clamp(offset / kNoseLeverOverHalfWidth, -1.0, 1.0)));
    }
    pose.pitch = pnp_pitch(lm, image) - kPnpLevelPitchDeg;
    return pose;
}

} // namespace kiosk::vision
