#pragma once

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "camera/camera_source.h"
#include "camera/camera_status.h"

namespace kiosk::camera {

// What every backend does around its own streaming loop, written once: the
// life cycle of the one camera thread (start() refuses a second, stop() wakes
// and joins it and fails a still still waited for), the mailbox, the status,
// and the one-at-a-time still request that the thread fulfils.
//
// A backend implements run() and, because run() is its own code, calls
// stop() from its destructor so the thread ends before its members go.
class ThreadedCameraSource : public CameraSource {
public:
    void start(const StreamRequest& request) final;
    void stop() final;
    const FrameMailbox& frames() const final { return mailbox_; }
    Frame capture_still(std::chrono::milliseconds timeout) final;
    CameraState state() const final { return status_.state(); }
    std::string state_message() const final { return status_.message(); }
    void set_event_handler(CameraEventHandler handler) final { status_.set_handler(std::move(handler)); }

protected:
    // `status_name` names the camera in the status log lines.
    explicit ThreadedCameraSource(std::string status_name);

    // The camera thread: streams until stopping_ is set.
    virtual void run(StreamRequest request) = 0;
    // Runs under mutex_ once the thread has ended: clears what belonged to
    // that run so the next start() begins afresh.
    virtual void reset_after_stop() {}

    // Ends a waiting capture_still() with CameraError(why); nothing when none waits.
    void fail_pending_still(const std::string& why);

    FrameMailbox mailbox_;
    CameraStatus status_;
    mutable std::mutex mutex_;     // the members below and the backend's own shared state
    std::condition_variable wake_; // stop() and the backend's own wake-ups
    bool stopping_ = false;
    std::optional<std::promise<Frame>> still_request_;

private:
    std::mutex lifecycle_mutex_;   // serialises start() and stop()
    std::thread thread_;
};

} // namespace kiosk::camera
