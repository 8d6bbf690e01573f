#pragma once

#include <cmath>
#include <optional>

#include <opencv2/core.hpp>

#include "vision/checks/upright_view.h"
#include "vision/face.h"

namespace kiosk::vision {

// How far from the subject's own skin colour a pixel may lie and still count
// as skin (CIELAB, 8-bit OpenCV scale). Read from the spec's thresholds.
struct SkinTolerance {
    double sigmas = 0;          // spread of the cheek samples that still counts as skin
    double min_lightness = 0;   // floor of the lightness tolerance (cheeks can be very even)
    double min_chroma = 0;      // floor of the colour (a*, b*) tolerance
};

// The subject's own skin colour, sampled on both cheeks: the part of the face
// that hair, glasses frames, hats, beards and jewellery rarely reach. Judging
// hair, coverings and jewellery against this subject's skin, instead of a
// fixed skin gamut, keeps the checks fair across skin tones and lighting.
struct SkinColour {
    cv::Vec3d lab;      // mean CIELAB, OpenCV 8-bit scale (L 0-255, a/b centred on 128)
    cv::Vec3d spread;   // per-channel standard deviation of the cheek pixels

    // Skin by colour and lightness, within `tolerance` of the cheeks (the head
    // checks: a forehead against hair or a hat).
    bool is_skin(const cv::Vec3b& pixel, const SkinTolerance& tolerance) const;

    // Skin by hue alone: ears are often darker (shaded) or redder than the
    // cheeks, so lightness is left free; a* no lower than the cheeks' and b*
    // close to theirs separates skin from hair (lower a*) and from a grey or
    // white backdrop (a* near 128). Near-black pixels carry no usable colour.
    bool hue_matches(const cv::Vec3b& pixel) const;
    // The same test with other tolerances (8-bit CIELAB units): how far a*
    // may fall below the cheeks' and b* stray from theirs. Inline: it runs
    // for every pixel of every region.
    bool hue_within(const cv::Vec3b& pixel, double redness_below, double yellowness_from) const
    {
        return pixel[0] > kMinLightness && pixel[1] >= lab[1] - redness_below &&
               std::abs(pixel[2] - lab[2]) < yellowness_from;
    }

private:
    static constexpr int kMinLightness = 20;
};

// The cheek square the head checks sample on one side, in face units: below
// the lower eyelid and the lower rim of most glasses, beside the nose, above
// the mouth corners and most moustaches.
cv::Rect2d cheek_below_eye(bool image_left);

// Both cheek_below_eye squares of a view the head checks already hold (it
// must reach about x -0.8..0.8, y 0.45..0.85). Each cheek counts the same,
// and the spread is the one within a cheek, so a face lit more from one side
// is not given a wider tolerance. None when a cheek is less than half inside
// the picture: the frame's edge or the black beyond it would dominate.
std::optional<SkinColour> skin_colour_below_eyes(const UprightView& view);

// Both cheeks midway between the jaw (landmarks 2 and 14) and the nose wings
// (31 and 35), resampled on their own at `px_per_ied` for the ear and neck
// checks, whose views do not reach the cheeks. Every pixel inside the frame
// counts the same; none when no cheek pixel is.
std::optional<SkinColour> skin_colour_beside_nose(const cv::Mat& bgr, const Face& face, double px_per_ied);

} // namespace kiosk::vision
