#pragma once

#include <memory>
#include <string>

#include "camera/libcamera_settings.h"
#include "camera/threaded_camera_source.h"

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
class LibcameraSource final : public ThreadedCameraSource {
public:
    explicit LibcameraSource(LibcameraSettings settings);
    ~LibcameraSource() override;

    std::string id() const override;
    void set_controls(const CameraControls& controls) override;
    CameraControls controls() const override;

private:
    // Why a streaming session ended.
    enum class Ending { Stopping, Lost, StillWanted };

    void run(StreamRequest request) override;
    void reset_after_stop() override;
    std::shared_ptr<libcamera::Camera> find_camera(libcamera::CameraManager& manager) const;
    Ending stream(CameraSession& session, std::string& why);
    // For cameras without a still stream: reopen at full resolution for one
    // picture; the caller reopens the viewfinder afterwards.
    void take_still_by_reconfiguring(const std::shared_ptr<libcamera::Camera>& camera);
    void deliver_still(Frame frame);
    // Ends the waiting still and forgets any still request queued on the camera.
    void fail_still(const std::string& why);
    // Sleeps for `delay` unless stopped or a camera is plugged in meanwhile.
    void wait_before_retry(std::chrono::milliseconds delay);
    void on_camera_added(std::shared_ptr<libcamera::Camera> camera);
    bool stopping() const;

    const LibcameraSettings settings_;

    // Guarded by mutex_, shared with the camera thread.
    bool camera_added_ = false;
    std::string current_camera_;

    CameraControls controls_;
    bool controls_changed_ = false;
    std::uint64_t next_sequence_ = 0;
    double fps_ = 30;
    bool still_queued_ = false;
};

} // namespace kiosk::camera
