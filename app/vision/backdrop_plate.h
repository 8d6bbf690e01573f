#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include <opencv2/core.hpp>

namespace kiosk::vision {

// The empty booth as the technician's calibration filmed it (the median of
// empty-booth frames, app/calibration/background_plate.h): what the backdrop
// looks like, lamp falloff and lens vignetting included, wherever the person
// later hides it. With it the engine tells the person from the backdrop by
// what changed since, and a shadow on the backdrop by how much darker it got.
// Immutable once made; one plate is shared by every assessor and thread.
class BackdropPlate {
public:
    // `bgr`: 8-bit BGR, the camera's picture of the empty booth (any size;
    // it is resampled to each frame's). Copied. Throws InputError when empty,
    // not 8-bit 3-channel, or under 64 px on a side.
    explicit BackdropPlate(const cv::Mat& bgr);

    cv::Size size() const { return bgr_.size(); }

    // The plate resampled to a frame of `frame` size, 8-bit BGR; empty when
    // the frame's shape differs from the plate's by more than 1 % (another
    // sensor mode frames another part of the booth: comparing would invent
    // differences). Thread-safe; the last few sizes asked for are kept, so a
    // live stream and its stills each pay for the resampling once.
    cv::Mat at_size(cv::Size frame) const;

private:
    cv::Mat bgr_;
    mutable std::mutex mutex_;
    mutable std::vector<cv::Mat> resampled_;   // newest last
};

// The plate's CIELAB (to_lab) with its level matched to a frame's: where
// `backdrop` (CV_8U) marks pixels of `frame_lab` that show the backdrop, the
// difference frame - plate is fitted with a plane in L* (exposure or gain
// drift, and a key lamp turned up on one side since the plate was taken) and
// offsets in a* and b* (white balance drift). Pixels unlike the plate (a
// shadow, a strand of hair) are left out of the fit by refitting on what lies
// near the previous one. Returns the plate unchanged when fewer than 50
// backdrop pixels are marked. Both images CV_32FC3 of the same size.
cv::Mat level_matched_plate(const cv::Mat& frame_lab, const cv::Mat& plate_lab, const cv::Mat& backdrop);

} // namespace kiosk::vision
