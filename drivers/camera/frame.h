#pragma once

#include <chrono>
#include <cstdint>

#include <opencv2/core.hpp>

#include "camera/camera_controls.h"

namespace kiosk::camera {

// One picture from a camera, immutable once delivered: the mailbox hands it to
// the vision thread and the UI thread by shared_ptr<const Frame>, so both may
// read it while the camera fills the next one.
struct Frame {
    cv::Mat image;        // 8-bit BGR, owned by this frame (never a view into a driver buffer)
    // Counts sensor frames; strictly increasing for the life of one camera
    // source, across stop/start and reconnects, so "newer than the last one I
    // saw" always means something. A gap means the sensor produced frames that
    // were never delivered (the camera fell behind its own rate).
    std::uint64_t sequence = 0;
    // When the sensor captured the frame, on the steady clock, so latency and
    // rate can be measured against std::chrono::steady_clock::now().
    std::chrono::steady_clock::time_point timestamp;
    // The controls in force for this frame, as the device reports them back
    // (a control set now takes effect on a later frame, as on real sensors).
    CameraControls controls;
};

} // namespace kiosk::camera
