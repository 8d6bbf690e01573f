#include "session/framing.h"

namespace kiosk::session {

cv::Point2d crop_window_centre(const spec::CropPlan& plan, const spec::OutputFormat& output)
{
    const cv::Matx23d& m = plan.source_to_output;
    const cv::Matx33d to_output(m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2), 0, 0, 1);
    const cv::Vec3d source = to_output.inv() * cv::Vec3d(output.width_px / 2.0, output.height_px / 2.0, 1.0);
    return {source[0], source[1]};
}

double crop_window_offset(const spec::CropPlan& plan, const spec::OutputFormat& output, cv::Size frame)
{
    return (crop_window_centre(plan, output).y - frame.height / 2.0) / frame.height;
}

cv::Rect2f mirrored_normalised(const cv::Rect2d& box, cv::Size frame)
{
    const double w = frame.width, h = frame.height;
    return cv::Rect2f(static_cast<float>((w - box.x - box.width) / w), static_cast<float>(box.y / h),
                      static_cast<float>(box.width / w), static_cast<float>(box.height / h));
}

cv::Rect2f guide_target(const cv::Rect& face_box, const spec::CropPlan& plan, const spec::OutputFormat& output,
                        cv::Size frame)
{
    const cv::Point2d shift = cv::Point2d(frame.width / 2.0, frame.height / 2.0) - crop_window_centre(plan, output);
    const cv::Rect2d moved(face_box.x + shift.x, face_box.y + shift.y, face_box.width, face_box.height);
    return mirrored_normalised(moved, frame);
}

} // namespace kiosk::session
