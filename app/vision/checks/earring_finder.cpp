#include "vision/checks/earring_finder.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "vision/checks/upright_view.h"

namespace kiosk::vision {
namespace {

// Finest resolution used: 200 px per IED keeps a 1-2 px hoop wire of a
// 1350 px portrait intact. Smaller faces are used at their own resolution
// (upsampling adds nothing).
constexpr double kMaxPxPerIed = 200;

// Region geometry in IED (see earring_finder.h).
constexpr double kTopShareFromLandmark1 = 0.5;   // halfway from landmark 1 to 2
constexpr double kBelowLandmark3 = 0.35;
constexpr double kInsideContour = 0.05;
constexpr double kOutsideContour = 0.35;
// The backdrop is sampled in a strip this far outside the contour, level
// with the region: beyond where ears and earrings reach.
constexpr double kBackdropNear = 0.6;
constexpr double kBackdropFar = 0.8;

// Gold: b* at least this much above the cheeks and above this absolute b*
// (8-bit CIELAB, 128 = neutral).
constexpr double kGoldAboveCheeks = 14;
constexpr int kGoldMinB = 148;

// Dark: L this far below the cheeks and below the backdrop.
constexpr double kDarkBelowSkin = 40;
constexpr double kDarkBelowBackdrop = 60;
// A pixel matches the backdrop within this CIELAB distance (L weighted half,
// since the backdrop's brightness varies more than its hue).
constexpr double kBackdropDistance = 12;
// Share of a dark blob's surroundings that must be backdrop.
constexpr double kMinBackdropAround = 0.3;

constexpr double kMinInside = 0.9;
// The backdrop strip only gives a median colour, which a third of it does
// as well: a tightly framed or tilted head may push the rest off the frame.
constexpr double kMinStripInside = 0.3;

double backdrop_distance(const cv::Vec3b& v, const cv::Vec3d& backdrop)
{
    const double dl = 0.5 * (v[0] - backdrop[0]);
    const double da = v[1] - backdrop[1];
    const double db = v[2] - backdrop[2];
    return std::sqrt(dl * dl + da * da + db * db);
}

// Whether a blob lies clear of the region's top, outer and bottom edges.
// Hair and backdrop objects run in from there; jewellery hangs inside. The
// inner edge may be touched: a hoop can pass behind the neck.
bool hangs_inside(const cv::Mat& stats, int i, cv::Size region, bool outer_is_right)
{
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT);
    const int y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const bool touches_outer = outer_is_right ? x + w == region.width : x == 0;
    return !touches_outer && y > 0 && y + h < region.height;
}

// Largest gold blob that hangs inside the region, in pixels.
int largest_gold_blob(const cv::Mat& gold, bool outer_is_right)
{
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(gold, labels, stats, centroids, 8);
    int best = 0;
    for (int i = 1; i < n; ++i)
        if (hangs_inside(stats, i, gold.size(), outer_is_right))
            best = std::max(best, stats.at<int>(i, cv::CC_STAT_AREA));
    return best;
}

// Largest dark blob that hangs inside the region and is mostly surrounded by
// backdrop (see earring_finder.h), in pixels.
int largest_hanging_blob(const cv::Mat& dark, const cv::Mat& lab, const cv::Vec3d& backdrop, bool outer_is_right)
{
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(dark, labels, stats, centroids, 8);
    const cv::Mat ring_kernel = cv::Mat::ones(5, 5, CV_8U);
    int best = 0;
    for (int i = 1; i < n; ++i) {
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area <= best || !hangs_inside(stats, i, dark.size(), outer_is_right))
            continue;
        const cv::Mat blob = labels == i;
        cv::Mat ring;
        cv::dilate(blob, ring, ring_kernel);
        ring &= ~blob;
        int around = 0;
        int backdrop_around = 0;
        for (int yy = 0; yy < ring.rows; ++yy)
            for (int xx = 0; xx < ring.cols; ++xx)
                if (ring.at<uchar>(yy, xx)) {
                    ++around;
                    backdrop_around += backdrop_distance(lab.at<cv::Vec3b>(yy, xx), backdrop) < kBackdropDistance;
                }
        if (around > 0 && backdrop_around >= kMinBackdropAround * around)
            best = area;
    }
    return best;
}

struct Side {
    int upper, lobe, lower;   // contour landmarks 1, 2, 3 (or 15, 14, 13)
    double outward;           // +1 towards the image's right
};

// Evidence on one side; none when the region runs off the frame.
std::optional<EarringEvidence> examine_side(const cv::Mat& bgr, const Face& face, const SkinColour& skin,
                                            const Side& side, double px_per_ied)
{
    const cv::Point2d upper = to_face_units(face, face.landmarks[side.upper]);
    const cv::Point2d lobe = to_face_units(face, face.landmarks[side.lobe]);
    const cv::Point2d lower = to_face_units(face, face.landmarks[side.lower]);
    const double y0 = upper.y + kTopShareFromLandmark1 * (lobe.y - upper.y);
    const double y1 = lower.y + kBelowLandmark3;
    if (y1 <= y0)
        return std::nullopt;
    const double xa = lobe.x - side.outward * kInsideContour;
    const double xb = lobe.x + side.outward * kOutsideContour;
    const UprightView region(bgr, face, cv::Rect2d(std::min(xa, xb), y0, std::abs(xb - xa), y1 - y0), px_per_ied,
                             Shrinking::SmoothFirst);
    const double ba = lobe.x + side.outward * kBackdropNear;
    const double bb = lobe.x + side.outward * kBackdropFar;
    const UprightView strip(bgr, face, cv::Rect2d(std::min(ba, bb), y0, std::abs(bb - ba), y1 - y0), px_per_ied,
                            Shrinking::SmoothFirst);
    if (region.inside_fraction() < kMinInside || strip.inside_fraction() < kMinStripInside)
        return std::nullopt;
    const cv::Vec3d backdrop = strip.median_lab();

    cv::Mat gold(region.lab().size(), CV_8U, cv::Scalar(0));
    cv::Mat dark(region.lab().size(), CV_8U, cv::Scalar(0));
    const double dark_below = std::min(skin.lab[0] - kDarkBelowSkin, backdrop[0] - kDarkBelowBackdrop);
    for (int y = 0; y < region.lab().rows; ++y)
        for (int x = 0; x < region.lab().cols; ++x) {
            if (!region.inside().at<uchar>(y, x))
                continue;
            const cv::Vec3b v = region.lab().at<cv::Vec3b>(y, x);
            if (v[2] - skin.lab[2] > kGoldAboveCheeks && v[2] > kGoldMinB)
                gold.at<uchar>(y, x) = 255;
            if (v[0] < dark_below)
                dark.at<uchar>(y, x) = 255;
        }
    const double px2 = px_per_ied * px_per_ied;
    EarringEvidence e;
    e.gold_area = largest_gold_blob(gold, side.outward > 0) / px2;
    e.hanging_area = largest_hanging_blob(dark, region.lab(), backdrop, side.outward > 0) / px2;
    return e;
}

} // namespace

EarringResult find_earrings(const cv::Mat& bgr, const Face& face, const SkinColour& skin)
{
    EarringResult r;
    const double px_per_ied = std::min(kMaxPxPerIed, face.inter_eye_distance());
    const auto left = examine_side(bgr, face, skin, {1, 2, 3, -1.0}, px_per_ied);
    const auto right = examine_side(bgr, face, skin, {15, 14, 13, +1.0}, px_per_ied);
    if (!left || !right) {
        r.why_not = "an ear lobe region lies outside the frame";
        return r;
    }
    r.evidence = EarringEvidence{std::max(left->gold_area, right->gold_area),
                                 std::max(left->hanging_area, right->hanging_area)};
    return r;
}

} // namespace kiosk::vision
