#include "vision/checks/scene_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <opencv2/imgproc.hpp>

#include "vision/background_model.h"
#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"
#include "vision/crop_window.h"
#include "vision/focus_measure.h"

namespace kiosk::vision {
namespace {

std::string printed(const char* fmt, double a, double b = 0)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, a, b);
    return buf;
}

cv::Vec3d lab_of(const spec::BackgroundColour& c)
{
    const cv::Mat one(1, 1, CV_32FC3, cv::Scalar(c.rgb[2], c.rgb[1], c.rgb[0]));
    const auto v = to_lab(one).at<cv::Vec3f>(0, 0);
    return {v[0], v[1], v[2]};
}

// Distance (delta-E) from `lab` to the nearest colour the spec accepts as a
// background, and whether that colour is tinted (not a grey).
struct NearestBackground {
    double delta_e = std::numeric_limits<double>::infinity();
    bool tinted = false;
};

NearestBackground nearest_spec_background(const cv::Vec3d& lab, const spec::DocumentSpec& spec)
{
    NearestBackground best;
    for (const auto& c : spec.background) {
        const cv::Vec3d ref = lab_of(c);
        const double d = cv::norm(lab - ref);
        if (d < best.delta_e) {
            best.delta_e = d;
            best.tinted = std::hypot(ref[1], ref[2]) > 2.0;
        }
    }
    return best;
}

double chroma(const cv::Vec3d& lab) { return std::hypot(lab[1], lab[2]); }

} // namespace

CheckResult check_face_shadow(const CheckContext& ctx)
{
    const double max_ratio = ctx.spec.checks.number("face_shadow", "max_side_ratio");
    const FaceSkin& skin = ctx.scene.skin();
    if (skin.empty())
        return unknown_check(check_id::face_shadow, "face outside the frame");
    const double left = median_luma(skin.gray, skin.cheek_left);
    const double right = median_luma(skin.gray, skin.cheek_right);
    // Under 8 grey levels the ratio is noise, and the exposure check speaks for the picture.
    if (std::min(left, right) < 8)
        return unknown_check(check_id::face_shadow, "cheeks too dark to compare");
    const double ratio = std::max(left, right) / std::min(left, right);
    return judged_check(check_id::face_shadow, ratio <= max_ratio, ratio, {std::nullopt, max_ratio},
                        "even_face_light",
                        printed("one cheek %.2f times as bright as the other", ratio));
}

CheckResult check_face_hotspot(const CheckContext& ctx)
{
    const auto& t = ctx.spec.checks;
    const auto level = static_cast<int>(t.number("face_hotspot", "clip_level"));
    const double max_share = t.number("face_hotspot", "max_clipped_fraction");
    const FaceSkin& skin = ctx.scene.skin();
    if (skin.empty())
        return unknown_check(check_id::face_hotspot, "face outside the frame");
    const double share = clipped_share(skin.patch.image, skin.skin, level);
    return judged_check(check_id::face_hotspot, share <= max_share, share, {std::nullopt, max_share},
                        "reduce_shine", printed("%.1f %% of forehead, nose and cheeks burnt out", 100 * share));
}

CheckResult check_background_uniform(const CheckContext& ctx)
{
    const auto& t = ctx.spec.checks;
    const BackdropMeasures& b = ctx.scene.backdrop();
    if (!b.measured)
        return unknown_check(check_id::background_uniform, b.why_not);

    const double max_noise = t.number("background_uniform", "max_noise");
    const double max_busy = t.number("background_uniform", "max_busy_fraction");
    const double max_tilt = t.number("background_uniform", "max_tilt");
    // The value and limit reported are those of the rule that decided: the
    // mottling (noise) when the backdrop passes or is busy.
    const CheckLimit limit{std::nullopt, max_noise};
    if (b.noise > max_noise || b.busy_fraction > max_busy)
        return judged_check(check_id::background_uniform, false, b.noise, limit, "background_not_plain",
                            printed("busy backdrop: noise %.1f delta-E, %.0f %% off a smooth colour", b.noise,
                                    100 * b.busy_fraction));
    if (b.lightness_tilt > max_tilt)
        return judged_check(check_id::background_uniform, false, b.lightness_tilt, {std::nullopt, max_tilt},
                            "background_not_plain",
                            printed("backdrop brightness changes by %.0f L* across the picture (limit %.0f)",
                                    b.lightness_tilt, max_tilt));

    // A plain grey light enough is made the document's colour when the
    // subject separates; a tinted backdrop passes only when the spec accepts
    // that tint (exit-entry's light blue).
    const double max_neutral_chroma = t.number("background_uniform", "max_neutral_chroma");
    const double min_lightness = t.number("background_uniform", "min_lightness");
    const double max_delta = t.number("background_uniform", "max_colour_delta");
    const bool light_grey = chroma(b.mean_lab) <= max_neutral_chroma && b.mean_lab[0] >= min_lightness;
    const bool spec_colour = nearest_spec_background(b.mean_lab, ctx.spec).delta_e <= max_delta;
    if (light_grey || spec_colour)
        return judged_check(check_id::background_uniform, true, b.noise, limit, "background_not_plain");
    const std::string detail = printed(
        "backdrop colour L* %.0f chroma %.1f: not a light grey nor this document's colour", b.mean_lab[0],
        chroma(b.mean_lab));
    if (chroma(b.mean_lab) <= max_neutral_chroma)   // a grey, but too dark
        return judged_check(check_id::background_uniform, false, b.mean_lab[0], {min_lightness, std::nullopt},
                            "background_not_plain", detail);
    return judged_check(check_id::background_uniform, false, chroma(b.mean_lab), {std::nullopt, max_neutral_chroma},
                        "background_not_plain", detail);
}

CheckResult check_background_shadow(const CheckContext& ctx)
{
    const BackdropMeasures& b = ctx.scene.backdrop();
    if (!b.measured)
        return unknown_check(check_id::background_shadow, b.why_not);
    // Against the plate the lamps' falloff is gone from the measure, so a
    // fainter shadow stands out than against the open backdrop.
    const double max_darkening =
        ctx.spec.checks.number("background_shadow", b.against_plate ? "max_plate_darkening" : "max_darkening");
    return judged_check(check_id::background_shadow, b.darkening <= max_darkening, b.darkening,
                        {std::nullopt, max_darkening}, "shadow_on_background",
                        printed(b.against_plate ? "backdrop beside the head %.0f L* darker than in the empty booth"
                                                : "backdrop beside the head %.0f L* darker than the open backdrop",
                                b.darkening));
}

CheckResult check_exposure(const CheckContext& ctx)
{
    const auto& t = ctx.spec.checks;
    const spec::Range face_luma = t.range("exposure", "face_luma");
    const double min_highlight = t.number("exposure", "min_highlight");
    const auto dark = static_cast<int>(t.number("exposure", "dark_level"));
    const auto bright = static_cast<int>(t.number("exposure", "bright_level"));
    const double max_clipped = t.number("exposure", "max_clipped_fraction");
    const double max_burnt = t.number("exposure", "max_burnt_skin_fraction");
    const FaceSkin& skin = ctx.scene.skin();
    if (skin.empty())
        return unknown_check(check_id::exposure, "face outside the frame");

    const double luma = median_luma(skin.gray, skin.skin);
    const CheckLimit limit{face_luma.min, face_luma.max};
    if (luma < face_luma.min)
        return judged_check(check_id::exposure, false, luma, limit, "picture_too_dark",
                            printed("face grey level %.0f", luma));
    if (luma > face_luma.max)
        return judged_check(check_id::exposure, false, luma, limit, "picture_too_bright",
                            printed("face grey level %.0f", luma));
    // A shine is a small highlight (face_hotspot's business, which the
    // citizen can dab away); lamps far too bright burn out whole lit areas of
    // skin while its median still looks fine.
    const auto burnt_level = static_cast<int>(t.number("face_hotspot", "clip_level"));
    const double burnt = clipped_share(skin.patch.image, skin.skin, burnt_level);
    if (burnt > max_burnt)
        return judged_check(check_id::exposure, false, burnt, {std::nullopt, max_burnt}, "picture_too_bright",
                            printed("%.0f %% of forehead, nose and cheeks burnt out", 100 * burnt));
    const double clipped = share_outside(skin.gray, skin.face, dark, bright);
    if (clipped > max_clipped)
        return judged_check(check_id::exposure, false, clipped, {std::nullopt, max_clipped},
                            luma < face_luma.mid() ? "picture_too_dark" : "picture_too_bright",
                            printed("%.0f %% of the face black or burnt out", 100 * clipped));
    // Dark skin is rightly dark; an under-exposed picture is dark everywhere.
    // The brightest part of the picture (a light backdrop, a collar, the eye
    // whites) tells them apart.
    const double highlight = highlight_luma(ctx.gray, crop_window(ctx.crop, ctx.spec.output, ctx.face));
    if (highlight >= min_highlight)
        return judged_check(check_id::exposure, true, luma, limit, "picture_too_dark");
    return judged_check(check_id::exposure, false, highlight, {min_highlight, std::nullopt}, "picture_too_dark",
                        printed("brightest part of the picture only grey level %.0f (needs %.0f)", highlight,
                                min_highlight));
}

CheckResult check_sharpness(const CheckContext& ctx)
{
    const auto& t = ctx.spec.checks;
    const double eye_distance = t.number("sharpness", "eye_distance_px");
    const double min_variance = t.number("sharpness", "min_laplacian_variance");
    const double focus = face_focus(ctx.gray, ctx.face, eye_distance);
    if (focus < 0)
        return unknown_check(check_id::sharpness, "face outside the frame");
    return judged_check(check_id::sharpness, focus >= min_variance, focus, {min_variance, std::nullopt},
                        "hold_still", printed("face detail %.0f (needs %.0f)", focus, min_variance));
}

CheckResult check_colour_cast(const CheckContext& ctx)
{
    const auto& t = ctx.spec.checks;
    const double max_chroma = t.number("colour_cast", "max_chroma");
    const spec::Range hue = t.range("colour_cast", "skin_hue_deg");
    const double max_delta = t.number("background_uniform", "max_colour_delta");

    // Skin first: whatever the backdrop, skin of every complexion lies in a
    // narrow band of hues (red to yellow); a cast pushes it out.
    const FaceSkin& skin = ctx.scene.skin();
    if (skin.empty())
        return unknown_check(check_id::colour_cast, "face outside the frame");
    const cv::Vec3d skin_lab = mean_lab(skin.patch.image, skin.cheek_left | skin.cheek_right);
    const double skin_hue = std::atan2(skin_lab[2], skin_lab[1]) * 180.0 / CV_PI;
    if (!hue.contains(skin_hue))
        return judged_check(check_id::colour_cast, false, skin_hue, {hue.min, hue.max}, "colour_looks_wrong",
                            printed("skin hue %.0f degrees, outside the range of skin", skin_hue));

    // The backdrop is meant to be a grey (or the spec's own tint): its chroma
    // is the camera's cast.
    const BackdropMeasures& b = ctx.scene.backdrop();
    if (!b.measured)
        return unknown_check(check_id::colour_cast, b.why_not);
    const NearestBackground spec_colour = nearest_spec_background(b.mean_lab, ctx.spec);
    const double cast = (spec_colour.tinted && spec_colour.delta_e <= max_delta) ? 0.0 : chroma(b.mean_lab);
    return judged_check(check_id::colour_cast, cast <= max_chroma, cast, {std::nullopt, max_chroma},
                        "colour_looks_wrong", printed("backdrop chroma %.1f", cast));
}

} // namespace kiosk::vision
