#include "vision/checks/skin_model.h"

#include <algorithm>
#include <cmath>

namespace kiosk::vision {

cv::Rect2d cheek_patch(bool image_left)
{
    // Below the lower eyelid and the lower rim of most glasses, beside the nose,
    // above the mouth corners and most moustaches.
    return image_left ? cv::Rect2d(-0.75, 0.5, 0.3, 0.3) : cv::Rect2d(0.45, 0.5, 0.3, 0.3);
}

SkinModel::SkinModel(const UprightView& view) : mean_(0, 0, 0), spread_(0, 0, 0)
{
    // Half the patch is enough for a mean; less and a frame edge or the black
    // beyond it would dominate.
    constexpr double kMinInside = 0.5;
    for (bool left : {true, false}) {
        const cv::Rect2d p = cheek_patch(left);
        const cv::Rect r = view.region(p.x, p.y, p.x + p.width, p.y + p.height);
        if (view.inside_fraction(r) < kMinInside) {
            sampled_ = false;
            return;
        }
        cv::Scalar m, sd;
        cv::meanStdDev(view.lab()(r), m, sd, view.inside()(r));
        for (int c = 0; c < 3; ++c) {
            mean_[c] += m[c] / 2;
            spread_[c] += sd[c] / 2;
        }
    }
}

bool SkinModel::is_skin(const cv::Vec3b& lab, const SkinTolerance& tolerance) const
{
    const double lightness_tol = std::max(tolerance.min_lightness, tolerance.sigmas * spread_[0]);
    const double chroma_tol = std::max(tolerance.min_chroma, tolerance.sigmas * std::hypot(spread_[1], spread_[2]));
    const double dl = lab[0] - mean_[0];
    const double chroma = std::hypot(lab[1] - mean_[1], lab[2] - mean_[2]);
    // Foreheads are often brighter than cheeks (they face the light), so
    // lighter skin is given more room than darker.
    return dl > -lightness_tol && dl < 2 * lightness_tol && chroma < chroma_tol;
}

} // namespace kiosk::vision
