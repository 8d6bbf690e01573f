#pragma once

#include <opencv2/core.hpp>

#include "camera/motion_script.h"
#include "camera/revealed_band.h"

namespace kiosk::camera {

// Films `picture` as a camera of `frame_size` would see it with the subject at
// `pose`: zoom 1 fits the picture's height to the frame's; outside the picture
// the edge pixels are stretched, which beside a studio portrait reads as more
// of the same backdrop (mirroring would show a second face to the detector);
// below it, on a garment, as streaks, hence the ExtendedPicture overload.
// The same pose gives the same composition at any frame size, so a still
// capture matches the viewfinder.
cv::Mat render_scene(const cv::Mat& picture, const SubjectPose& pose, cv::Size frame_size);
// The same composition as of the original picture, with the extended
// picture's added rows showing where the picture's top or bottom edge is in view.
cv::Mat render_scene(const ExtendedPicture& picture, const SubjectPose& pose, cv::Size frame_size);

// Where a point of `picture` lands in the rendered frame (for tests and for
// checking a script against the vision code's measurements).
cv::Point2d scene_point(cv::Size picture_size, const SubjectPose& pose, cv::Size frame_size, cv::Point2d p);

} // namespace kiosk::camera
