#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <libcamera/camera.h>
#include <libcamera/framebuffer_allocator.h>
#include <libcamera/request.h>
#include <libcamera/stream.h>
#include <opencv2/core.hpp>

#include "camera/camera_controls.h"
#include "camera/mapped_frame_buffer.h"
#include "camera/pixel_conversion.h"

namespace kiosk::camera {

class CameraSession;

// What a session's streams are for.
enum class StreamUse { Frames, Stills };

// A request the camera has finished with, lent to the caller until this
// handle goes: then a frames request is queued straight back to the camera
// (its buffer is in use again) and a stills request waits for the next
// still. Destroy every handle before its session.
class CompletedRequest {
public:
    CompletedRequest(CameraSession& session, std::size_t slot);
    ~CompletedRequest();
    CompletedRequest(CompletedRequest&& other) noexcept;
    CompletedRequest(const CompletedRequest&) = delete;
    CompletedRequest& operator=(const CompletedRequest&) = delete;
    CompletedRequest& operator=(CompletedRequest&&) = delete;

    StreamUse use() const;
    // False for a cancelled request or a buffer the device marked bad.
    bool ok() const;
    RawImage image() const;
    std::uint32_t sequence() const;
    std::chrono::steady_clock::time_point timestamp() const;
    const libcamera::ControlList& metadata() const;

private:
    CameraSession* session_;
    std::size_t slot_;
};

// One acquired, configured camera and its buffers, from acquire() to
// release(). Construction acquires, configures, allocates and maps; the
// destructor stops the camera and gives everything back in reverse order, so
// no path (a failed configure, an unplug mid-stream) leaks a buffer or leaves
// the camera acquired.
class CameraSession {
public:
    struct Options {
        libcamera::StreamRole role = libcamera::StreamRole::Viewfinder;
        cv::Size size;              // empty: the camera's default for the role
        bool still_stream = false;  // ask for a StillCapture stream beside it
        unsigned int buffer_count = 4;
        // Pixel formats to ask for, best first, as DRM fourccs (e.g. MJPG
        // for webcams that send only a few raw frames a second at 720p).
        // Empty or none offered: the camera's own choice, if we can convert it.
        std::vector<std::uint32_t> preferred_formats;
    };

    // Throws CameraError saying which step failed, or UnsupportedCamera when
    // the camera offers no pixel format we can convert.
    CameraSession(std::shared_ptr<libcamera::Camera> camera, const Options& options);
    ~CameraSession();
    CameraSession(const CameraSession&) = delete;
    CameraSession& operator=(const CameraSession&) = delete;

    const std::string& camera_id() const { return camera_->id(); }
    cv::Size frame_size() const;
    // Not every camera can stream stills beside the viewfinder (UVC cannot).
    bool has_still_stream() const;

    // Starts streaming with these controls and rate and queues every frames
    // request. Throws CameraError.
    void start(const CameraControls& controls, double fps);

    // The next completed request, waiting up to `timeout`.
    std::optional<CompletedRequest> wait_completed(std::chrono::milliseconds timeout);
    // True once the camera reported itself gone.
    bool lost() const;

    // Applied to the next frames request queued.
    void set_controls(const CameraControls& controls);
    // Queues the still request; false when none is free or there is no still stream.
    bool queue_still();

private:
    friend class CompletedRequest;

    // One request and the buffer it always carries.
    struct Slot {
        std::unique_ptr<libcamera::Request> request;
        const libcamera::Stream* stream = nullptr;
        StreamUse use = StreamUse::Frames;
        PixelLayout layout = PixelLayout::YUYV;
        libcamera::FrameBuffer* buffer = nullptr;
        std::unique_ptr<MappedFrameBuffer> mapping;
        bool queued = false;
    };

    void configure(const Options& options);
    void allocate();
    void recycle(std::size_t slot);
    void queue(Slot& slot);
    void on_request_completed(libcamera::Request* request);
    void on_disconnected();

    // Released last: held from the first step to the last.
    struct Acquisition {
        explicit Acquisition(std::shared_ptr<libcamera::Camera> camera);
        ~Acquisition();
        std::shared_ptr<libcamera::Camera> camera;
    };

    std::shared_ptr<libcamera::Camera> camera_;
    std::unique_ptr<Acquisition> acquisition_;
    std::unique_ptr<libcamera::CameraConfiguration> config_;
    std::unique_ptr<libcamera::FrameBufferAllocator> allocator_;
    std::vector<Slot> slots_;   // destroyed before the allocator that owns their buffers

    mutable std::mutex mutex_;
    std::condition_variable completed_changed_;
    std::deque<std::size_t> completed_;   // at most one entry per slot: never grows beyond the buffers
    bool started_ = false;
    bool lost_ = false;
    std::optional<CameraControls> pending_controls_;
};

} // namespace kiosk::camera
