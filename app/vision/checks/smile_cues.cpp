#include "vision/checks/smile_cues.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "core/error.h"
#include "vision/check_ids.h"
#include "vision/checks/expression_measures.h"

namespace kiosk::vision {
namespace {

double scaled(const spec::Thresholds& limits, const std::string& name, double value)
{
    const std::string id(check_id::expression_neutral);
    const double neutral = limits.number(id, name + "_neutral");
    const double smile = limits.number(id, name + "_smile");
    if (neutral == smile)
        throw ConfigError("checks.expression_neutral." + name + "_neutral and _smile must differ");
    return (value - neutral) / (smile - neutral);
}

} // namespace

SmileCues smile_cues(const FaceFrame& frame, const spec::Thresholds& limits)
{
    const std::string id(check_id::expression_neutral);
    const SmileShape s = smile_shape(frame);
    // Remove the part of the corner measures that comes from looking up or
    // down, by shares measured on neutral faces.
    const double lift = s.corner_lift - limits.number(id, "corner_lift_per_nose_drop") * s.nose_drop;
    const double below_nose = s.corner_below_nose - limits.number(id, "corner_below_nose_per_nose_drop") * s.nose_drop;
    return {scaled(limits, "mouth_width_to_eyes", s.mouth_width_to_eyes),
            scaled(limits, "mouth_width_to_jaw", s.mouth_width_to_jaw), scaled(limits, "corner_lift", lift),
            scaled(limits, "corner_below_nose", below_nose)};
}

double smile_score(const SmileCues& cues)
{
    // Equal weights: one cue alone varies too much from person to person at
    // rest, their mean far less.
    return std::accumulate(cues.begin(), cues.end(), 0.0, [](double sum, double c) { return sum + std::max(0.0, c); }) /
           cues.size();
}

double smile_rise(const SmileCues& now, const SmileCues& relaxed)
{
    double sum = 0;
    for (std::size_t i = 0; i < now.size(); ++i)
        sum += now[i] - relaxed[i];
    return sum / now.size();
}

} // namespace kiosk::vision
