#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

#include "camera/frame.h"

namespace kiosk::camera {

// A one-slot hand-over from the camera thread to its consumers. Posting a
// frame replaces the one waiting (latest wins), so a slow consumer never builds
// a queue: it always gets the newest frame and the older ones are counted as
// dropped. The slot keeps the frame after it is taken so that several readers
// (vision, display) can each ask for "newer than the one I have".
class FrameMailbox {
public:
    // Camera side. Never blocks on a consumer.
    void post(std::shared_ptr<const Frame> frame);

    // The newest frame, or null when nothing was posted since clear().
    std::shared_ptr<const Frame> latest() const;

    // The newest frame with a sequence number above `after_sequence` (the last
    // one this consumer processed), waiting up to `timeout` for one; null on
    // timeout.
    std::shared_ptr<const Frame> wait_newer(std::uint64_t after_sequence,
                                            std::chrono::milliseconds timeout) const;
    // Like wait_newer, but for a consumer that has seen nothing yet.
    std::shared_ptr<const Frame> wait_any(std::chrono::milliseconds timeout) const;

    // Frames replaced in the slot before anyone took them.
    std::uint64_t dropped() const;
    // Frames posted since construction or clear().
    std::uint64_t posted() const;

    // Empties the slot and zeroes the counters (a new stream starts).
    void clear();

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::shared_ptr<const Frame> slot_;
    mutable bool taken_ = false;   // a consumer has read the frame in the slot
    std::uint64_t posted_ = 0;
    std::uint64_t dropped_ = 0;
};

} // namespace kiosk::camera
