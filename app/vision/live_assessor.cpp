#include "vision/live_assessor.h"

#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "vision/check_ids.h"

namespace kiosk::vision {

LiveAssessor::LiveAssessor(const Models& models, const spec::DocumentSpec& spec, LiveOptions options)
    : assessor_(models, spec), options_(options), tracker_(models, options.tracker), baseline_(spec.checks)
{
}

void LiveAssessor::reset()
{
    tracker_.reset();
    baseline_.reset();
    carried_.clear();
    frames_since_expensive_ = 0;
}

std::shared_ptr<const Assessment> LiveAssessor::assess(const cv::Mat& bgr)
{
    if (bgr.empty() || bgr.type() != CV_8UC3)
        throw InputError("a live frame must be a non-empty 8-bit 3-channel BGR image");
    cv::cvtColor(bgr, gray_, cv::COLOR_BGR2GRAY);
    const FaceTracker::Update tracked = tracker_.update(gray_);
    if (!tracked.same_subject) {
        carried_.clear();
        baseline_.reset();
    }

    const bool refresh = carried_.empty() || frames_since_expensive_ + 1 >= options_.expensive_every;
    Assessment a = assessor_.judge(bgr, gray_, tracked.faces_found, tracked.subject,
                                   refresh ? Assessor::Depth::DeferExpensiveUnlessCheapPass
                                           : Assessor::Depth::CheapOnly);
    if (a.face) {
        // The relaxed face is learnt once the citizen sits in place, not from
        // a small, noisy face still walking up.
        const auto passes = [&a](std::string_view id) {
            const CheckResult* c = a.find(id);
            return c && c->status == CheckStatus::Pass;
        };
        const bool seated = passes(check_id::face_size) && passes(check_id::face_centered) &&
                            passes(check_id::yaw) && passes(check_id::pitch) && passes(check_id::roll);
        for (auto& c : a.checks)
            if (c.id == check_id::expression_neutral)
                c = baseline_.judge(*a.face, c, seated);
    }
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
