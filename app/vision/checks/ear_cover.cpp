#include "vision/checks/ear_cover.h"

#include <algorithm>
#include <cmath>

#include "vision/checks/upright_view.h"

namespace kiosk::vision {
namespace {

// Band geometry in IED, measured on the shared photos: from just below the
// level of landmark 0/16 to 60 % of the way from landmark 1/15 to 2/14, and
// from 0.02 to 0.28 outside the contour. Starting lower would miss hair over
// the top of the ear; starting higher counts short hair above the ear.
constexpr double kBandTopBelowLandmark0 = 0.05;
constexpr double kBandBottomShare = 0.6;
constexpr double kBandInner = 0.02;
constexpr double kBandOuter = 0.28;

// Hair strands are a few pixels wide at this resolution; ears are 0.3 IED wide.
constexpr double kPxPerIed = 100;

// A backdrop pixel: brighter than the cheeks and nearly colourless (chroma
// below this, 8-bit CIELAB), or close to the backdrop's own colour where a
// coloured one (light blue, lilac) is seen beyond the ears, in a strip this
// far outside the contour, and is brighter than the face. A dark or busy
// backdrop counts as hair.
constexpr double kBackdropMaxChroma = 7.0;
constexpr double kBackdropStripNear = 0.55;
constexpr double kBackdropStripFar = 0.75;
// CIELAB distance to the strip's median, L weighted half (lighting varies
// along a backdrop more than its hue).
constexpr double kBackdropDistance = 12.0;

// The band must lie this much inside the frame to be judged.
constexpr double kMinInside = 0.9;

struct Side {
    int top, middle, lower;   // contour landmarks from the temple down
    double outward;           // +1 towards the image's right
};

// Share of the band on one side that is hair, or a negative value when the
// band runs off the frame.
double hair_share(const cv::Mat& bgr, const Face& face, const SkinColour& skin, const Side& side)
{
    const cv::Point2d top = to_face_units(face, face.landmarks[side.top]);
    const cv::Point2d middle = to_face_units(face, face.landmarks[side.middle]);
    const cv::Point2d lower = to_face_units(face, face.landmarks[side.lower]);
    const double y0 = top.y + kBandTopBelowLandmark0;
    const double y1 = middle.y + kBandBottomShare * (lower.y - middle.y);
    const double contour_x = 0.5 * (top.x + middle.x);
    const double xa = contour_x + side.outward * kBandInner;
    const double xb = contour_x + side.outward * kBandOuter;
    if (y1 <= y0)
        return -1;
    const UprightView band(bgr, face, cv::Rect2d(std::min(xa, xb), y0, std::abs(xb - xa), y1 - y0), kPxPerIed,
                           Shrinking::SmoothFirst);
    if (band.inside_fraction() < kMinInside)
        return -1;
    const double sa = contour_x + side.outward * kBackdropStripNear;
    const double sb = contour_x + side.outward * kBackdropStripFar;
    const UprightView strip(bgr, face, cv::Rect2d(std::min(sa, sb), y0, std::abs(sb - sa), y1 - y0), kPxPerIed,
                            Shrinking::SmoothFirst);
    // The strip may run off a tight frame or show hair; then only the neutral
    // rule is used.
    const cv::Vec3d backdrop = strip.median_lab();
    const bool light_backdrop = strip.inside_fraction() >= kMinInside && backdrop[0] > skin.lab[0];

    int counted = 0;
    int hair = 0;
    for (int y = 0; y < band.lab().rows; ++y)
        for (int x = 0; x < band.lab().cols; ++x) {
            if (!band.inside().at<uchar>(y, x))
                continue;
            const cv::Vec3b v = band.lab().at<cv::Vec3b>(y, x);
            ++counted;
            if (skin.hue_matches(v))
                continue;
            const double chroma = std::hypot(v[1] - 128.0, v[2] - 128.0);
            const bool neutral_light = chroma < kBackdropMaxChroma && v[0] > skin.lab[0];
            const bool like_backdrop =
                light_backdrop && std::hypot(0.5 * (v[0] - backdrop[0]), v[1] - backdrop[1], v[2] - backdrop[2]) <
                                      kBackdropDistance;
            if (!neutral_light && !like_backdrop)
                ++hair;
        }
    return counted ? static_cast<double>(hair) / counted : -1;
}

} // namespace

EarCoverResult measure_ear_cover(const cv::Mat& bgr, const Face& face, const SkinColour& skin)
{
    EarCoverResult r;
    const double left = hair_share(bgr, face, skin, {0, 1, 2, -1.0});
    const double right = hair_share(bgr, face, skin, {16, 15, 14, +1.0});
    if (left < 0 || right < 0) {
        r.why_not = "an ear region lies outside the frame";
        return r;
    }
    r.cover = EarCover{left, right};
    return r;
}

} // namespace kiosk::vision
