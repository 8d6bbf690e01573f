#include "vision/head_measurements.h"

namespace kiosk::vision {

spec::HeadMeasurements head_measurements(const Face& face, const Crown& crown)
{
    spec::HeadMeasurements h;
    h.eye_right = face.eye_right;
    h.eye_left = face.eye_left;
    h.chin = face.landmarks[8];
    h.crown_y = crown.y;
    h.crown_measured = crown.measured;
    h.face_width = cv::norm(face.landmarks[16] - face.landmarks[0]);
    return h;
}

} // namespace kiosk::vision
