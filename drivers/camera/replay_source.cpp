#include "camera/replay_source.h"

#include <stdexcept>

#include "camera/camera_error.h"
#include "core/error.h"

namespace kiosk::camera {

ReplaySource::ReplaySource(const std::filesystem::path& footage, ReplaySettings settings)
    : ThreadedCameraSource("replay"),
      footage_(ReplayFootage::open(footage, settings.image_hold_seconds)),
      settings_(std::move(settings))
{
}

ReplaySource::~ReplaySource() { stop(); }

void ReplaySource::connect_booth(BoothStateSource source)
{
    if (!settings_.booth)
        throw ConfigError("the replay settings have no \"booth\" section to film the booth's lights and seat with");
    booth_ = std::move(source);
}

void ReplaySource::set_controls(const CameraControls& controls)
{
    std::lock_guard lock(mutex_);
    requested_controls_ = controls;
    requested_effective_from_ = next_sequence_ + static_cast<std::uint64_t>(settings_.sensor.control_delay_frames);
}

CameraControls ReplaySource::controls() const
{
    std::lock_guard lock(mutex_);
    return requested_controls_;
}

CameraControls ReplaySource::controls_for(std::uint64_t sequence)
{
    if (requested_effective_from_ && sequence >= *requested_effective_from_) {
        active_controls_ = requested_controls_;
        requested_effective_from_.reset();
    }
    return active_controls_;
}

void ReplaySource::simulate_unplug()
{
    {
        std::lock_guard lock(mutex_);
        unplugged_ = true;
    }
    wake_.notify_all();
}

void ReplaySource::simulate_replug()
{
    // Noticed at the next reconnect attempt, not at once: the backoff is what
    // is being exercised.
    std::lock_guard lock(mutex_);
    unplugged_ = false;
}

bool ReplaySource::wait_for_replug()
{
    Backoff backoff(settings_.reconnect);
    std::unique_lock lock(mutex_);
    while (true) {
        if (wake_.wait_for(lock, backoff.next_delay(), [&] { return stopping_; }))
            return false;
        if (!unplugged_)
            break;
    }
    const int attempts = backoff.attempts();
    lock.unlock();
    status_.report(CameraState::Streaming, "reconnected after " + std::to_string(attempts) + " attempt(s)");
    return true;
}

void ReplaySource::deliver(const cv::Mat& picture, double scene_seconds, Clock::time_point when, cv::Size size)
{
    auto frame = std::make_shared<Frame>();
    std::optional<std::promise<Frame>> still;
    {
        std::lock_guard lock(mutex_);
        frame->sequence = next_sequence_++;
        frame->controls = controls_for(frame->sequence);
        still.swap(still_request_);
    }
    frame->timestamp = when;
    const SubjectPose pose = settings_.motion.pose_at(scene_seconds);
    std::optional<BoothState> booth;
    if (booth_)
        booth = booth_();
    frame->image = film(picture, pose, size, booth);
    settings_.sensor.expose(frame->image, frame->controls);
    if (still) {
        // The same instant filmed at the sensor's full resolution, as a
        // still stream beside the viewfinder would deliver it.
        Frame full;
        full.image = film(picture, pose, settings_.still_size, booth);
        settings_.sensor.expose(full.image, frame->controls);
        full.sequence = frame->sequence;
        full.timestamp = when;
        full.controls = frame->controls;
        still->set_value(std::move(full));
    }
    mailbox_.post(std::move(frame));
}

cv::Mat ReplaySource::film(const cv::Mat& picture, SubjectPose pose, cv::Size size,
                           const std::optional<BoothState>& booth)
{
    std::optional<BoothView> view;
    if (booth)
        view.emplace(BoothView{*settings_.booth, *booth, settings_.sensor.gamma});
    return film_scene(scene_cache_.prepared(picture), pose, size, view);
}

void ReplaySource::run(StreamRequest request)
{
    const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / request.fps));
    const Clock::time_point began = Clock::now();
    Clock::time_point due = began;
    bool streaming = false;

    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (unplugged_) {
            lock.unlock();
            fail_pending_still("camera unplugged before the still was taken");
            status_.report(CameraState::Unavailable, "camera unplugged; retrying");
            if (!wait_for_replug())
                return;
            due = Clock::now();
            lock.lock();
            continue;
        }
        if (wake_.wait_until(lock, due, [&] { return stopping_ || unplugged_; }))
            continue;
        lock.unlock();

        // Streaming is reported before the first frame is posted, as the
        // libcamera backend does, so whoever sees a frame may ask for a still.
        if (!streaming) {
            streaming = true;
            status_.report(CameraState::Streaming, "");
        }
        try {
            const double scene_seconds = std::chrono::duration<double>(due - began).count();
            deliver(footage_->picture_at(scene_seconds), scene_seconds, due, request.size);
        } catch (const InputError& e) {
            fail_pending_still(e.what());
            status_.report(CameraState::Failed, e.what());
            return;
        }

        // A sensor keeps its own time: when rendering fell behind, the frames
        // it would have taken meanwhile are lost (a gap in sequence numbers),
        // not delivered late in a burst.
        due += period;
        const auto now = Clock::now();
        lock.lock();
        if (now > due + period) {
            const auto missed = (now - due) / period;
            due += missed * period;
            next_sequence_ += static_cast<std::uint64_t>(missed);
        }
    }
}

} // namespace kiosk::camera
