#pragma once

#include <cstdint>
#include <memory>

#include <opencv2/core.hpp>

#include "session/events.h"

namespace kiosk::session {

// The newest camera picture for the preview, handed to the UI without it
// knowing the camera: the runtime adapts the camera's mailbox to this.
struct PreviewFrame {
    std::shared_ptr<const cv::Mat> image; // 8-bit BGR as the camera saw it (the UI mirrors it)
    SteadyClock::time_point captured;
    std::uint64_t sequence = 0;
};

class PreviewFeed {
public:
    virtual ~PreviewFeed() = default;
    // The newest frame, or an empty image before the first one. Never blocks.
    virtual PreviewFrame latest() const = 0;
};

} // namespace kiosk::session
