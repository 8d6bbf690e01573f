#include "vision/checks/head_accessory_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"
#include "vision/checks/ornament_row.h"
#include "vision/checks/skin_colour.h"
#include "vision/checks/upright_view.h"

namespace kiosk::vision {
namespace {

// Resolution of the upright head views, in pixels between the pupils. Fine
// enough that glasses frames and hair strands survive the resampling, coarse
// enough that each check stays within a few milliseconds. The texture and edge
// limits in config/specs were measured at this resolution.
constexpr double kPxPerIed = 160;

// A region must show at least this share of real frame (not the black beyond
// the picture's edge) before a check judges it.
constexpr double kMinInside = 0.9;

// Windows resampled per check family, in IED units around the eye midpoint.
const cv::Rect2d kEyeWindow(-1.0, -0.45, 2.0, 1.3);       // eyes, lenses, cheeks
const cv::Rect2d kForeheadWindow(-0.8, -0.9, 1.6, 1.75);  // brows, forehead, cheeks
const cv::Rect2d kHeadTopWindow(-0.8, -2.2, 1.6, 3.05);   // crown down to the cheeks
const cv::Rect2d kHairWindow(-1.2, -2.2, 2.4, 3.05);      // the whole head top, temple to temple

std::string format(const char* fmt, double a, double b = 0)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, a, b);
    return buf;
}

SkinTolerance skin_tolerance(const spec::Thresholds& t, const std::string& check)
{
    return {t.number(check, "skin_sigmas"), t.number(check, "skin_min_lightness"),
            t.number(check, "skin_min_chroma")};
}

cv::Mat abs_laplacian(const cv::Mat& gray)
{
    cv::Mat lap;
    cv::Laplacian(gray, lap, CV_32F, 3);
    return cv::abs(lap);
}

// The strongest horizontal line in a region: the largest row mean of the
// vertical gradient. A frame's bridge or rim is a line running right across
// the region; skin creases and lashes are short and average away.
double strongest_row_edge(const cv::Mat& abs_gy, const cv::Rect& r)
{
    cv::Mat rows;
    cv::reduce(abs_gy(r), rows, 1, cv::REDUCE_AVG);
    double best = 0;
    cv::minMaxLoc(rows, nullptr, &best);
    return best;
}

struct GlassesEvidence {
    double frame_edge = 0;   // the weaker of bridge and lower-rim line strength
    std::string undecidable; // non-empty when the eye region is not in the picture
};

GlassesEvidence measure_glasses(const UprightView& view)
{
    GlassesEvidence out;
    // The bridge crosses the nose between the inner eye corners, at or just
    // above the eye line; the lower rims run under each eye, below the lids.
    const cv::Rect bridge = view.region(-0.12, -0.3, 0.12, 0.1);
    const cv::Rect rim_right = view.region(-0.75, 0.18, -0.25, 0.5);
    const cv::Rect rim_left = view.region(0.25, 0.18, 0.75, 0.5);
    for (const auto& r : {bridge, rim_right, rim_left})
        if (view.inside_fraction(r) < kMinInside) {
            out.undecidable = "eye region outside the picture";
            return out;
        }
    cv::Mat gy;
    cv::Sobel(view.gray(), gy, CV_32F, 0, 1, 3);
    gy = cv::abs(gy);
    const double rims = (strongest_row_edge(gy, rim_right) + strongest_row_edge(gy, rim_left)) / 2;
    // Both lines must be there: a nose crease alone or a lower-lid shadow alone
    // is not a frame.
    out.frame_edge = std::min(strongest_row_edge(gy, bridge), rims);
    return out;
}

// Where the bare forehead ends, measured up the middle of the forehead.
struct ForeheadTop {
    double height_ied = 0;       // above the brow line
    int top_row = 0;             // view row of the first covered pixel
    std::string undecidable;
};

ForeheadTop find_forehead_top(const UprightView& view, const SkinColour& skin, const SkinTolerance& tol)
{
    ForeheadTop out;
    const double brow = view.mean_landmark_y(17, 26);
    // Start above the brows themselves; a run this long of non-skin pixels is
    // hair or a covering, not a freckle, a crease or a stray hair.
    const int start = cvRound(view.to_px({0, brow - 0.15}).y);
    if (start < 0 || start >= view.lab().rows) {
        out.undecidable = "brows outside the head view (landmarks implausible)";
        return out;
    }
    const int run_needed = std::max(2, cvRound(0.04 * kPxPerIed));
    const cv::Rect columns = view.region(-0.4, brow - 0.15, 0.4, brow);
    std::vector<int> tops;
    int open_columns = 0;
    for (int x = columns.x; x < columns.x + columns.width; x += 2) {
        int run = 0, y = start;
        for (; y >= 0; --y) {
            if (!view.inside().at<uchar>(y, x)) {
                y = -1;
                break;
            }
            run = skin.is_skin(view.lab().at<cv::Vec3b>(y, x), tol) ? 0 : run + 1;
            if (run >= run_needed)
                break;
        }
        if (y < 0)
            ++open_columns;
        else
            tops.push_back(y + run_needed - 1);
    }
    // Most columns reach the top of the view (or the picture's edge) on skin:
    // a bald head or a forehead cut by the frame. Nothing covers the forehead there.
    if (tops.size() <= static_cast<std::size_t>(open_columns)) {
        if (view.inside_fraction(view.region(-0.4, -2.2, 0.4, brow)) < kMinInside)
            out.undecidable = "top of the head outside the picture";
        out.height_ied = brow - view.to_face_units_y(0);
        out.top_row = 0;
        return out;
    }
    std::nth_element(tops.begin(), tops.begin() + tops.size() / 2, tops.end());
    out.top_row = tops[tops.size() / 2];
    out.height_ied = brow - view.to_face_units_y(out.top_row);
    return out;
}

// The lightness below which `percent` % of the view's pixels in `r` lie
// (pixels beyond the picture's edge left out).
double percentile_lightness(const UprightView& view, const cv::Rect& r, double percent)
{
    int histogram[256] = {};
    int count = 0;
    for (int y = r.y; y < r.y + r.height; ++y)
        for (int x = r.x; x < r.x + r.width; ++x)
            if (view.inside().at<uchar>(y, x)) {
                ++histogram[view.lab().at<cv::Vec3b>(y, x)[0]];
                ++count;
            }
    const double wanted = percent / 100.0 * count;
    int level = 0, seen = histogram[0];
    while (level < 255 && seen < wanted)
        seen += histogram[++level];
    return level;
}

// Frame lines, hair strands and beads are a few pixels wide at best. Below
// the spec's min_eye_distance_px (the smallest face the limits were validated
// on) they are not resolved, and a pass would be a guess.
std::optional<CheckResult> too_small(const CheckContext& ctx, std::string_view id)
{
    const double min_px = ctx.spec.checks.number(std::string(id), "min_eye_distance_px");
    if (ctx.face.inter_eye_distance() >= min_px)
        return std::nullopt;
    return unknown_check(id, format("face too small to judge (%.0f px between the eyes, needs %.0f)",
                                    ctx.face.inter_eye_distance(), min_px));
}

} // namespace

CheckResult check_glasses(const CheckContext& ctx)
{
    if (auto r = too_small(ctx, check_id::glasses))
        return *r;
    const auto& t = ctx.spec.checks;
    const UprightView view(ctx.bgr, ctx.face, kEyeWindow, kPxPerIed, Shrinking::Sample);
    const GlassesEvidence e = measure_glasses(view);
    if (!e.undecidable.empty())
        return unknown_check(check_id::glasses, e.undecidable);
    const bool worn = e.frame_edge >= t.number("glasses", "min_frame_edge");
    const bool accepted = !(worn && ctx.spec.glasses == spec::GlassesPolicy::Forbidden);
    return judged_check(check_id::glasses, accepted, worn, {}, "remove_glasses",
                        format("glasses worn (frame edge %.0f) but this document forbids them", e.frame_edge));
}

CheckResult check_lens_glare(const CheckContext& ctx)
{
    if (auto r = too_small(ctx, check_id::lens_glare))
        return *r;
    const auto& t = ctx.spec.checks;
    const UprightView view(ctx.bgr, ctx.face, kEyeWindow, kPxPerIed, Shrinking::Sample);
    const GlassesEvidence e = measure_glasses(view);
    if (!e.undecidable.empty())
        return unknown_check(check_id::lens_glare, e.undecidable);
    const double max_fraction = t.number("lens_glare", "max_glare_fraction");
    // Worn or not by the glasses check's own limit, so the two never disagree.
    if (e.frame_edge < t.number("glasses", "min_frame_edge"))
        return judged_check(check_id::lens_glare, true, 0.0, {std::nullopt, max_fraction}, {});

    // The lens area around each eye, minus the eye itself: the catch-light in
    // the cornea is normal and wanted, a white patch on the lens is not.
    cv::Mat lens(view.lab().size(), CV_8UC1, cv::Scalar(0));
    for (double eye_x : {-0.5, 0.5})
        lens(view.region(eye_x - 0.45, -0.3, eye_x + 0.45, 0.35)).setTo(255);
    for (int first : {36, 42}) {
        std::vector<cv::Point> eye;
        for (int i = first; i < first + 6; ++i)
            eye.push_back(view.to_px(view.landmark(i)));
        cv::fillConvexPoly(lens, eye, cv::Scalar(0));
        cv::polylines(lens, eye, true, cv::Scalar(0), std::max(1, cvRound(0.05 * kPxPerIed)));
    }
    lens &= view.inside();

    const double min_lightness = t.number("lens_glare", "min_lightness");
    const double max_chroma = t.number("lens_glare", "max_chroma");
    int glare = 0, area = 0;
    for (int y = 0; y < lens.rows; ++y)
        for (int x = 0; x < lens.cols; ++x) {
            if (!lens.at<uchar>(y, x))
                continue;
            ++area;
            const auto p = view.lab().at<cv::Vec3b>(y, x);
            // Specular glare is near-white: very light and without colour.
            if (p[0] >= min_lightness && std::hypot(p[1] - 128.0, p[2] - 128.0) <= max_chroma)
                ++glare;
        }
    if (area == 0)
        return unknown_check(check_id::lens_glare, "lens area outside the picture");
    const double fraction = static_cast<double>(glare) / area;
    return judged_check(check_id::lens_glare, fraction <= max_fraction, fraction, {std::nullopt, max_fraction},
                        "remove_glare", format("%.1f %% of the lens area is glare", 100 * fraction));
}

CheckResult check_head_covering(const CheckContext& ctx)
{
    if (auto r = too_small(ctx, check_id::head_covering))
        return *r;
    const auto& t = ctx.spec.checks;
    const UprightView view(ctx.bgr, ctx.face, kHeadTopWindow, kPxPerIed, Shrinking::Sample);
    const auto skin = skin_colour_below_eyes(view);
    if (!skin)
        return unknown_check(check_id::head_covering, "cheeks outside the picture, no skin to compare with");
    const ForeheadTop top = find_forehead_top(view, *skin, skin_tolerance(t, "head_covering"));
    if (!top.undecidable.empty())
        return unknown_check(check_id::head_covering, top.undecidable);

    // A hat or cap sits low on the forehead and its fabric is smoother than
    // hair, which shows strands at any haircut; skin texture in the same
    // picture sets the scale, so sharpness and resolution cancel out.
    const cv::Rect cover(cvRound(view.to_px({-0.4, 0}).x), top.top_row - cvRound(0.25 * kPxPerIed),
                         cvRound(0.8 * kPxPerIed), cvRound(0.22 * kPxPerIed));
    const cv::Rect cover_in = cover & cv::Rect(0, 0, view.gray().cols, view.gray().rows);
    if (cover_in.area() < cover.area() || view.inside_fraction(cover_in) < kMinInside) {
        // The forehead runs up to the picture's edge: nothing sits low on it.
        if (top.height_ied >= t.number("head_covering", "max_forehead_ied"))
            return judged_check(check_id::head_covering, true, false, {}, {});
        return unknown_check(check_id::head_covering, "top of the head outside the picture");
    }
    const cv::Mat lap = abs_laplacian(view.gray());
    double skin_texture = 0;
    for (bool left : {true, false}) {
        const cv::Rect2d p = cheek_below_eye(left);
        skin_texture += cv::mean(lap(view.region(p.x, p.y, p.x + p.width, p.y + p.height)))[0] / 2;
    }
    if (skin_texture <= 0)
        return unknown_check(check_id::head_covering, "cheeks show no texture to compare with");
    const double texture_ratio = cv::mean(lap(cover_in))[0] / skin_texture;
    const bool covered = top.height_ied < t.number("head_covering", "max_forehead_ied") &&
                         texture_ratio < t.number("head_covering", "max_texture_ratio");
    return judged_check(check_id::head_covering, !covered, covered, {}, "remove_hat",
                        format("smooth covering %.2f IED above the brows (texture %.2f of skin)", top.height_ied,
                               texture_ratio));
}

CheckResult check_hair_accessory(const CheckContext& ctx)
{
    if (auto r = too_small(ctx, check_id::hair_accessory))
        return *r;
    const auto& t = ctx.spec.checks;
    const UprightView view(ctx.bgr, ctx.face, kHairWindow, kPxPerIed, Shrinking::Sample);
    const auto skin = skin_colour_below_eyes(view);
    if (!skin)
        return unknown_check(check_id::hair_accessory, "cheeks outside the picture, no skin to compare with");
    const double brow = view.mean_landmark_y(17, 26);
    const cv::Rect hair = view.region(-0.6, brow - 1.6, 0.6, brow - 0.2);
    if (view.inside_fraction(hair) < 0.5)
        return unknown_check(check_id::hair_accessory, "hair above the forehead outside the picture");
    if (skin->lab[0] <= 0)
        return unknown_check(check_id::hair_accessory, "face too dark to compare");

    // A fabric headband is dyed flat black or colour and reflects almost
    // nothing, while hair in the same light keeps a sheen: the darkest few per
    // cent of the region above the forehead, against the skin's lightness,
    // drop to near zero only where a band crosses the hair.
    const double dark_ratio =
        percentile_lightness(view, hair, t.number("hair_accessory", "dark_percentile")) / skin->lab[0];
    const double min_dark_ratio = t.number("hair_accessory", "min_dark_to_skin");

    // Beads, pearls and rows of clips: small round highlights strung along an
    // arc over the head, from temple to temple.
    const OrnamentLimits limits{t.range("hair_accessory", "ornament_contrast"),
                                t.range("hair_accessory", "ornament_diameter_ied"),
                                t.number("hair_accessory", "ornament_max_aspect"),
                                t.number("hair_accessory", "ornament_min_fill"),
                                t.number("hair_accessory", "ornament_row_tolerance_ied")};
    const OrnamentRow row = find_ornament_row(view, view.region(-1.1, brow - 1.8, 1.1, brow - 0.2), limits);
    const bool in_a_row = row.in_row >= t.number("hair_accessory", "ornament_min_in_row") &&
                          row.in_row >= t.number("hair_accessory", "ornament_min_row_share") * row.highlights;

    if (dark_ratio < min_dark_ratio)
        return judged_check(check_id::hair_accessory, false, true, {}, "remove_hair_accessory",
                            format("flat black band above the forehead (%.3f of skin lightness)", dark_ratio));
    if (in_a_row)
        return judged_check(check_id::hair_accessory, false, true, {}, "remove_hair_accessory",
                            format("%.0f small highlights in a row over the head, of %.0f", row.in_row,
                                   row.highlights));
    return judged_check(check_id::hair_accessory, true, false, {}, {});
}

CheckResult check_hair_over_eyebrows(const CheckContext& ctx)
{
    if (auto r = too_small(ctx, check_id::hair_over_eyebrows))
        return *r;
    const auto& t = ctx.spec.checks;
    const UprightView view(ctx.bgr, ctx.face, kForeheadWindow, kPxPerIed, Shrinking::Sample);
    const auto skin = skin_colour_below_eyes(view);
    if (!skin)
        return unknown_check(check_id::hair_over_eyebrows, "cheeks outside the picture, no skin to compare with");
    const SkinTolerance tol = skin_tolerance(t, "hair_over_eyebrows");
    const double brow = view.mean_landmark_y(17, 26);
    // The band of forehead just above the brows: bare skin on every open face,
    // hair where a fringe hangs down over the brows.
    const cv::Rect strip = view.region(-0.7, brow - 0.30, 0.7, brow - 0.08);
    if (view.inside_fraction(strip) < kMinInside)
        return unknown_check(check_id::hair_over_eyebrows, "brows outside the picture");
    int covered = 0, area = 0;
    for (int y = strip.y; y < strip.y + strip.height; ++y)
        for (int x = strip.x; x < strip.x + strip.width; ++x) {
            if (!view.inside().at<uchar>(y, x))
                continue;
            ++area;
            if (!skin->is_skin(view.lab().at<cv::Vec3b>(y, x), tol))
                ++covered;
        }
    const double fraction = static_cast<double>(covered) / area;
    const double max_fraction = t.number("hair_over_eyebrows", "max_covered_fraction");
    return judged_check(check_id::hair_over_eyebrows, fraction <= max_fraction, fraction,
                        {std::nullopt, max_fraction}, "hair_off_eyebrows",
                        format("%.0f %% of the forehead above the brows is covered", 100 * fraction));
}

} // namespace kiosk::vision
