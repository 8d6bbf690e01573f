#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "camera/replay_footage.h"
#include "camera/replay_settings.h"
#include "camera/scene_film.h"
#include "camera/threaded_camera_source.h"

namespace kiosk::camera {

// A camera for machines without one (tests, the demo, this build host): films
// a folder of portraits or a video with scripted motion, at a steady rate on
// its own thread, and answers controls, still captures and unplugging as a
// USB camera would.
class ReplaySource final : public ThreadedCameraSource {
public:
    // Opens the footage at once so a bad path fails here, not mid-stream.
    // Throws InputError for unusable footage.
    ReplaySource(const std::filesystem::path& footage, ReplaySettings settings);
    ~ReplaySource() override;

    std::string id() const override { return "replay"; }

    // Films the footage as the booth's lights and seat would show it, asking
    // `source` for their state once per frame. Call before start(). Throws
    // ConfigError when the settings have no "booth" section.
    void connect_booth(BoothStateSource source);

    void set_controls(const CameraControls& controls) override;
    CameraControls controls() const override;

    // The cable, for tests: unplugging stops delivery and reports the camera
    // unavailable; the source then retries with backoff like the real backend
    // and recovers on the first attempt after replugging.
    void simulate_unplug();
    void simulate_replug();

private:
    using Clock = std::chrono::steady_clock;

    void run(StreamRequest request) override;
    // Waits for the cable to come back, one backoff step at a time; false
    // when stopped meanwhile.
    bool wait_for_replug();
    // The controls for the frame with this sequence number (applies pending
    // changes whose delay has passed).
    CameraControls controls_for(std::uint64_t sequence);
    void deliver(const cv::Mat& picture, double scene_seconds, Clock::time_point when, cv::Size size);
    // The picture filmed at `pose` and `size`, relit by the booth when one is connected.
    cv::Mat film(const cv::Mat& picture, SubjectPose pose, cv::Size size, const std::optional<BoothState>& booth);

    std::unique_ptr<ReplayFootage> footage_;
    const ReplaySettings settings_;
    BoothStateSource booth_;          // set before start, read on the camera thread
    ScenePictureCache scene_cache_;   // camera thread only

    // Guarded by mutex_, shared with the camera thread.
    bool unplugged_ = false;

    CameraControls requested_controls_;
    std::optional<std::uint64_t> requested_effective_from_;
    CameraControls active_controls_;
    std::uint64_t next_sequence_ = 0;
};

} // namespace kiosk::camera
