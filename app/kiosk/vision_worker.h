#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "camera/frame_mailbox.h"
#include "session/events.h"
#include "spec/document_spec.h"
#include "vision/backdrop_plate.h"
#include "vision/live_assessor.h"
#include "vision/models.h"

namespace kiosk::runtime {

// The vision thread: takes the newest camera frame (never a queue: frames
// that arrive while one is judged are simply skipped), judges it with the
// live assessor of the current document, and hands each judgement on as a
// LiveAssessment event. Idle, and holding no face track, while no document
// is chosen.
class VisionWorker {
public:
    using EventSink = std::function<void(session::Event)>;

    // `frames` and `models` must outlive the worker. `wait` bounds how long
    // the thread waits for a frame before it looks at its orders again.
    VisionWorker(const camera::FrameMailbox& frames, const vision::Models& models, EventSink sink,
                 std::chrono::milliseconds wait);
    ~VisionWorker();
    VisionWorker(const VisionWorker&) = delete;
    VisionWorker& operator=(const VisionWorker&) = delete;

    void start();
    void stop();

    // Judge against this document from the next frame on, with a fresh track.
    void use_spec(const spec::DocumentSpec& spec);
    // Stop judging and forget the tracked face (the citizen has gone).
    void forget();
    // Judge frames against this empty-booth plate (the active calibration
    // profile's), or none, from the next frame on; kept across documents.
    // Any thread.
    void use_plate(std::shared_ptr<const vision::BackdropPlate> plate) { plate_.store(std::move(plate)); }

private:
    void run();

    const camera::FrameMailbox& frames_;
    const vision::Models& models_;
    EventSink sink_;
    std::chrono::milliseconds wait_;

    std::mutex mutex_;
    std::condition_variable changed_;
    bool stopping_ = false;
    // A new order for the thread: a spec to switch to, or none to go idle.
    std::optional<std::optional<spec::DocumentSpec>> order_;
    std::atomic<std::shared_ptr<const vision::BackdropPlate>> plate_;
    std::thread thread_;
};

} // namespace kiosk::runtime
