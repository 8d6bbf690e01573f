#include "camera/libcamera_source.h"

#include <stdexcept>

#include <libcamera/camera.h>
#include <libcamera/camera_manager.h>
#include <spdlog/spdlog.h>

#include "core/backoff.h"
#include "camera/camera_error.h"
#include "camera/camera_session.h"
#include "camera/libcamera_controls.h"
#include "camera/libcamera_manager.h"
#include "core/error.h"

namespace kiosk::camera {
namespace {

using namespace std::chrono_literals;

// How often the request loop looks up from waiting for frames to notice
// stop(), new controls or a still request.
constexpr auto kLoopTick = 100ms;

} // namespace

LibcameraSource::LibcameraSource(LibcameraSettings settings)
    : ThreadedCameraSource(settings.camera_id.empty() ? "libcamera" : settings.camera_id),
      settings_(std::move(settings))
{
}

LibcameraSource::~LibcameraSource() { stop(); }

std::string LibcameraSource::id() const
{
    std::lock_guard lock(mutex_);
    if (!current_camera_.empty())
        return current_camera_;
    return settings_.camera_id.empty() ? "libcamera" : settings_.camera_id;
}

void LibcameraSource::reset_after_stop()
{
    camera_added_ = false;
    still_queued_ = false;
}

bool LibcameraSource::stopping() const
{
    std::lock_guard lock(mutex_);
    return stopping_;
}

void LibcameraSource::set_controls(const CameraControls& controls)
{
    std::lock_guard lock(mutex_);
    controls_ = controls;
    controls_changed_ = true;
}

CameraControls LibcameraSource::controls() const
{
    std::lock_guard lock(mutex_);
    return controls_;
}

void LibcameraSource::deliver_still(Frame frame)
{
    std::lock_guard lock(mutex_);
    still_queued_ = false;
    if (still_request_) {
        still_request_->set_value(std::move(frame));
        still_request_.reset();
    }
}

void LibcameraSource::fail_still(const std::string& why)
{
    {
        std::lock_guard lock(mutex_);
        still_queued_ = false;
    }
    fail_pending_still(why);
}

void LibcameraSource::on_camera_added(std::shared_ptr<libcamera::Camera>)
{
    {
        std::lock_guard lock(mutex_);
        camera_added_ = true;
    }
    wake_.notify_all();
}

void LibcameraSource::wait_before_retry(std::chrono::milliseconds delay)
{
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, delay, [&] { return stopping_ || camera_added_; });
    camera_added_ = false;
}

std::shared_ptr<libcamera::Camera> LibcameraSource::find_camera(libcamera::CameraManager& manager) const
{
    if (settings_.camera_id.empty()) {
        const auto cameras = manager.cameras();
        if (cameras.empty())
            throw CameraError("no camera found");
        return cameras.front();
    }
    auto camera = manager.get(settings_.camera_id);
    if (!camera)
        throw CameraError("camera " + settings_.camera_id + " not found");
    return camera;
}

void LibcameraSource::run(StreamRequest request)
{
    {
        std::lock_guard lock(mutex_);
        fps_ = request.fps;
    }
    std::shared_ptr<libcamera::CameraManager> manager;
    Backoff backoff(settings_.reconnect);
    while (!stopping()) {
        std::string why;
        try {
            if (!manager) {
                manager = shared_camera_manager();
                manager->cameraAdded.connect(this, &LibcameraSource::on_camera_added);
            }
            const auto camera = find_camera(*manager);
            Ending ending;
            {
                CameraSession session(camera, CameraSession::Options{libcamera::StreamRole::Viewfinder, request.size,
                                                                     settings_.still_stream, settings_.buffer_count,
                                                                     settings_.preferred_formats});
                CameraControls controls;
                {
                    std::lock_guard lock(mutex_);
                    current_camera_ = camera->id();
                    controls = controls_;
                    controls_changed_ = false;
                }
                session.start(controls, request.fps);
                status_.report(CameraState::Streaming, "camera " + camera->id());
                backoff.reset();
                ending = stream(session, why);
            }
            if (ending == Ending::Stopping)
                break;
            if (ending == Ending::StillWanted) {
                take_still_by_reconfiguring(camera);
                continue;
            }
        } catch (const UnsupportedCamera& e) {
            fail_still(e.what());
            status_.report(CameraState::Failed, e.what());
            break;
        } catch (const CameraError& e) {
            why = e.what();
        }
        if (stopping())
            break;
        fail_still(why);
        status_.report(CameraState::Unavailable, why);
        wait_before_retry(backoff.next_delay());
    }
    if (manager)
        manager->cameraAdded.disconnect(this);
}

LibcameraSource::Ending LibcameraSource::stream(CameraSession& session, std::string& why)
{
    auto last_frame = std::chrono::steady_clock::now();
    std::optional<std::uint64_t> sequence_offset;
    while (true) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_)
                return Ending::Stopping;
            if (controls_changed_) {
                session.set_controls(controls_);
                controls_changed_ = false;
            }
            if (still_request_ && !still_queued_) {
                if (!session.has_still_stream())
                    return Ending::StillWanted;
                still_queued_ = session.queue_still();
            }
        }
        if (session.lost()) {
            why = "camera " + session.camera_id() + " was disconnected";
            return Ending::Lost;
        }

        auto done = session.wait_completed(kLoopTick);
        const auto now = std::chrono::steady_clock::now();
        if (!done) {
            if (now - last_frame > settings_.frame_timeout) {
                why = "camera " + session.camera_id() + " delivered no frame for " +
                      std::to_string(settings_.frame_timeout.count()) + " ms";
                return Ending::Lost;
            }
            continue;
        }
        if (!done->ok())
            continue;   // a bad buffer is dropped; the handle requeues it

        Frame frame;
        try {
            frame.image = to_bgr(done->image());
        } catch (const InputError& e) {
            spdlog::debug("camera {}: dropped a frame: {}", session.camera_id(), e.what());
            continue;
        }
        last_frame = now;
        frame.timestamp = done->timestamp();
        std::unique_lock lock(mutex_);
        frame.controls = read_controls(done->metadata(), controls_);
        if (done->use() == StreamUse::Stills) {
            frame.sequence = next_sequence_;
            lock.unlock();
            deliver_still(std::move(frame));
            continue;
        }
        // The device counts from its own start; the kiosk's numbers carry on
        // across reopenings so they never go backwards.
        if (!sequence_offset)
            sequence_offset = next_sequence_ - done->sequence();
        frame.sequence = std::max(*sequence_offset + done->sequence(), next_sequence_);
        next_sequence_ = frame.sequence + 1;
        lock.unlock();
        mailbox_.post(std::make_shared<const Frame>(std::move(frame)));
    }
}

void LibcameraSource::take_still_by_reconfiguring(const std::shared_ptr<libcamera::Camera>& camera)
{
    try {
        CameraSession session(camera, CameraSession::Options{libcamera::StreamRole::StillCapture, {}, false,
                                                             settings_.buffer_count, settings_.preferred_formats});
        CameraControls controls;
        double fps;
        {
            std::lock_guard lock(mutex_);
            controls = controls_;
            fps = fps_;
        }
        session.start(controls, fps);
        const auto deadline = std::chrono::steady_clock::now() + settings_.frame_timeout;
        while (std::chrono::steady_clock::now() < deadline && !stopping() && !session.lost()) {
            auto done = session.wait_completed(kLoopTick);
            if (!done || !done->ok())
                continue;
            Frame still;
            still.image = to_bgr(done->image());
            still.timestamp = done->timestamp();
            {
                std::lock_guard lock(mutex_);
                still.sequence = next_sequence_;
                still.controls = read_controls(done->metadata(), controls_);
            }
            deliver_still(std::move(still));
            return;
        }
        fail_still("camera " + camera->id() + " gave no still in time");
    } catch (const std::exception& e) {
        // InputError (a corrupt still) or CameraError: the viewfinder reopens either way.
        fail_still(e.what());
    }
}

} // namespace kiosk::camera
