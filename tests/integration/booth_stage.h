#pragma once

#include <cstdint>

#include <opencv2/core.hpp>

#include "camera/booth_model.h"

namespace kiosk::test {

// How the booth is lit when a frame (or the plate) is filmed. The lamps act
// through the replay camera's booth model; the background lamp's hot spot
// and the lens's vignetting, which that model leaves out, are added here in
// linear light, the same for the plate and the frames of one booth.
struct BoothLighting {
    camera::BoothState lamps;
    double exposure = 1.0;                    // gain on linear light (auto-exposure drift)
    cv::Point2d hotspot{0.5, 0.35};           // where the background lamp aims, fractions of the frame
    double hotspot_falloff = 0.2;             // share of its light lost one frame height away
    double vignetting = 0.25;                 // share of light lost in the frame's corners
};

// A shadow the subject casts on the backdrop: the subject's own outline
// moved sideways and down, its edge softened, taking `strength` of the light
// where it falls (on the backdrop only).
struct CastShadow {
    double strength = 0;      // 0 none .. 1 black
    cv::Point2d offset;       // in frame pixels
    double softness = 6;      // penumbra, Gaussian sigma in frame pixels
};

// A real portrait placed in a simulated booth: the portrait's backdrop is
// replaced by a smooth one (a quadratic fitted to it), so the booth's
// backdrop is known behind the person too and the empty booth can be filmed;
// the person's outline (camera::subject_matte, refined at full size to what
// differs from that backdrop) is the truth a subject mask is scored against. Frames are rendered as the replay camera
// frames a picture (camera::render_scene, centred, its height filling the
// frame's) and lit by the booth model.
class BoothStage {
public:
    // `portrait`: 8-bit BGR of one person on a plain backdrop.
    BoothStage(const cv::Mat& portrait, cv::Size frame_size, camera::BoothModel booth, double gamma);

    // One frame with the person, sensor noise of `noise_sd` grey levels.
    cv::Mat film(const BoothLighting& light, const CastShadow& shadow, double noise_sd, std::uint64_t seed) const;
    // The empty booth as calibration films it: the median of several frames,
    // so a third of a frame's noise.
    cv::Mat plate(const BoothLighting& light, double frame_noise_sd, std::uint64_t seed) const;
    // CV_8U, 255 on the person (the frame's size).
    const cv::Mat& truth() const { return truth_; }
    // Backdrop pixels a shadow darkens by at least `share` of their light.
    cv::Mat shadowed(const CastShadow& shadow, double share) const;

private:
    cv::Mat lit(cv::Mat bgr, const cv::Mat& alpha, const BoothLighting& light, const cv::Mat& extra_light,
                double noise_sd, std::uint64_t seed) const;
    cv::Mat shadow_light(const CastShadow& shadow) const;

    camera::BoothModel booth_;
    double gamma_;
    cv::Mat scene_;      // the person on the smooth backdrop, frame size
    cv::Mat backdrop_;   // the smooth backdrop alone
    cv::Mat alpha_;      // soft outline, CV_8U
    cv::Mat truth_;
    double head_x_ = 0;
};

} // namespace kiosk::test
