#include "vision/checks/skin_colour.h"

#include <algorithm>
#include <cmath>

namespace kiosk::vision {
namespace {

// Tolerances of hue_matches, in 8-bit CIELAB units. Measured on the shared
// photos: ear skin sits within these of the cheeks for every skin tone there,
// brown and black hair falls below the a* floor.
constexpr double kRednessBelowCheeks = 4.0;
constexpr double kYellownessFromCheeks = 12.0;

// Half the side of each cheek square skin_colour_beside_nose samples, in IED: large enough to
// average out pores and freckles, small enough to stay on skin for narrow faces.
constexpr double kBesideNoseHalfSide = 0.15;

// Sums over the pixels of a view region that show the frame. 8-bit values
// sum exactly in a double, so sums of two regions add up without rounding.
struct CheekSums {
    double n = 0;
    cv::Vec3d sum{0, 0, 0};
    cv::Vec3d sum_sq{0, 0, 0};

    void add(const UprightView& view, const cv::Rect& region)
    {
        for (int y = region.y; y < region.y + region.height; ++y)
            for (int x = region.x; x < region.x + region.width; ++x) {
                if (!view.inside().at<uchar>(y, x))
                    continue;
                const cv::Vec3b v = view.lab().at<cv::Vec3b>(y, x);
                for (int c = 0; c < 3; ++c) {
                    sum[c] += v[c];
                    sum_sq[c] += static_cast<double>(v[c]) * v[c];
                }
                n += 1;
            }
    }

    SkinColour colour() const
    {
        SkinColour s;
        const double scale = 1.0 / n;
        s.lab = sum * scale;
        for (int c = 0; c < 3; ++c)
            s.spread[c] = std::sqrt(std::max(sum_sq[c] * scale - s.lab[c] * s.lab[c], 0.0));
        return s;
    }
};

cv::Rect whole(const UprightView& view) { return {0, 0, view.lab().cols, view.lab().rows}; }

} // namespace

bool SkinColour::is_skin(const cv::Vec3b& pixel, const SkinTolerance& tolerance) const
{
    const double lightness_tol = std::max(tolerance.min_lightness, tolerance.sigmas * spread[0]);
    const double chroma_tol = std::max(tolerance.min_chroma, tolerance.sigmas * std::hypot(spread[1], spread[2]));
    const double dl = pixel[0] - lab[0];
    const double chroma = std::hypot(pixel[1] - lab[1], pixel[2] - lab[2]);
    // Foreheads are often brighter than cheeks (they face the light), so
    // lighter skin is given more room than darker.
    return dl > -lightness_tol && dl < 2 * lightness_tol && chroma < chroma_tol;
}

bool SkinColour::hue_matches(const cv::Vec3b& pixel) const
{
    return hue_within(pixel, kRednessBelowCheeks, kYellownessFromCheeks);
}

cv::Rect2d cheek_below_eye(bool image_left)
{
    return image_left ? cv::Rect2d(-0.75, 0.5, 0.3, 0.3) : cv::Rect2d(0.45, 0.5, 0.3, 0.3);
}

std::optional<SkinColour> skin_colour_below_eyes(const UprightView& view)
{
    constexpr double kMinInside = 0.5;
    SkinColour both{{0, 0, 0}, {0, 0, 0}};
    for (bool left : {true, false}) {
        const cv::Rect2d p = cheek_below_eye(left);
        const cv::Rect r = view.region(p.x, p.y, p.x + p.width, p.y + p.height);
        if (view.inside_fraction(r) < kMinInside)
            return std::nullopt;
        CheekSums cheek;
        cheek.add(view, r);
        const SkinColour one = cheek.colour();
        both.lab += one.lab / 2;
        both.spread += one.spread / 2;
    }
    return both;
}

std::optional<SkinColour> skin_colour_beside_nose(const cv::Mat& bgr, const Face& face, double px_per_ied)
{
    const int jaw_and_nose[2][2] = {{2, 31}, {14, 35}};
    CheekSums both;
    for (const auto& pair : jaw_and_nose) {
        const cv::Point2d centre =
            (to_face_units(face, face.landmarks[pair[0]]) + to_face_units(face, face.landmarks[pair[1]])) * 0.5;
        const cv::Rect2d window(centre.x - kBesideNoseHalfSide, centre.y - kBesideNoseHalfSide,
                                2 * kBesideNoseHalfSide, 2 * kBesideNoseHalfSide);
        const UprightView cheek(bgr, face, window, px_per_ied, Shrinking::SmoothFirst);
        both.add(cheek, whole(cheek));
    }
    if (both.n == 0)
        return std::nullopt;
    return both.colour();
}

} // namespace kiosk::vision
