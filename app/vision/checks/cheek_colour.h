#pragma once

#include <cmath>
#include <optional>

#include <opencv2/core.hpp>

#include "vision/face.h"

namespace kiosk::vision {

// The subject's own skin colour, sampled on both cheeks between the jaw and
// the nose, where hair, beards and jewellery rarely reach. The ear and neck
// measures compare pixels with this rather than with a fixed skin gamut, so
// they treat every skin tone and lighting alike.
struct CheekColour {
    cv::Vec3d lab;              // mean CIELAB, OpenCV 8-bit scale (L 0-255, a/b centred on 128)
    double lightness_sd = 0;    // spread of L over the cheeks

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

// Samples both cheeks at `px_per_ied` pixels per inter-eye distance; none
// when the cheeks lie outside the frame.
std::optional<CheekColour> sample_cheek_colour(const cv::Mat& bgr, const Face& face, double px_per_ied);

} // namespace kiosk::vision
