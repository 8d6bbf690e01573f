// The replay camera feeding the compliance engine (the live path) at 30 fps
// for a minute: memory stays flat, and every reader, however slow, takes the
// newest frame instead of working through a backlog.
//
// KIOSK_CAMERA_SOAK_SECONDS sets the run's length (default 60).

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "camera/replay_source.h"
#include "core/paths.h"
#include "spec/document_spec.h"
#include "support/faces.h"
#include "support/photo_set.h"
#include "vision/live_assessor.h"

namespace kiosk::camera {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

double soak_seconds()
{
    if (const char* text = std::getenv("KIOSK_CAMERA_SOAK_SECONDS"); text && *text)
        return std::max(5.0, std::atof(text));
    return 60.0;
}

// Resident set size of this process in MiB, from /proc/self/status.
double resident_mib()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    }
    ADD_FAILURE() << "no VmRSS in /proc/self/status";
    return 0;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// What one consumer of the mailbox saw.
struct ConsumerLog {
    std::vector<double> ages_ms;          // how old each frame was when taken
    std::vector<std::uint64_t> sequences;  // the frames taken, in order
};

// Takes the newest frame, hands it to `work`, repeats until `running` clears.
template <class Work>
std::thread consume(const FrameMailbox& frames, const std::atomic<bool>& running, ConsumerLog& log, Work work)
{
    return std::thread([&frames, &running, &log, work]() mutable {
        std::shared_ptr<const Frame> frame;
        while (running) {
            frame = frame ? frames.wait_newer(frame->sequence, 1s) : frames.wait_any(1s);
            if (!frame)
                continue;
            log.ages_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - frame->timestamp).count());
            log.sequences.push_back(frame->sequence);
            work(*frame);
        }
    });
}

double max_of(const std::vector<double>& values)
{
    return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

TEST(CameraSoak, ReplayFeedsTheEngineWithFlatMemoryAndNoBacklog)
{
    KIOSK_REQUIRE_FACES(faces);
    const double seconds = soak_seconds();
    const ReplaySettings settings = ReplaySettings::load(config_dir() / "camera" / "replay.json");
    const double period_ms = 1000.0 / settings.stream.fps;
    vision::LiveAssessor engine(test::shared_models(), spec::load_spec(config_dir() / "specs", "resident-id"));

    ReplaySource camera(faces / "frl-london" / "neutral", settings);
    camera.start(settings.stream);

    // Two readers of the one mailbox: the compliance engine at its own pace,
    // and a consumer that is slow on purpose (a stalled display, say).
    std::atomic<bool> running{true};
    ConsumerLog engine_log;
    ConsumerLog slow_log;
    int with_face = 0;
    std::thread engine_thread = consume(camera.frames(), running, engine_log, [&](const Frame& frame) {
        if (engine.assess(frame.image)->face)
            ++with_face;
    });
    std::thread slow_thread = consume(camera.frames(), running, slow_log,
                                      [](const Frame&) { std::this_thread::sleep_for(250ms); });

    // Warm up (models, first allocations, the first picture) before the baseline.
    const double warm_up = std::min(5.0, seconds / 4);
    std::this_thread::sleep_for(std::chrono::duration<double>(warm_up));
    const double rss_start = resident_mib();
    double rss_peak = rss_start;
    const auto began = Clock::now();
    while (Clock::now() - began < std::chrono::duration<double>(seconds)) {
        std::this_thread::sleep_for(1s);
        rss_peak = std::max(rss_peak, resident_mib());
    }
    const double rss_end = resident_mib();
    running = false;
    engine_thread.join();
    slow_thread.join();
    camera.stop();

    const auto posted = camera.frames().posted();
    const auto dropped = camera.frames().dropped();
    const double frame_mib = settings.stream.size.area() * 3 / (1024.0 * 1024.0);
    RecordProperty("frames_posted", std::to_string(posted));
    RecordProperty("frames_judged", std::to_string(engine_log.sequences.size()));
    RecordProperty("rss_growth_mib", std::to_string(rss_end - rss_start));
    std::printf("soak %.0f s: %llu frames posted, %llu read by nobody; engine judged %zu (%d with a face), "
                "frame age median %.1f ms, max %.1f ms; slow consumer took %zu, age median %.1f ms, max %.1f ms; "
                "RSS %.1f -> %.1f MiB (peak %.1f)\n",
                seconds, static_cast<unsigned long long>(posted), static_cast<unsigned long long>(dropped),
                engine_log.sequences.size(), with_face, median(engine_log.ages_ms), max_of(engine_log.ages_ms),
                slow_log.sequences.size(), median(slow_log.ages_ms), max_of(slow_log.ages_ms), rss_start, rss_end,
                rss_peak);

    // The camera kept its rate (loosely: this machine is shared).
    const double run_seconds = seconds + warm_up;
    EXPECT_GE(static_cast<double>(posted), 0.5 * run_seconds * settings.stream.fps);
    EXPECT_LE(static_cast<double>(posted), run_seconds * settings.stream.fps * 1.05 + 10);

    // The engine really judged the stream and saw people (the walk-in script
    // keeps them in frame most of the time).
    ASSERT_GT(engine_log.sequences.size(), 10u);
    EXPECT_GT(with_face, static_cast<int>(engine_log.sequences.size()) / 2);

    // Neither reader ever worked through a backlog: each took a fresh frame
    // every time, always newer than its last. A queue behind a reader taking
    // 250 ms a frame would age by 7 frames a turn, tens of seconds within the
    // minute. The bounds leave room for the camera itself running late on a
    // loaded machine (the age counts from the frame's capture time).
    for (const ConsumerLog* log : {&engine_log, &slow_log}) {
        EXPECT_LT(median(log->ages_ms), 8 * period_ms);
        EXPECT_LT(max_of(log->ages_ms), 1500.0);
        EXPECT_TRUE(std::is_sorted(log->sequences.begin(), log->sequences.end()));
    }
    // The slow reader skipped frames rather than receiving them late.
    ASSERT_GT(slow_log.sequences.size(), 2u);
    const double mean_step = static_cast<double>(slow_log.sequences.back() - slow_log.sequences.front()) /
                             static_cast<double>(slow_log.sequences.size() - 1);
    EXPECT_GT(mean_step, 3.0) << "a reader taking 250 ms per frame should see about every 7th frame";
    // Frames nobody read were dropped, not kept.
    EXPECT_LE(posted - dropped, engine_log.sequences.size() + slow_log.sequences.size() + 1);

    // Flat memory: growth after warm-up under a few frames' worth (a queue
    // would grow by a frame every 33 ms: hundreds of MiB over a minute).
    EXPECT_LT(rss_end - rss_start, 8 * frame_mib) << "RSS grew from " << rss_start << " to " << rss_end << " MiB";
    EXPECT_LT(rss_peak - rss_start, 12 * frame_mib);
}

} // namespace
} // namespace kiosk::camera
