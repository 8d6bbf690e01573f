#pragma once

#include <opencv2/core.hpp>

#include "vision/checks/upright_view.h"

namespace kiosk::vision {

// How far from the subject's own skin colour a pixel may lie and still count
// as skin (CIELAB, 8-bit OpenCV scale). Read from the spec's thresholds.
struct SkinTolerance {
    double sigmas = 0;          // spread of the cheek samples that still counts as skin
    double min_lightness = 0;   // floor of the lightness tolerance (cheeks can be very even)
    double min_chroma = 0;      // floor of the colour (a*, b*) tolerance
};

// The subject's skin colour, sampled on both cheeks below the eyes and beside
// the nose: the part of the face that hair, glasses frames, hats and beards
// rarely reach. Judging hair and coverings against this subject's own skin,
// instead of a fixed skin gamut, keeps the measure fair across skin tones and
// lighting.
class SkinModel {
public:
    // `view` must contain the cheeks (about x -0.8..0.8, y 0.45..0.85 IED).
    explicit SkinModel(const UprightView& view);

    // False when a cheek lies outside the picture: nothing else may be used then.
    bool sampled() const { return sampled_; }
    bool is_skin(const cv::Vec3b& lab, const SkinTolerance& tolerance) const;
    double lightness() const { return mean_[0]; }

private:
    cv::Vec3d mean_;
    cv::Vec3d spread_;
    bool sampled_ = true;
};

// The cheek patch the skin model samples on one side, in IED units.
cv::Rect2d cheek_patch(bool image_left);

} // namespace kiosk::vision
