#include "camera/camera_session.h"

#include <algorithm>
#include <cstring>
#include <string>

#include <libcamera/framebuffer.h>
#include <spdlog/spdlog.h>

#include "camera/camera_error.h"
#include "camera/libcamera_controls.h"

namespace kiosk::camera {

// ---- CompletedRequest ------------------------------------------------------

CompletedRequest::CompletedRequest(CameraSession& session, std::size_t slot) : session_(&session), slot_(slot) {}

CompletedRequest::CompletedRequest(CompletedRequest&& other) noexcept : session_(other.session_), slot_(other.slot_)
{
    other.session_ = nullptr;
}

CompletedRequest::~CompletedRequest()
{
    if (session_)
        session_->recycle(slot_);
}

StreamUse CompletedRequest::use() const { return session_->slots_[slot_].use; }

bool CompletedRequest::ok() const
{
    const auto& slot = session_->slots_[slot_];
    return slot.request->status() == libcamera::Request::RequestComplete &&
           slot.buffer->metadata().status == libcamera::FrameMetadata::FrameSuccess;
}

RawImage CompletedRequest::image() const
{
    const auto& slot = session_->slots_[slot_];
    const auto& config = slot.stream->configuration();
    RawImage raw;
    raw.layout = slot.layout;
    raw.size = cv::Size(static_cast<int>(config.size.width), static_cast<int>(config.size.height));
    raw.stride = config.stride;
    const auto used = slot.buffer->metadata().planes();
    const auto& planes = slot.mapping->planes();
    for (std::size_t i = 0; i < planes.size(); ++i) {
        // bytesused matters for MJPEG (the JPEG is shorter than the buffer);
        // a driver that reports 0 means "all of it".
        std::size_t bytes = planes[i].size();
        if (i < used.size() && used[i].bytesused > 0)
            bytes = std::min<std::size_t>(bytes, used[i].bytesused);
        raw.planes.push_back(planes[i].first(bytes));
    }
    return raw;
}

std::uint32_t CompletedRequest::sequence() const { return session_->slots_[slot_].buffer->metadata().sequence; }

std::chrono::steady_clock::time_point CompletedRequest::timestamp() const
{
    // libcamera stamps buffers with CLOCK_MONOTONIC, which is steady_clock's clock on Linux.
    const std::uint64_t ns = session_->slots_[slot_].buffer->metadata().timestamp;
    if (ns == 0)
        return std::chrono::steady_clock::now();
    return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(ns));
}

const libcamera::ControlList& CompletedRequest::metadata() const
{
    return session_->slots_[slot_].request->metadata();
}

// ---- CameraSession ---------------------------------------------------------

CameraSession::Acquisition::Acquisition(std::shared_ptr<libcamera::Camera> c) : camera(std::move(c))
{
    if (camera->acquire() < 0)
        throw CameraError("camera " + camera->id() + " is in use by another program");
}

CameraSession::Acquisition::~Acquisition() { camera->release(); }

namespace {

std::string fourcc_text(std::uint32_t code)
{
    std::string text(4, ' ');
    for (int i = 0; i < 4; ++i)
        text[i] = static_cast<char>((code >> (8 * i)) & 0xff);
    return text;
}

// Picks a pixel format for one stream: the first preferred one it offers,
// else its default when we can convert that, else any we can convert.
void choose_format(libcamera::StreamConfiguration& stream, const std::vector<std::uint32_t>& preferred,
                   const std::string& camera_id)
{
    const auto offered = stream.formats().pixelformats();
    for (std::uint32_t want : preferred) {
        const auto it = std::find_if(offered.begin(), offered.end(), [&](const auto& f) { return f.fourcc() == want; });
        if (it != offered.end() && layout_for_fourcc(want)) {
            stream.pixelFormat = *it;
            return;
        }
    }
    if (layout_for_fourcc(stream.pixelFormat.fourcc()))
        return;
    for (const auto& format : offered) {
        if (layout_for_fourcc(format.fourcc())) {
            stream.pixelFormat = format;
            return;
        }
    }
    throw UnsupportedCamera("camera " + camera_id + " offers no pixel format the kiosk can convert (it offers " +
                            std::to_string(offered.size()) + ", none of YUYV, UYVY, NV12, NV21, YU12, XR24, XB24, "
                            "RG24, BG24, MJPG)");
}

} // namespace

CameraSession::CameraSession(std::shared_ptr<libcamera::Camera> camera, const Options& options)
    : camera_(std::move(camera)), acquisition_(std::make_unique<Acquisition>(camera_))
{
    configure(options);
    allocate();
}

CameraSession::~CameraSession()
{
    bool was_started;
    {
        std::lock_guard lock(mutex_);
        was_started = started_;
        started_ = false;   // recycle() queues nothing from here on
    }
    // stop() completes every queued request as cancelled before returning,
    // so no buffer is still with the device when the slots are freed.
    if (was_started)
        camera_->stop();
    camera_->requestCompleted.disconnect(this);
    camera_->disconnected.disconnect(this);
}

void CameraSession::configure(const Options& options)
{
    libcamera::StreamRoles roles{options.role};
    if (options.still_stream)
        roles.push_back(libcamera::StreamRole::StillCapture);
    config_ = camera_->generateConfiguration(roles);
    if (!config_ && roles.size() > 1) {
        roles.pop_back();
        config_ = camera_->generateConfiguration(roles);
    }
    if (!config_ || config_->empty())
        throw CameraError("camera " + camera_->id() + " offers no stream for the kiosk's use");

    libcamera::StreamConfiguration& frames = config_->at(0);
    if (!options.size.empty())
        frames.size = libcamera::Size(static_cast<unsigned>(options.size.width), static_cast<unsigned>(options.size.height));
    if (options.buffer_count > 0)
        frames.bufferCount = options.buffer_count;
    for (auto& stream : *config_)
        choose_format(stream, options.preferred_formats, camera_->id());

    if (config_->validate() == libcamera::CameraConfiguration::Invalid)
        throw CameraError("camera " + camera_->id() + " cannot stream " + frames.toString());
    // Validation may have changed formats (and dropped a second stream the
    // pipeline cannot run beside the first, as UVC does).
    for (auto& stream : *config_) {
        if (!layout_for_fourcc(stream.pixelFormat.fourcc()))
            throw UnsupportedCamera("camera " + camera_->id() + " insists on " +
                                    fourcc_text(stream.pixelFormat.fourcc()) + ", which the kiosk cannot convert");
    }
    if (const int error = camera_->configure(config_.get()); error < 0)
        throw CameraError("camera " + camera_->id() + " refused its configuration: " + std::strerror(-error));
    spdlog::info("camera {}: configured {}{}", camera_->id(), config_->at(0).toString(),
                 config_->size() > 1 ? " + still " + config_->at(1).toString() : std::string());
}

void CameraSession::allocate()
{
    allocator_ = std::make_unique<libcamera::FrameBufferAllocator>(camera_);
    for (std::size_t index = 0; index < config_->size(); ++index) {
        libcamera::Stream* stream = config_->at(index).stream();
        if (allocator_->allocate(stream) < 0)
            throw CameraError("camera " + camera_->id() + ": cannot allocate buffers");
        const StreamUse use = index == 0 ? StreamUse::Frames : StreamUse::Stills;
        const PixelLayout layout = *layout_for_fourcc(stream->configuration().pixelFormat.fourcc());
        for (const auto& buffer : allocator_->buffers(stream)) {
            Slot slot;
            slot.request = camera_->createRequest(slots_.size());
            if (!slot.request)
                throw CameraError("camera " + camera_->id() + ": cannot create a request");
            if (slot.request->addBuffer(stream, buffer.get()) < 0)
                throw CameraError("camera " + camera_->id() + ": cannot attach a buffer to a request");
            slot.stream = stream;
            slot.use = use;
            slot.layout = layout;
            slot.buffer = buffer.get();
            slot.mapping = std::make_unique<MappedFrameBuffer>(*buffer);
            slots_.push_back(std::move(slot));
            if (use == StreamUse::Stills)
                break;   // one still at a time is all the kiosk takes
        }
    }
}

cv::Size CameraSession::frame_size() const
{
    const auto& size = config_->at(0).size;
    return cv::Size(static_cast<int>(size.width), static_cast<int>(size.height));
}

bool CameraSession::has_still_stream() const { return config_->size() > 1; }

void CameraSession::start(const CameraControls& controls, double fps)
{
    camera_->requestCompleted.connect(this, &CameraSession::on_request_completed);
    camera_->disconnected.connect(this, &CameraSession::on_disconnected);

    libcamera::ControlList initial(camera_->controls());
    write_controls(initial, controls, camera_->controls());
    write_frame_rate(initial, fps, camera_->controls());
    if (const int error = camera_->start(&initial); error < 0)
        throw CameraError("camera " + camera_->id() + " does not start: " + std::strerror(-error));

    std::lock_guard lock(mutex_);
    started_ = true;
    for (Slot& slot : slots_) {
        if (slot.use == StreamUse::Frames)
            queue(slot);
    }
}

void CameraSession::queue(Slot& slot)
{
    if (pending_controls_ && slot.use == StreamUse::Frames) {
        write_controls(slot.request->controls(), *pending_controls_, camera_->controls());
        pending_controls_.reset();
    }
    if (const int error = camera_->queueRequest(slot.request.get()); error < 0) {
        // The camera is going away; the session is done for.
        spdlog::warn("camera {}: cannot queue a request: {}", camera_->id(), std::strerror(-error));
        lost_ = true;
        completed_changed_.notify_all();
        return;
    }
    slot.queued = true;
}

void CameraSession::recycle(std::size_t index)
{
    std::lock_guard lock(mutex_);
    Slot& slot = slots_[index];
    slot.request->reuse(libcamera::Request::ReuseBuffers);
    if (started_ && !lost_ && slot.use == StreamUse::Frames)
        queue(slot);
}

bool CameraSession::queue_still()
{
    std::lock_guard lock(mutex_);
    if (!started_ || lost_)
        return false;
    for (Slot& slot : slots_) {
        if (slot.use == StreamUse::Stills && !slot.queued) {
            queue(slot);
            return slot.queued;
        }
    }
    return false;
}

void CameraSession::set_controls(const CameraControls& controls)
{
    std::lock_guard lock(mutex_);
    pending_controls_ = controls;
}

std::optional<CompletedRequest> CameraSession::wait_completed(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    if (!completed_changed_.wait_for(lock, timeout, [&] { return !completed_.empty() || lost_; }) || completed_.empty())
        return std::nullopt;
    const std::size_t index = completed_.front();
    completed_.pop_front();
    return std::optional<CompletedRequest>(std::in_place, *this, index);
}

bool CameraSession::lost() const
{
    std::lock_guard lock(mutex_);
    return lost_;
}

// Runs on libcamera's thread: hand over and return, the work is done on ours.
void CameraSession::on_request_completed(libcamera::Request* request)
{
    std::lock_guard lock(mutex_);
    Slot& slot = slots_[request->cookie()];
    slot.queued = false;
    if (!started_)
        return;   // cancelled by stop(); nobody will read it
    // A request cancelled while we still stream means the device went away.
    if (request->status() == libcamera::Request::RequestCancelled)
        lost_ = true;
    else
        completed_.push_back(request->cookie());
    completed_changed_.notify_all();
}

void CameraSession::on_disconnected()
{
    std::lock_guard lock(mutex_);
    lost_ = true;
    completed_changed_.notify_all();
}

} // namespace kiosk::camera
