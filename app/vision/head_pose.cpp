#include "vision/head_pose.h"

#include <cmath>

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

double degrees(double rad) { return rad * 180.0 / CV_PI; }

} // namespace

HeadPose estimate_head_pose(const std::array<cv::Point2f, 68>& lm, cv::Size image)
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

    // Decompose R = Rz(roll) * Ry(yaw) * Rx(pitch) in the camera frame.
    HeadPose pose;
    pose.yaw = degrees(std::asin(std::clamp(-r(2, 0), -1.0, 1.0)));
    pose.pitch = degrees(std::atan2(r(2, 1), r(2, 2)));
    pose.roll = degrees(std::atan2(r(1, 0), r(0, 0)));
    return pose;
}

} // namespace kiosk::vision
