#include "spec/crop_plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace kiosk::spec {
namespace {

constexpr double kRadPerDeg = CV_PI / 180.0;
// Rule values are compared with this slack so a value that rounds to the
// limit in the last bit of a double is not reported as unmet.
constexpr double kSlack = 1e-6;

// The head in the straightened frame: source coordinates rotated about the
// eye midpoint so the applied straightening is undone, not yet scaled.
struct UprightHead {
    cv::Point2d eye_mid;       // the rotation centre, so also the eye line after rotation
    double eye_line_y = 0;
    double crown_y = 0;
    double chin_y = 0;
    double inter_eye = 0;
    double face_width = 0;
};

cv::Point2d rotate_about(const cv::Point2d& p, const cv::Point2d& centre, double cos_a, double sin_a)
{
    // Rotation by -a on an image (y down): undoes a clockwise tilt of a.
    const cv::Point2d d = p - centre;
    return centre + cv::Point2d(cos_a * d.x + sin_a * d.y, -sin_a * d.x + cos_a * d.y);
}

// The crown is given as a source y on the face's axis (chin through the eye
// midpoint); this is that point, so a tilted head keeps its crown on its own axis.
cv::Point2d crown_point(const HeadMeasurements& head, const cv::Point2d& eye_mid)
{
    const cv::Point2d axis = eye_mid - head.chin;
    const double len = cv::norm(axis);
    // A face seen almost side-on has no usable axis: take the crown straight above the eyes.
    if (len <= 0 || axis.y > -0.1 * len)
        return {eye_mid.x, head.crown_y};
    const double t = (head.crown_y - head.chin.y) / axis.y;
    return head.chin + axis * t;
}

UprightHead upright(const HeadMeasurements& head, double straighten_deg)
{
    const double c = std::cos(straighten_deg * kRadPerDeg);
    const double s = std::sin(straighten_deg * kRadPerDeg);
    const cv::Point2d mid = (head.eye_right + head.eye_left) * 0.5;
    UprightHead u;
    u.eye_mid = mid;
    u.eye_line_y = mid.y;
    u.crown_y = rotate_about(crown_point(head, mid), mid, c, s).y;
    u.chin_y = rotate_about(head.chin, mid, c, s).y;
    u.inter_eye = cv::norm(head.eye_left - head.eye_right);
    u.face_width = head.face_width;
    return u;
}

// The scales (output px per source px) one rule allows.
struct ScaleBounds {
    double lo = 0;
    double hi = std::numeric_limits<double>::infinity();

    void limit(double new_lo, double new_hi)
    {
        lo = std::max(lo, new_lo);
        hi = std::min(hi, new_hi);
    }
    bool empty() const { return lo > hi; }
};

// Scale limits from the size rules (face width, head length, inter-eye share).
ScaleBounds size_rule_scales(const HeadGeometry& g, const UprightHead& u, int out_width)
{
    ScaleBounds b;
    if (g.face_width_px && u.face_width > 0)
        b.limit(g.face_width_px->min / u.face_width, g.face_width_px->max / u.face_width);
    const double head_length = u.chin_y - u.crown_y;
    if (g.head_length_px && head_length > 0)
        b.limit(g.head_length_px->min / head_length, g.head_length_px->max / head_length);
    if (g.inter_eye_fraction_of_width && u.inter_eye > 0)
        b.limit(g.inter_eye_fraction_of_width->min * out_width / u.inter_eye,
                g.inter_eye_fraction_of_width->max * out_width / u.inter_eye);
    return b;
}

// Largest scale at which the head still fits vertically: crown at its
// lowest allowed top margin, eye line and chin above their bottom margins.
double vertical_fit_scale(const HeadGeometry& g, const UprightHead& u, int out_height)
{
    const double top = g.crown_from_top_px ? g.crown_from_top_px->min : 0.0;
    double hi = std::numeric_limits<double>::infinity();
    const double crown_to_eye = u.eye_line_y - u.crown_y;
    if (g.eye_line_from_bottom_min_px && crown_to_eye > 0)
        hi = std::min(hi, (out_height - *g.eye_line_from_bottom_min_px - top) / crown_to_eye);
    const double crown_to_chin = u.chin_y - u.crown_y;
    if (g.chin_from_bottom_min_px && crown_to_chin > 0)
        hi = std::min(hi, (out_height - *g.chin_from_bottom_min_px - top) / crown_to_chin);
    return hi;
}

double choose_scale(const HeadGeometry& g, const UprightHead& u, cv::Size out)
{
    const ScaleBounds size = size_rule_scales(g, u, out.width);
    double s;
    if (size.empty())
        s = std::sqrt(size.lo * size.hi);   // conflicting size rules: miss each by the same factor
    else if (std::isinf(size.hi))
        s = size.lo;   // no size rule could be measured; only happens with a degenerate head
    else
        s = (size.lo + size.hi) / 2;
    const double fit = vertical_fit_scale(g, u, out.height);
    // Shrinking to fit is right only while the size rules still hold; past
    // that, the vertical placement step reports what it had to give up.
    if (s > fit)
        s = std::max(fit, size.empty() ? s : size.lo);
    return s;
}

// Output y of the crown: the middle of its allowed band, moved up when the
// eye line or chin would sit too low (the eye line wins over the hair).
double choose_crown_row(const HeadGeometry& g, const UprightHead& u, double scale, int out_height)
{
    double ceiling = std::numeric_limits<double>::infinity();
    if (g.eye_line_from_bottom_min_px)
        ceiling = std::min(ceiling, out_height - *g.eye_line_from_bottom_min_px - scale * (u.eye_line_y - u.crown_y));
    if (g.chin_from_bottom_min_px)
        ceiling = std::min(ceiling, out_height - *g.chin_from_bottom_min_px - scale * (u.chin_y - u.crown_y));
    if (g.crown_from_top_px)
        return std::min(g.crown_from_top_px->mid(), ceiling);
    // No crown rule: the eye line sits as low as the document allows.
    return ceiling;
}

std::string format_unmet(const char* rule, double value, double min, double max)
{
    char buf[128];
    if (value < min - kSlack)
        std::snprintf(buf, sizeof buf, "%s %.1f < %.1f", rule, value, min);
    else
        std::snprintf(buf, sizeof buf, "%s %.1f > %.1f", rule, value, max);
    return buf;
}

void check_rule(std::vector<std::string>& unmet, const char* rule, double value, double min, double max)
{
    if (value < min - kSlack || value > max + kSlack)
        unmet.push_back(format_unmet(rule, value, min, max));
}

std::vector<std::string> unmet_rules(const HeadGeometry& g, const UprightHead& u, double scale,
                                     double crown_row, double eye_mid_x, cv::Size out)
{
    const double inf = std::numeric_limits<double>::infinity();
    const double eye_row = crown_row + scale * (u.eye_line_y - u.crown_y);
    const double chin_row = crown_row + scale * (u.chin_y - u.crown_y);
    std::vector<std::string> unmet;
    if (g.face_width_px)
        check_rule(unmet, "face_width_px", scale * u.face_width, g.face_width_px->min, g.face_width_px->max);
    if (g.head_length_px)
        check_rule(unmet, "head_length_px", chin_row - crown_row, g.head_length_px->min, g.head_length_px->max);
    if (g.crown_from_top_px)
        check_rule(unmet, "crown_from_top_px", crown_row, g.crown_from_top_px->min, g.crown_from_top_px->max);
    if (g.eye_line_from_bottom_min_px)
        check_rule(unmet, "eye_line_from_bottom_px", out.height - eye_row, *g.eye_line_from_bottom_min_px, inf);
    if (g.eye_mid_from_left_px)
        check_rule(unmet, "eye_mid_from_left_px", eye_mid_x, g.eye_mid_from_left_px->min, g.eye_mid_from_left_px->max);
    if (g.chin_from_bottom_min_px)
        check_rule(unmet, "chin_from_bottom_px", out.height - chin_row, *g.chin_from_bottom_min_px, inf);
    if (g.inter_eye_fraction_of_width)
        check_rule(unmet, "inter_eye_fraction_of_width", scale * u.inter_eye / out.width,
                   g.inter_eye_fraction_of_width->min, g.inter_eye_fraction_of_width->max);
    return unmet;
}

// Area of a simple polygon (shoelace), absolute.
double polygon_area(const std::vector<cv::Point2d>& p)
{
    double twice = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const auto& a = p[i];
        const auto& b = p[(i + 1) % p.size()];
        twice += a.x * b.y - b.x * a.y;
    }
    return std::abs(twice) / 2;
}

// Sutherland-Hodgman clip of a convex polygon against one half-plane
// {p : inside(p)}, with `cross` giving the boundary crossing of an edge.
template <typename Inside, typename Cross>
std::vector<cv::Point2d> clip(const std::vector<cv::Point2d>& poly, Inside inside, Cross cross)
{
    std::vector<cv::Point2d> out;
    for (std::size_t i = 0; i < poly.size(); ++i) {
        const auto& a = poly[i];
        const auto& b = poly[(i + 1) % poly.size()];
        const bool ia = inside(a);
        const bool ib = inside(b);
        if (ia)
            out.push_back(a);
        if (ia != ib)
            out.push_back(cross(a, b));
    }
    return out;
}

// Share of the output window (mapped back into the source) that lies outside the source frame.
double outside_fraction(const cv::Matx23d& source_to_output, cv::Size out, cv::Size source)
{
    const cv::Matx22d a(source_to_output(0, 0), source_to_output(0, 1), source_to_output(1, 0),
                        source_to_output(1, 1));
    const cv::Vec2d t(source_to_output(0, 2), source_to_output(1, 2));
    const cv::Matx22d a_inv = a.inv();
    std::vector<cv::Point2d> window;
    for (const cv::Vec2d& corner : {cv::Vec2d(0, 0), cv::Vec2d(out.width, 0), cv::Vec2d(out.width, out.height),
                                   cv::Vec2d(0, out.height)}) {
        const cv::Vec2d p = a_inv * (corner - t);
        window.emplace_back(p[0], p[1]);
    }
    const double full = polygon_area(window);
    if (full <= 0)
        return 1.0;

    auto x_cross = [](double x) {
        return [x](const cv::Point2d& a, const cv::Point2d& b) {
            return cv::Point2d(x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x));
        };
    };
    auto y_cross = [](double y) {
        return [y](const cv::Point2d& a, const cv::Point2d& b) {
            return cv::Point2d(a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y);
        };
    };
    const double w = source.width;
    const double h = source.height;
    auto inside_part = clip(window, [](const cv::Point2d& p) { return p.x >= 0; }, x_cross(0));
    inside_part = clip(inside_part, [w](const cv::Point2d& p) { return p.x <= w; }, x_cross(w));
    inside_part = clip(inside_part, [](const cv::Point2d& p) { return p.y >= 0; }, y_cross(0));
    inside_part = clip(inside_part, [h](const cv::Point2d& p) { return p.y <= h; }, y_cross(h));
    const double inside = inside_part.size() < 3 ? 0.0 : polygon_area(inside_part);
    return std::clamp(1.0 - inside / full, 0.0, 1.0);
}

} // namespace

double measured_roll_deg(const HeadMeasurements& head)
{
    const cv::Point2d d = head.eye_left - head.eye_right;
    return std::atan2(d.y, d.x) / kRadPerDeg;
}

CropPlan plan_crop(const DocumentSpec& spec, const HeadMeasurements& head, cv::Size source)
{
    const cv::Size out(spec.output.width_px, spec.output.height_px);
    const HeadGeometry& g = spec.geometry;

    CropPlan plan;
    plan.head = head;
    // Straighten only a small residual tilt; a larger one stays visible in
    // the picture so the roll check, not the crop, decides about it.
    const double limit = spec.checks.number("roll", "straighten_max_deg");
    plan.rotation_deg = std::clamp(measured_roll_deg(head), -limit, limit);

    const UprightHead u = upright(head, plan.rotation_deg);
    plan.scale = choose_scale(g, u, out);
    const double crown_row = choose_crown_row(g, u, plan.scale, out.height);
    const double eye_mid_x = g.eye_mid_from_left_px ? g.eye_mid_from_left_px->mid() : out.width / 2.0;
    const double eye_row = crown_row + plan.scale * (u.eye_line_y - u.crown_y);

    // output = scale * R(-rotation) * (p - eye_mid) + (eye_mid_x, eye_row)
    const double c = std::cos(plan.rotation_deg * kRadPerDeg) * plan.scale;
    const double s = std::sin(plan.rotation_deg * kRadPerDeg) * plan.scale;
    const cv::Point2d m = u.eye_mid;
    plan.source_to_output = cv::Matx23d(c, s, eye_mid_x - c * m.x - s * m.y,   //
                                        -s, c, eye_row + s * m.x - c * m.y);

    plan.unmet = unmet_rules(g, u, plan.scale, crown_row, eye_mid_x, out);
    plan.outside_fraction = outside_fraction(plan.source_to_output, out, source);
    plan.inside_source = plan.outside_fraction <= kSlack;
    return plan;
}

} // namespace kiosk::spec
