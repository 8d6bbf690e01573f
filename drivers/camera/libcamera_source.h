#pragma once

#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "camera/camera_source.h"
#include "camera/camera_status.h"
#include "camera/libcamera_settings.h"

namespace libcamera {
class Camera;
class CameraManager;
}

namespace kiosk::camera {

class CameraSession;

// A real camera through libcamera: CSI sensors and UVC webcams. Its own
// thread opens the camera, runs the request loop (convert, post, requeue) and,
// when the camera is missing or goes away, reports Unavailable and retries
// with backoff, sooner when libcamera announces a new camera.
class LibcameraSource final : public CameraSource {
public:
    explicit LibcameraSource(LibcameraSettings settings);
    ~LibcameraSource() override;

    std::string id() const override;
    void start(const StreamRequest& request) override;
    void stop() override;
    const FrameMailbox& frames() const override { return mailbox_; }
    void set_controls(const CameraControls& controls) override;
    CameraControls controls() const override;
    Frame capture_still(std::chrono::milliseconds timeout) override;
    CameraState state() const override { return status_.state(); }
    std::string state_message() const override { return status_.message(); }
    void set_event_handler(CameraEventHandler handler) override { status_.set_handler(std::move(handler)); }

private:
    // Why a streaming session ended.
    enum class Ending { Stopping, Lost, StillWanted };

    void run(StreamRequest request);
    std::shared_ptr<libcamera::Camera> find_camera(libcamera::CameraManager& manager) const;
    Ending stream(CameraSession& session, std::string& why);
    // For cameras without a still stream: reopen at full resolution for one
    // picture; the caller reopens the viewfinder afterwards.
    void take_still_by_reconfiguring(const std::shared_ptr<libcamera::Camera>& camera);
    void deliver_still(Frame frame);
    void fail_pending_still(const std::string& why);
    // Sleeps for `delay` unless stopped or a camera is plugged in meanwhile.
    void wait_before_retry(std::chrono::milliseconds delay);
    void on_camera_added(std::shared_ptr<libcamera::Camera> camera);
    bool stopping() const;

    const LibcameraSettings settings_;
    FrameMailbox mailbox_;
    CameraStatus status_;

    std::mutex lifecycle_mutex_;   // serialises start() and stop()
    std::thread thread_;
    mutable std::mutex mutex_;     // everything below, shared with the camera thread
    std::condition_variable wake_;
    bool stopping_ = false;
    bool camera_added_ = false;
    std::string current_camera_;

    CameraControls controls_;
    bool controls_changed_ = false;
    std::uint64_t next_sequence_ = 0;
    double fps_ = 30;

    std::optional<std::promise<Frame>> still_request_;
    bool still_queued_ = false;
};

} // namespace kiosk::camera
