#include "vision/checks/geometry_checks.h"

#include <cmath>
#include <cstdio>

#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"

namespace kiosk::vision {
namespace {

std::string format(const char* fmt, double a, double b)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, a, b);
    return buf;
}

// Which edge of the frame cuts the head or shoulders; empty when none does.
// The crown is the one the crop was planned with (measured or the
// anthropometric estimate). The neck and the top of the shoulders are taken
// to need `shoulder_margin` face heights (brows to chin) of frame below the chin.
std::string cut_edge(const CheckContext& ctx, double shoulder_margin)
{
    const Face& f = ctx.face;
    const cv::Point2f chin = f.landmarks[8];
    if (ctx.crop.head.crown_y < 0)
        return ctx.crop.head.crown_measured ? "top edge cuts the head" : "top edge cuts the head (estimated crown)";
    cv::Point2f brows(0, 0);
    for (int i = 17; i <= 26; ++i)
        brows += f.landmarks[i];
    brows *= 0.1f;
    const double face_height = cv::norm(chin - brows);
    if (chin.y + shoulder_margin * face_height > ctx.gray.rows)
        return "bottom edge cuts the neck and shoulders";
    if (f.landmarks[0].x < 0 || f.landmarks[16].x < 0)
        return "left edge cuts the face";
    if (f.landmarks[0].x >= ctx.gray.cols || f.landmarks[16].x >= ctx.gray.cols)
        return "right edge cuts the face";
    return {};
}

// A pose angle against the spec's limit widened by the estimator's own
// uncertainty (estimate_uncertainty_deg: its spread on level frontal faces,
// see config/specs/defaults.json), so a level face whose anatomy reads a few
// degrees off is not sent back while a clearly turned head still fails.
CheckResult angle_check(std::string_view id, double degrees, const spec::Thresholds& limits, const char* advice)
{
    const std::string check(id);
    const double max = limits.number(check, "max_abs_deg");
    const double uncertainty = limits.number(check, "estimate_uncertainty_deg");
    const double allowed = max + uncertainty;
    char detail[160];
    std::snprintf(detail, sizeof detail, "%.1f deg, limit +/-%.1f plus %.1f estimate uncertainty", degrees, max,
                  uncertainty);
    return judged_check(id, std::abs(degrees) <= allowed, degrees, {-allowed, allowed}, advice, detail);
}

} // namespace

CheckResult check_face_count(int faces_found, const spec::Thresholds& limits)
{
    const double max = limits.number("face_count", "max_faces");
    const bool ok = faces_found >= 1 && faces_found <= max;
    return judged_check(check_id::face_count, ok, static_cast<double>(faces_found), {1.0, max},
                        faces_found == 0 ? "face_the_camera" : "one_person_only",
                        faces_found == 0 ? "no face found" : format("%.0f faces, at most %.0f", faces_found, max));
}

CheckResult check_face_size(const CheckContext& ctx)
{
    const auto& limits = ctx.spec.checks;
    const double max_upscale = limits.number("face_size", "max_upscale");
    const double margin = limits.number("face_size", "shoulder_margin_of_face_height");
    // plan_crop's scale is output px per source px: above max_upscale the
    // document picture would be blown up from too few pixels.
    const double scale = ctx.crop.scale;
    if (scale > max_upscale)
        return judged_check(check_id::face_size, false, scale, {std::nullopt, max_upscale}, "move_closer",
                            format("the crop needs %.2fx upscaling, at most %.2fx", scale, max_upscale));
    const std::string cut = cut_edge(ctx, margin);
    return judged_check(check_id::face_size, cut.empty(), scale, {std::nullopt, max_upscale}, "show_head_and_shoulders",
                        cut);
}

CheckResult check_face_centered(const CheckContext& ctx)
{
    const double max = ctx.spec.checks.number("face_centered", "max_outside_fraction");
    const double outside = ctx.crop.outside_fraction;
    return judged_check(check_id::face_centered, outside <= max, outside, {std::nullopt, max}, "move_to_centre",
                        format("%.1f %% of the document's crop lies outside the frame (at most %.1f %%)",
                               100 * outside, 100 * max));
}

CheckResult check_yaw(const CheckContext& ctx)
{
    return angle_check(check_id::yaw, ctx.face.pose.yaw, ctx.spec.checks, "turn_head_straight");
}

CheckResult check_pitch(const CheckContext& ctx)
{
    return angle_check(check_id::pitch, ctx.face.pose.pitch, ctx.spec.checks, "level_chin");
}

CheckResult check_roll(const CheckContext& ctx)
{
    // The measured tilt, not what is left after the crop straightens: the
    // crop may hide only a residual within the limit, never a failure.
    return angle_check(check_id::roll, ctx.face.pose.roll, ctx.spec.checks, "straighten_head");
}

} // namespace kiosk::vision
