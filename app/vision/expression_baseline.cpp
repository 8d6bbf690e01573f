#include "vision/expression_baseline.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "core/error.h"
#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"
#include "vision/checks/face_frame.h"

namespace kiosk::vision {

ExpressionBaseline::ExpressionBaseline(const spec::Thresholds& limits)
    : limits_(limits),
      frames_needed_(0),
      max_rise_(limits.number(std::string(check_id::expression_neutral), "max_smile_rise"))
{
    const double frames = limits.number(std::string(check_id::expression_neutral), "baseline_frames");
    if (frames < 1)
        throw ConfigError("checks.expression_neutral.baseline_frames must be at least 1");
    frames_needed_ = static_cast<std::size_t>(frames);
}

void ExpressionBaseline::reset()
{
    seen_.clear();
    relaxed_.reset();
}

CheckResult ExpressionBaseline::judge(const Face& face, const CheckResult& absolute, bool seated)
{
    // A turned or tilted head moves the mouth corners in the picture, and a
    // face still walking up is small and its landmarks noisy; such a frame
    // already fails a framing or pose check and says nothing about a smile.
    if (absolute.status != CheckStatus::Pass || !seated)
        return absolute;
    const SmileCues cues = smile_cues(to_face_frame(face), limits_);
    if (!relaxed_) {
        seen_.push_back(cues);
        if (seen_.size() >= frames_needed_) {
            SmileCues median{};
            std::vector<double> values(seen_.size());
            for (std::size_t c = 0; c < median.size(); ++c) {
                std::transform(seen_.begin(), seen_.end(), values.begin(), [c](const SmileCues& s) { return s[c]; });
                std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
                median[c] = values[values.size() / 2];
            }
            relaxed_ = median;
            seen_.clear();
        }
        return absolute;
    }
    const double rise = smile_rise(cues, *relaxed_);
    if (rise <= max_rise_)
        return absolute;
    char detail[160];
    std::snprintf(detail, sizeof detail, "smile score rose %.2f above this person's relaxed face, at most %.2f", rise,
                  max_rise_);
    return judged_check(check_id::expression_neutral, false, rise, {std::nullopt, max_rise_}, "neutral_expression",
                        detail);
}

} // namespace kiosk::vision
