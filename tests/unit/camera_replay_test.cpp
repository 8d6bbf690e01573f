#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "camera/camera_error.h"
#include "camera/replay_source.h"
#include "camera_test_folder.h"
#include "core/error.h"

namespace kiosk::camera {
namespace {

using namespace std::chrono_literals;
using test::ScratchFolder;

// Settings for tests: the shipped ones, with a subject that stands still (so
// brightness is the footage's) and a quick reconnect.
ReplaySettings test_settings()
{
    ReplaySettings s = test::shipped_replay_settings();
    s.motion = MotionScript();
    s.reconnect = BackoffSettings{20ms, 80ms, 2.0};
    return s;
}

// Records every event, for asserting the order of states.
class EventLog {
public:
    CameraEventHandler handler()
    {
        return [this](const CameraEvent& e) {
            std::lock_guard lock(mutex_);
            events_.push_back(e);
        };
    }
    std::vector<CameraEvent> events() const
    {
        std::lock_guard lock(mutex_);
        return events_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<CameraEvent> events_;
};

// Polls until the source reaches `state` (events arrive on the camera thread).
bool reaches(const CameraSource& source, CameraState state, std::chrono::milliseconds within)
{
    const auto until = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < until) {
        if (source.state() == state)
            return true;
        std::this_thread::sleep_for(5ms);
    }
    return source.state() == state;
}

double mean_green(const cv::Mat& bgr) { return cv::mean(bgr)[1]; }

TEST(ReplaySource, AMissingFolderIsAClearErrorNamingIt)
{
    const std::filesystem::path missing = "/nonexistent/kiosk-replay";
    try {
        ReplaySource source(missing, test_settings());
        FAIL() << "a missing folder was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
    }
}

TEST(ReplaySource, AFolderWithoutImagesIsRejected)
{
    ScratchFolder folder;
    std::ofstream(folder.path() / "notes.txt") << "not a picture";
    EXPECT_THROW(ReplaySource(folder.path(), test_settings()), InputError);
}

TEST(ReplaySource, AFolderOfUndecodableImagesIsRejected)
{
    ScratchFolder folder;
    std::ofstream(folder.path() / "broken.jpg") << "JFIF? no";
    try {
        ReplaySource source(folder.path(), test_settings());
        FAIL() << "undecodable images were accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("decoded"), std::string::npos) << e.what();
    }
}

TEST(ReplaySource, SkipsAnUndecodableImageAndPlaysTheRest)
{
    ScratchFolder folder;
    std::ofstream(folder.path() / "a-broken.jpg") << "garbage";
    folder.write_grey("b-good.png", 90);
    ReplaySource source(folder.path(), test_settings());
    source.start({{320, 240}, 30});
    const auto frame = source.frames().wait_any(3s);
    ASSERT_NE(frame, nullptr);
    EXPECT_NEAR(mean_green(frame->image), 90, 1.0);
}

TEST(ReplaySource, RejectsAnImpossibleStreamAndADoubleStart)
{
    ScratchFolder folder;
    folder.write_grey("a.png", 100);
    ReplaySource source(folder.path(), test_settings());
    EXPECT_THROW(source.start({{0, 720}, 30}), std::invalid_argument);
    EXPECT_THROW(source.start({{1280, 720}, 0}), std::invalid_argument);
    source.start({{320, 240}, 30});
    EXPECT_THROW(source.start({{320, 240}, 30}), std::logic_error);
}

// The replay camera keeps a sensor's time: timestamps are exactly one period
// apart per sequence step, and the sequence advances with the wall clock even
// if this (loaded) machine could not render every frame.
TEST(ReplaySource, DeliversAtTheSetRateWithSteadyTimestamps)
{
    ScratchFolder folder;
    folder.write_grey("a.png", 100);
    ReplaySource source(folder.path(), test_settings());
    constexpr double kFps = 30;
    const auto started = std::chrono::steady_clock::now();
    source.start({{1280, 720}, kFps});

    std::vector<std::shared_ptr<const Frame>> frames;
    auto frame = source.frames().wait_any(3s);
    while (frame && std::chrono::steady_clock::now() - started < 3s) {
        frames.push_back(frame);
        frame = source.frames().wait_newer(frame->sequence, 1s);
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    source.stop();

    ASSERT_GE(frames.size(), 2u);
    for (const auto& f : frames) {
        EXPECT_EQ(f->image.size(), cv::Size(1280, 720));
        EXPECT_EQ(f->image.type(), CV_8UC3);
    }
    const auto& first = *frames.front();
    const auto& last = *frames.back();
    const double span = std::chrono::duration<double>(last.timestamp - first.timestamp).count();
    const double steps = static_cast<double>(last.sequence - first.sequence);
    EXPECT_NEAR(span / steps, 1.0 / kFps, 1e-4) << "timestamps must follow the sensor's period";

    // The sensor's count of frames matches the time it ran, within 10 %.
    const double expected = elapsed * kFps;
    EXPECT_NEAR(static_cast<double>(last.sequence + 1), expected, expected * 0.1);
    // Never faster than the rate, and on a machine this size most frames arrive.
    EXPECT_LE(static_cast<double>(source.frames().posted()), expected + 2);
    EXPECT_GE(static_cast<double>(frames.size()), expected * 0.5);
}

TEST(ReplaySource, StopJoinsAndDeliversNothingAfterwards)
{
    ScratchFolder folder;
    folder.write_grey("a.png", 100);
    EventLog log;
    ReplaySource source(folder.path(), test_settings());
    source.set_event_handler(log.handler());
    source.start({{320, 240}, 60});
    ASSERT_NE(source.frames().wait_any(3s), nullptr);
    source.stop();
    EXPECT_EQ(source.state(), CameraState::Stopped);
    const auto posted = source.frames().posted();
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(source.frames().posted(), posted);

    const auto events = log.events();
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].state, CameraState::Starting);
    EXPECT_EQ(events[1].state, CameraState::Streaming);
    EXPECT_EQ(events[2].state, CameraState::Stopped);

    source.start({{320, 240}, 60});   // a stopped camera starts again
    EXPECT_NE(source.frames().wait_any(3s), nullptr);
}

TEST(ReplaySource, ExposureAndGainChangeBrightnessFromALaterFrame)
{
    ScratchFolder folder;
    folder.write_grey("a.png", 100);
    ReplaySource source(folder.path(), test_settings());
    source.start({{320, 240}, 30});
    auto frame = source.frames().wait_any(3s);
    ASSERT_NE(frame, nullptr);
    EXPECT_NEAR(mean_green(frame->image), 100, 1.0);

    CameraControls manual;
    manual.auto_exposure = false;
    manual.exposure_time = 20000us;   // twice the reference
    manual.analogue_gain = 1.0f;
    source.set_controls(manual);
    EXPECT_EQ(source.controls(), manual);

    // Every frame's brightness matches the controls it reports, and the
    // new controls arrive within a few frames.
    const double brighter = 255.0 * std::pow(2.0 * std::pow(100 / 255.0, 2.2), 1 / 2.2);
    bool applied = false;
    for (int i = 0; i < 30 && !applied; ++i) {
        frame = source.frames().wait_newer(frame->sequence, 2s);
        ASSERT_NE(frame, nullptr);
        applied = frame->controls == manual;
        EXPECT_NEAR(mean_green(frame->image), applied ? brighter : 100.0, 1.5);
    }
    EXPECT_TRUE(applied) << "manual exposure never reached a frame";

    manual.analogue_gain = 0.5f;   // back to the reference light, by gain
    manual.auto_white_balance = false;
    manual.colour_gains = ColourGains{1.4f, 0.8f};
    source.set_controls(manual);
    for (int i = 0; i < 30 && !(frame->controls == manual); ++i)
        frame = source.frames().wait_newer(frame->sequence, 2s);
    ASSERT_EQ(frame->controls, manual);
    const cv::Scalar mean = cv::mean(frame->image);
    EXPECT_NEAR(mean[1], 100, 1.5);
    EXPECT_GT(mean[2], mean[1] + 10);   // red tint
    EXPECT_LT(mean[0], mean[1] - 5);    // less blue
}

TEST(ReplaySource, StillCaptureComesAtFullResolution)
{
    ScratchFolder folder;
    folder.write_grey("a.png", 100);
    const ReplaySettings settings = test_settings();
    ReplaySource source(folder.path(), settings);
    EXPECT_THROW(source.capture_still(100ms), CameraError) << "no still before streaming";

    source.start(settings.stream);
    ASSERT_TRUE(reaches(source, CameraState::Streaming, 3s));
    const Frame still = source.capture_still(3s);
    EXPECT_EQ(still.image.size(), settings.still_size);
    EXPECT_NEAR(mean_green(still.image), 100, 1.0);
    // Streaming goes on after the still.
    EXPECT_NE(source.frames().wait_newer(still.sequence, 2s), nullptr);
}

TEST(ReplaySource, UnplugIsReportedAndReplugRecovers)
{
    ScratchFolder folder;
    folder.write_grey("a.png", 100);
    EventLog log;
    ReplaySource source(folder.path(), test_settings());
    source.set_event_handler(log.handler());
    source.start({{320, 240}, 30});
    ASSERT_NE(source.frames().wait_any(3s), nullptr);

    source.simulate_unplug();
    ASSERT_TRUE(reaches(source, CameraState::Unavailable, 2s));
    EXPECT_NE(source.state_message().find("unplugged"), std::string::npos);
    const auto last = source.frames().latest();
    EXPECT_EQ(source.frames().wait_newer(last->sequence, 300ms), nullptr) << "frames while unplugged";
    EXPECT_THROW(source.capture_still(100ms), CameraError);

    source.simulate_replug();
    const auto resumed = source.frames().wait_newer(last->sequence, 3s);
    ASSERT_NE(resumed, nullptr) << "no frames after replugging";
    EXPECT_EQ(source.state(), CameraState::Streaming);
    EXPECT_NE(source.state_message().find("reconnected"), std::string::npos);

    const auto events = log.events();
    ASSERT_GE(events.size(), 4u);
    EXPECT_EQ(events[1].state, CameraState::Streaming);
    EXPECT_EQ(events[2].state, CameraState::Unavailable);
    EXPECT_EQ(events[3].state, CameraState::Streaming);
}

TEST(ReplaySource, StopWhileUnpluggedEndsTheRetries)
{
    ScratchFolder folder;
    folder.write_grey("a.png", 100);
    ReplaySource source(folder.path(), test_settings());
    source.start({{320, 240}, 30});
    ASSERT_NE(source.frames().wait_any(3s), nullptr);
    source.simulate_unplug();
    ASSERT_TRUE(reaches(source, CameraState::Unavailable, 2s));
    source.stop();
    EXPECT_EQ(source.state(), CameraState::Stopped);
}

TEST(ReplaySource, AFolderPlaysItsImagesInTurn)
{
    ScratchFolder folder;
    folder.write_grey("1.png", 60);
    folder.write_grey("2.png", 180);
    ReplaySettings settings = test_settings();
    settings.image_hold_seconds = 0.2;
    ReplaySource source(folder.path(), settings);
    source.start({{160, 120}, 30});
    bool saw_dark = false;
    bool saw_light = false;
    auto frame = source.frames().wait_any(3s);
    for (int i = 0; i < 60 && frame && !(saw_dark && saw_light); ++i) {
        const double level = mean_green(frame->image);
        saw_dark |= std::abs(level - 60) < 2;
        saw_light |= std::abs(level - 180) < 2;
        frame = source.frames().wait_newer(frame->sequence, 2s);
    }
    EXPECT_TRUE(saw_dark);
    EXPECT_TRUE(saw_light);
}

TEST(ReplaySource, PlaysAVideoFile)
{
    ScratchFolder folder;
    const auto video = folder.path() / "clip.avi";
    {
        cv::VideoWriter writer(video.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10, {160, 120});
        ASSERT_TRUE(writer.isOpened()) << "OpenCV cannot write MJPEG AVI here";
        for (int i = 0; i < 10; ++i)
            writer.write(cv::Mat(120, 160, CV_8UC3, cv::Scalar::all(i < 5 ? 50 : 200)));
    }
    ReplaySource source(video, test_settings());
    source.start({{160, 120}, 30});
    bool saw_dark = false;
    bool saw_light = false;
    auto frame = source.frames().wait_any(3s);
    for (int i = 0; i < 90 && frame && !(saw_dark && saw_light); ++i) {
        const double level = mean_green(frame->image);
        saw_dark |= level < 70;
        saw_light |= level > 180;
        frame = source.frames().wait_newer(frame->sequence, 2s);
    }
    EXPECT_TRUE(saw_dark);
    EXPECT_TRUE(saw_light);
}

TEST(ReplaySource, AFileThatIsNotAVideoIsRejected)
{
    ScratchFolder folder;
    const auto file = folder.path() / "clip.mp4";
    std::ofstream(file) << "not a video";
    EXPECT_THROW(ReplaySource(file, test_settings()), InputError);
}

} // namespace
} // namespace kiosk::camera
