#include "camera/threaded_camera_source.h"

#include <stdexcept>

#include "camera/camera_error.h"

namespace kiosk::camera {

ThreadedCameraSource::ThreadedCameraSource(std::string status_name) : status_(std::move(status_name)) {}

void ThreadedCameraSource::start(const StreamRequest& request)
{
    if (request.size.width <= 0 || request.size.height <= 0 || !(request.fps > 0))
        throw std::invalid_argument("camera stream needs a positive size and rate");
    std::lock_guard lifecycle(lifecycle_mutex_);
    if (thread_.joinable())
        throw std::logic_error("camera " + id() + " already started; stop() it first");
    mailbox_.clear();
    status_.report(CameraState::Starting, "");
    thread_ = std::thread([this, request] { run(request); });
}

void ThreadedCameraSource::stop()
{
    std::lock_guard lifecycle(lifecycle_mutex_);
    if (!thread_.joinable())
        return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    fail_pending_still("camera stopped before the still was taken");
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
        reset_after_stop();
    }
    status_.report(CameraState::Stopped, "");
}

Frame ThreadedCameraSource::capture_still(std::chrono::milliseconds timeout)
{
    std::future<Frame> result;
    {
        std::lock_guard lock(mutex_);
        if (status_.state() != CameraState::Streaming)
            throw CameraError("no still: the camera is " + std::string(to_string(status_.state())));
        if (still_request_)
            throw CameraError("no still: another still capture is in progress");
        still_request_.emplace();
        result = still_request_->get_future();
    }
    if (result.wait_for(timeout) != std::future_status::ready) {
        std::lock_guard lock(mutex_);
        still_request_.reset();
        throw CameraError("no still within " + std::to_string(timeout.count()) + " ms");
    }
    return result.get();
}

void ThreadedCameraSource::fail_pending_still(const std::string& why)
{
    std::lock_guard lock(mutex_);
    if (!still_request_)
        return;
    still_request_->set_exception(std::make_exception_ptr(CameraError(why)));
    still_request_.reset();
}

} // namespace kiosk::camera
