#include "vision/checks/expression_checks.h"

#include <cstdio>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"
#include "vision/checks/expression_judgement.h"
#include "vision/checks/expression_measures.h"
#include "vision/checks/face_frame.h"
#include "vision/checks/smile_cues.h"
#include "vision/checks/teeth_measure.h"

namespace kiosk::vision {
namespace {

// iBUG 68-point index ranges the checks read.
constexpr int kRightEye = 36, kLeftEye = 42, kEyesFirst = 36, kEyesLast = 47;
constexpr int kNoseFirst = 27, kMouthFirst = 48, kMouthLast = 67;
constexpr int kJawRight = 2, kJawLeft = 14;   // ear-level jaw points used by the smile shape

std::string format(const char* fmt, double a, double b)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, a, b);
    return buf;
}

// The reason a face-frame check cannot be decided, if any: landmarks that are
// no face, a face too small for its eyes and lips to be measured, or the
// region the check reads lying (partly) outside the picture.
std::optional<CheckResult> undecidable(std::string_view id, const Face& face, cv::Size image,
                                       const spec::Thresholds& limits, const FaceFrame& frame, const char* region,
                                       std::initializer_list<std::pair<int, int>> ranges)
{
    if (const std::string why = implausible_landmarks(frame); !why.empty())
        return unknown_check(id, "landmarks implausible: " + why);
    const double min_px = limits.number(std::string(id), "min_eye_distance_px");
    if (frame.eye_distance_px < min_px)
        return unknown_check(id, format("face too small to judge: %.0f px between the eyes, needs %.0f",
                                        frame.eye_distance_px, min_px));
    for (const auto& [first, last] : ranges)
        if (!landmarks_inside(face, first, last, image))
            return unknown_check(id, std::string(region) + " outside the picture");
    return std::nullopt;
}

} // namespace

CheckResult judge_eyes_open(const Face& face, cv::Size image, const spec::Thresholds& limits)
{
    const std::string id(check_id::eyes_open);
    const FaceFrame frame = to_face_frame(face);
    if (auto unknown = undecidable(id, face, image, limits, frame, "eye region", {{kEyesFirst, kEyesLast}}))
        return *unknown;
    // The narrower eye decides: one closed or half-closed eye fails the photo.
    const double ratio = std::min(eye_aspect_ratio(frame, kRightEye), eye_aspect_ratio(frame, kLeftEye));
    const double min = limits.number(id, "min_eye_aspect_ratio");
    return judged_check(id, ratio >= min, ratio, {min, std::nullopt}, "open_eyes",
                        format("eye aspect ratio %.2f, needs at least %.2f", ratio, min));
}

CheckResult judge_mouth_closed(cv::InputArray bgr, const Face& face, const spec::Thresholds& limits)
{
    const std::string id(check_id::mouth_closed);
    const FaceFrame frame = to_face_frame(face);
    if (auto unknown = undecidable(id, face, bgr.size(), limits, frame, "mouth", {{kMouthFirst, kMouthLast}}))
        return *unknown;

    const TeethRule rule{limits.number(id, "teeth_min_brightness_over_lips"),
                         limits.number(id, "teeth_max_saturation_of_lips")};
    const auto teeth = visible_teeth_ratio(bgr, face, frame.eye_distance_px, rule);
    if (!teeth)
        return unknown_check(id, "the lips cover no pixel of the picture");
    // Teeth seen between the lips mean the lips are apart even when the
    // landmark predictor, which often pulls the inner lip points together
    // over a smile, reports a small gap. The value then is the teeth area.
    const double max_teeth = limits.number(id, "max_teeth_area_ratio");
    if (*teeth > max_teeth)
        return judged_check(id, false, *teeth, {std::nullopt, max_teeth}, "close_mouth",
                            format("teeth visible: area %.4f of the eye distance squared, at most %.4f", *teeth,
                                   max_teeth));

    const double gap = lip_gap(frame);
    const double max_gap = limits.number(id, "max_lip_gap_ratio");
    return judged_check(id, gap <= max_gap, gap, {std::nullopt, max_gap}, "close_mouth",
                        format("lips %.3f eye distances apart, at most %.3f", gap, max_gap));
}

CheckResult judge_expression_neutral(const Face& face, cv::Size image, const spec::Thresholds& limits)
{
    const std::string id(check_id::expression_neutral);
    const FaceFrame frame = to_face_frame(face);
    if (auto unknown = undecidable(id, face, image, limits, frame, "lower face",
                                   {{kNoseFirst, kMouthLast}, {kJawRight, kJawRight}, {kJawLeft, kJawLeft}}))
        return *unknown;

    const double score = smile_score(smile_cues(frame, limits));
    const double max = limits.number(id, "max_smile_score");
    return judged_check(id, score <= max, score, {std::nullopt, max}, "neutral_expression",
                        format("smile score %.2f, at most %.2f", score, max));
}

CheckResult check_eyes_open(const CheckContext& ctx)
{
    return judge_eyes_open(ctx.face, ctx.bgr.size(), ctx.spec.checks);
}

CheckResult check_mouth_closed(const CheckContext& ctx)
{
    return judge_mouth_closed(ctx.bgr, ctx.face, ctx.spec.checks);
}

CheckResult check_expression_neutral(const CheckContext& ctx)
{
    return judge_expression_neutral(ctx.face, ctx.bgr.size(), ctx.spec.checks);
}

} // namespace kiosk::vision
