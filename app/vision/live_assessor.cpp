#include "vision/live_assessor.h"

#include <opencv2/imgproc.hpp>

#include "core/error.h"

namespace kiosk::vision {

LiveAssessor::LiveAssessor(const Models& models, const spec::DocumentSpec& spec, LiveOptions options)
    : assessor_(models, spec), options_(options), tracker_(models, options.tracker)
{
}

void LiveAssessor::reset()
{
    tracker_.reset();
    carried_.clear();
    frames_since_expensive_ = 0;
}

std::shared_ptr<const Assessment> LiveAssessor::assess(const cv::Mat& bgr)
{
    if (bgr.empty() || bgr.type() != CV_8UC3)
        throw InputError("a live frame must be a non-empty 8-bit 3-channel BGR image");
    cv::cvtColor(bgr, gray_, cv::COLOR_BGR2GRAY);
    const FaceTracker::Update tracked = tracker_.update(gray_);
    if (!tracked.same_subject)
        carried_.clear();

    const bool refresh = carried_.empty() || frames_since_expensive_ + 1 >= options_.expensive_every;
    Assessment a = assessor_.judge(bgr, gray_, tracked.faces_found, tracked.subject,
                                   refresh ? Assessor::Depth::DeferExpensiveUnlessCheapPass
                                           : Assessor::Depth::CheapOnly);
    bool cheap_pass = a.face.has_value();
    for (const auto& c : a.checks)
        if (!Assessor::is_expensive(c.id))
            cheap_pass = cheap_pass && c.status == CheckStatus::Pass;

    if (!cheap_pass) {
        carried_.clear();
    } else if (refresh) {
        carried_.clear();
        for (const auto& c : a.checks)
            if (Assessor::is_expensive(c.id))
                carried_.push_back(c);
        frames_since_expensive_ = 0;
    } else {
        auto next = carried_.begin();
        for (auto& c : a.checks)
            if (Assessor::is_expensive(c.id))
                c = *next++;
        ++frames_since_expensive_;
    }
    return std::make_shared<const Assessment>(std::move(a));
}

} // namespace kiosk::vision
