#include "vision/live_assessor.h"

#include <opencv2/imgproc.hpp>

#include "core/error.h"

namespace kiosk::vision {

LiveAssessor::LiveAssessor(const Models& models, const spec::DocumentSpec& spec, TrackerOptions options)
    : assessor_(models, spec), tracker_(models, options)
{
}

std::shared_ptr<const Assessment> LiveAssessor::assess(const cv::Mat& bgr)
{
    if (bgr.empty() || bgr.type() != CV_8UC3)
        throw InputError("a live frame must be a non-empty 8-bit 3-channel BGR image");
    cv::cvtColor(bgr, gray_, cv::COLOR_BGR2GRAY);
    const FaceTracker::Update tracked = tracker_.update(gray_);
    return std::make_shared<const Assessment>(assessor_.judge(bgr, gray_, tracked.faces_found, tracked.subject,
                                                              Assessor::Depth::DeferExpensiveUnlessCheapPass));
}

} // namespace kiosk::vision
