#include "vision/checks/ear_neck_checks.h"

#include <cstdio>
#include <optional>
#include <string>

#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"
#include "vision/checks/ear_cover.h"
#include "vision/checks/earring_finder.h"
#include "vision/checks/necklace_finder.h"
#include "vision/checks/skin_colour.h"

namespace kiosk::vision {
namespace {

// The cheeks are sampled coarsely: their mean colour is all that is needed.
constexpr double kCheekPxPerIed = 100;

std::string format(const char* fmt, double value)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, value);
    return buf;
}

std::optional<SkinColour> cheeks_of(const CheckContext& ctx)
{
    return skin_colour_beside_nose(ctx.bgr, ctx.face, kCheekPxPerIed);
}

// Below the spec's min_eye_distance_px the things a check looks for (a stud,
// a hoop wire, a chain) are a pixel or less: undecidable, so unknown.
std::optional<CheckResult> too_small(const CheckContext& ctx, const std::string& id)
{
    const double min_px = ctx.spec.checks.number(id, "min_eye_distance_px");
    const double ied = ctx.face.inter_eye_distance();
    if (ied >= min_px)
        return std::nullopt;
    char buf[120];
    std::snprintf(buf, sizeof buf, "face too small to judge: %.0f px between the eyes, %.0f needed", ied, min_px);
    return unknown_check(id, buf);
}

} // namespace

CheckResult check_ears_visible(const CheckContext& ctx)
{
    const std::string id(check_id::ears_visible);
    if (auto small = too_small(ctx, id))
        return *small;
    const double max_cover = ctx.spec.checks.number(id, "max_hair_cover");
    const auto skin = cheeks_of(ctx);
    if (!skin)
        return unknown_check(id, "the cheeks lie outside the frame");
    const EarCoverResult m = measure_ear_cover(ctx.bgr, ctx.face, *skin);
    if (!m.cover)
        return unknown_check(id, m.why_not);
    const EarCover& c = *m.cover;
    const bool left_worse = c.image_right > c.image_left;
    return judged_check(id, c.worse() <= max_cover, c.worse(), {std::nullopt, max_cover}, "show_ears",
                        format(left_worse ? "hair covers %.0f %% of the subject's left ear"
                                          : "hair covers %.0f %% of the subject's right ear",
                               100 * c.worse()));
}

CheckResult check_earrings(const CheckContext& ctx)
{
    const std::string id(check_id::earrings);
    if (auto small = too_small(ctx, id))
        return *small;
    const double max_area = ctx.spec.checks.number(id, "max_jewel_area_ied2");
    const auto skin = cheeks_of(ctx);
    if (!skin)
        return unknown_check(id, "the cheeks lie outside the frame");
    const EarringResult m = find_earrings(ctx.bgr, ctx.face, *skin);
    if (!m.evidence)
        return unknown_check(id, m.why_not);
    const EarringEvidence& e = *m.evidence;
    const bool gold = e.gold_area >= e.hanging_area;
    return judged_check(id, e.largest() <= max_area, e.largest(), {std::nullopt, max_area}, "remove_earrings",
                        format(gold ? "gold-coloured blob of %.4f IED² at an ear lobe"
                                    : "dark blob of %.4f IED² hanging below an ear lobe",
                               e.largest()));
}

CheckResult check_necklace(const CheckContext& ctx)
{
    const std::string id(check_id::necklace);
    if (auto small = too_small(ctx, id))
        return *small;
    const double contrast = ctx.spec.checks.number(id, "line_contrast");
    const double max_length = ctx.spec.checks.number(id, "max_line_length_ied");
    const auto skin = cheeks_of(ctx);
    if (!skin)
        return unknown_check(id, "the cheeks lie outside the frame");
    const NecklaceResult m = find_necklace(ctx.bgr, ctx.face, *skin, contrast);
    if (!m.evidence)
        return unknown_check(id, m.why_not);
    // A neck hidden by a collar shows no chain, which is what the photo rule
    // is about: with no neck skin the value is simply 0 and the check passes.
    const double length = m.evidence->line_length;
    return judged_check(id, length <= max_length, length, {std::nullopt, max_length}, "remove_necklace",
                        format("thin lines %.2f IED long run down the neck", length));
}

} // namespace kiosk::vision
