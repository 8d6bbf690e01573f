#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stop_token>
#include <vector>

#include <opencv2/core.hpp>

#include "camera/camera_source.h"

namespace kiosk::calibration {

// Takes the frames a camera procedure measures: only ones newer than the last
// change it made (lights take a frame or two to show, and controls apply with
// the sensor's delay, so each frame's own controls are checked), each waited
// for at most the timeout, and none once the procedure is cancelled.
class FrameTaker {
public:
    FrameTaker(const camera::CameraSource& camera, std::chrono::milliseconds timeout, std::stop_token cancel);

    // Forget every frame up to the newest now in the mailbox and `settle` more:
    // the booth just changed.
    void changed(int settle);
    // `count` new frames (taken with `controls` when given, others skipped);
    // empty when the camera stops delivering or the procedure is cancelled.
    std::vector<cv::Mat> take(int count, const std::optional<camera::CameraControls>& controls = std::nullopt);

    bool cancelled() const { return cancel_.stop_requested(); }

private:
    const camera::CameraSource& camera_;
    std::chrono::milliseconds timeout_;
    std::stop_token cancel_;
    std::optional<std::uint64_t> last_seen_;
    // Frames up to this sequence were (partly) filmed before the last change.
    std::optional<std::uint64_t> stale_until_;
};

// Per pixel, the median of equal-sized 8-bit BGR frames: a passer-by or a
// flicker in one frame does not reach the plate.
cv::Mat median_frame(const std::vector<cv::Mat>& frames);
// Per pixel, the mean: less noise to measure on.
cv::Mat mean_frame(const std::vector<cv::Mat>& frames);

} // namespace kiosk::calibration
