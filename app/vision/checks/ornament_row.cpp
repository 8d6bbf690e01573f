#include "vision/checks/ornament_row.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace kiosk::vision {
namespace {

// Contrast levels tried between limits.contrast.min and .max: beads joined by
// a bright wire merge into one shape at low levels and vanish at high ones,
// so each bead is taken at whichever level separates it.
constexpr int kContrastLevels = 5;

// Above this many highlights the region is glinting hair texture; trying
// every triple of them would cost more than the check's budget, and a row
// cannot stand out among so many anyway.
constexpr std::size_t kMaxHighlights = 60;

std::vector<cv::Point2d> round_highlights(const UprightView& view, const cv::Rect& region, const OrnamentLimits& l)
{
    cv::Mat lightness;
    cv::extractChannel(view.lab()(region), lightness, 0);
    // The top-hat keeps what is brighter than its surroundings and smaller
    // than the structuring element: beads, not the sheen of a whole lock. A
    // square element is separable, several times cheaper than a disc.
    const int size = std::max(3, cvRound(l.diameter_ied.max * 1.25 * view.px_per_ied())) | 1;
    cv::Mat tophat;
    cv::morphologyEx(lightness, tophat, cv::MORPH_TOPHAT, cv::getStructuringElement(cv::MORPH_RECT, {size, size}));
    const cv::Mat inside = view.inside()(region);
    const double dmin = l.diameter_ied.min * view.px_per_ied();
    const double dmax = l.diameter_ied.max * view.px_per_ied();
    const double same_bead = l.diameter_ied.min * view.px_per_ied();

    std::vector<cv::Point2d> found;
    for (int level = 0; level < kContrastLevels; ++level) {
        const double t = l.contrast.min + (l.contrast.max - l.contrast.min) * level / (kContrastLevels - 1);
        const cv::Mat candidates = (tophat > t) & inside;
        cv::Mat labels, stats, centroids;
        const int n = cv::connectedComponentsWithStats(candidates, labels, stats, centroids);
        for (int i = 1; i < n; ++i) {
            const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
            const int area = stats.at<int>(i, cv::CC_STAT_AREA);
            const int longer = std::max(w, h), shorter = std::min(w, h);
            if (longer < dmin || longer > dmax || longer > l.max_aspect * shorter || area < l.min_fill * w * h)
                continue;
            const cv::Point2d c(centroids.at<double>(i, 0), centroids.at<double>(i, 1));
            const bool seen = std::any_of(found.begin(), found.end(),
                                          [&](const cv::Point2d& p) { return cv::norm(p - c) < same_bead; });
            if (!seen)
                found.push_back(c);
        }
    }
    return found;
}

} // namespace

OrnamentRow find_ornament_row(const UprightView& view, const cv::Rect& region, const OrnamentLimits& limits)
{
    OrnamentRow out;
    if (region.area() <= 0)
        return out;
    const auto points = round_highlights(view, region, limits);
    out.highlights = static_cast<int>(points.size());
    if (points.size() < 3 || points.size() > kMaxHighlights)
        return out;

    // Every triple defines a parabola y = a x^2 + b x + c; a headband arches
    // over the head, so only a >= 0 (lowest in the image at the sides) counts.
    const double tolerance = limits.row_tolerance_ied * view.px_per_ied();
    for (std::size_t i = 0; i < points.size(); ++i)
        for (std::size_t j = i + 1; j < points.size(); ++j)
            for (std::size_t k = j + 1; k < points.size(); ++k) {
                const cv::Point2d &p = points[i], &q = points[j], &r = points[k];
                const cv::Matx33d a(p.x * p.x, p.x, 1, q.x * q.x, q.x, 1, r.x * r.x, r.x, 1);
                cv::Vec3d coef;
                if (!cv::solve(a, cv::Vec3d(p.y, q.y, r.y), coef) || coef[0] < 0)
                    continue;
                const int on = static_cast<int>(std::count_if(points.begin(), points.end(), [&](const cv::Point2d& s) {
                    return std::abs(coef[0] * s.x * s.x + coef[1] * s.x + coef[2] - s.y) < tolerance;
                }));
                out.in_row = std::max(out.in_row, on);
            }
    return out;
}

} // namespace kiosk::vision
