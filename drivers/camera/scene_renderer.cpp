#include "camera/scene_renderer.h"

#include <opencv2/imgproc.hpp>

namespace kiosk::camera {
namespace {

// The 2x3 affine matrix taking picture coordinates to frame coordinates.
cv::Mat scene_transform(cv::Size picture_size, const SubjectPose& pose, cv::Size frame_size)
{
    const double scale = pose.zoom * frame_size.height / static_cast<double>(picture_size.height);
    const cv::Point2f centre(picture_size.width / 2.0f, picture_size.height / 2.0f);
    // OpenCV's positive angle turns counter-clockwise on screen; roll is clockwise.
    cv::Mat m = cv::getRotationMatrix2D(centre, -pose.roll, scale);
    const double target_x = frame_size.width * (0.5 + pose.x);
    const double target_y = frame_size.height * (0.5 + pose.y);
    m.at<double>(0, 2) += target_x - centre.x;
    m.at<double>(1, 2) += target_y - centre.y;
    return m;
}

} // namespace

cv::Mat render_scene(const cv::Mat& picture, const SubjectPose& pose, cv::Size frame_size)
{
    cv::Mat frame;
    cv::warpAffine(picture, frame, scene_transform(picture.size(), pose, frame_size), frame_size, cv::INTER_LINEAR,
                   cv::BORDER_REPLICATE);
    return frame;
}

cv::Mat render_scene(const ExtendedPicture& picture, const SubjectPose& pose, cv::Size frame_size)
{
    cv::Mat m = scene_transform(picture.original_size(), pose, frame_size);
    // The original picture's row y is the extended one's y + margin.
    m.at<double>(0, 2) -= m.at<double>(0, 1) * picture.margin;
    m.at<double>(1, 2) -= m.at<double>(1, 1) * picture.margin;
    cv::Mat frame;
    cv::warpAffine(picture.pixels, frame, m, frame_size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return frame;
}

cv::Point2d scene_point(cv::Size picture_size, const SubjectPose& pose, cv::Size frame_size, cv::Point2d p)
{
    const cv::Mat m = scene_transform(picture_size, pose, frame_size);
    return {m.at<double>(0, 0) * p.x + m.at<double>(0, 1) * p.y + m.at<double>(0, 2),
            m.at<double>(1, 0) * p.x + m.at<double>(1, 1) * p.y + m.at<double>(1, 2)};
}

} // namespace kiosk::camera
