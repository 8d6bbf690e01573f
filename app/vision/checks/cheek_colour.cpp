#include "vision/checks/cheek_colour.h"

#include <algorithm>
#include <cmath>

#include "vision/checks/upright_view.h"

namespace kiosk::vision {
namespace {

// Tolerances of hue_matches, in 8-bit CIELAB units. Measured on the shared
// photos: ear skin sits within these of the cheeks for every skin tone there,
// brown and black hair falls below the a* floor.
constexpr double kRednessBelowCheeks = 4.0;
constexpr double kYellownessFromCheeks = 12.0;

// Half the side of each cheek patch, in IED: large enough to average out
// pores and freckles, small enough to stay on skin for narrow faces.
constexpr double kCheekHalfSide = 0.15;

} // namespace

bool CheekColour::hue_matches(const cv::Vec3b& pixel) const
{
    return hue_within(pixel, kRednessBelowCheeks, kYellownessFromCheeks);
}


std::optional<CheekColour> sample_cheek_colour(const cv::Mat& bgr, const Face& face, double px_per_ied)
{
    // Midway between the jaw (landmarks 2 and 14) and the nose wings (31 and 35).
    const int jaw_and_nose[2][2] = {{2, 31}, {14, 35}};
    cv::Vec3d sum(0, 0, 0);
    double sum_l2 = 0;
    double n = 0;
    for (const auto& pair : jaw_and_nose) {
        const cv::Point2d centre =
            (to_face_units(face, face.landmarks[pair[0]]) + to_face_units(face, face.landmarks[pair[1]])) * 0.5;
        const cv::Rect2d window(centre.x - kCheekHalfSide, centre.y - kCheekHalfSide, 2 * kCheekHalfSide,
                                2 * kCheekHalfSide);
        const UprightView patch(bgr, face, window, px_per_ied, Shrinking::SmoothFirst);
        for (int y = 0; y < patch.lab().rows; ++y)
            for (int x = 0; x < patch.lab().cols; ++x) {
                if (!patch.inside().at<uchar>(y, x))
                    continue;
                const cv::Vec3b v = patch.lab().at<cv::Vec3b>(y, x);
                sum += cv::Vec3d(v[0], v[1], v[2]);
                sum_l2 += static_cast<double>(v[0]) * v[0];
                n += 1;
            }
    }
    if (n == 0)
        return std::nullopt;
    CheekColour c;
    c.lab = sum / n;
    c.lightness_sd = std::sqrt(std::max(0.0, sum_l2 / n - c.lab[0] * c.lab[0]));
    return c;
}

} // namespace kiosk::vision
