// The replay camera feeding the compliance engine at 30 fps for a minute:
// memory stays flat and the engine, slower than the camera, always judges
// the newest frame instead of working through a backlog.
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
#include "vision/assessor.h"

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

TEST(CameraSoak, ReplayFeedsTheEngineWithFlatMemoryAndNoBacklog)
{
    KIOSK_REQUIRE_FACES(faces);
    const double seconds = soak_seconds();
    const ReplaySettings settings = ReplaySettings::load(config_dir() / "camera" / "replay.json");
    const double period = 1.0 / settings.stream.fps;
    const vision::Assessor assessor(test::shared_models(), spec::load_spec(config_dir() / "specs", "resident-id"));

    ReplaySource camera(faces / "frl-london" / "neutral", settings);
    camera.start(settings.stream);

    // The vision worker: take the newest frame, judge it, repeat.
    std::atomic<bool> running{true};
    std::vector<double> ages_ms;          // how old each frame was when the engine took it
    std::vector<std::uint64_t> taken;     // sequence numbers the engine judged
    int with_face = 0;
    std::thread worker([&] {
        std::uint64_t last = 0;
        bool first = true;
        while (running) {
            const auto frame = first ? camera.frames().wait_any(1s) : camera.frames().wait_newer(last, 1s);
            if (!frame)
                continue;
            ages_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - frame->timestamp).count());
            taken.push_back(frame->sequence);
            last = frame->sequence;
            first = false;
            if (assessor.assess(frame->image).face)
                ++with_face;
        }
    });

    // Warm up (models, first allocations, the first picture) before the baseline.
    std::this_thread::sleep_for(std::chrono::duration<double>(std::min(5.0, seconds / 4)));
    const double rss_start = resident_mib();
    double rss_peak = rss_start;
    const auto began = Clock::now();
    while (Clock::now() - began < std::chrono::duration<double>(seconds)) {
        std::this_thread::sleep_for(1s);
        rss_peak = std::max(rss_peak, resident_mib());
    }
    const double rss_end = resident_mib();
    running = false;
    worker.join();
    camera.stop();

    const auto posted = camera.frames().posted();
    const auto dropped = camera.frames().dropped();
    const double frame_mib = settings.stream.size.area() * 3 / (1024.0 * 1024.0);
    RecordProperty("frames_posted", std::to_string(posted));
    RecordProperty("frames_judged", std::to_string(taken.size()));
    RecordProperty("rss_start_mib", std::to_string(rss_start));
    RecordProperty("rss_end_mib", std::to_string(rss_end));
    RecordProperty("rss_peak_mib", std::to_string(rss_peak));
    RecordProperty("median_age_ms", std::to_string(median(ages_ms)));
    std::printf("soak %.0f s: %llu frames posted, %zu judged, %llu dropped; RSS %.1f -> %.1f MiB (peak %.1f); "
                "frame age at take: median %.1f ms, max %.1f ms\n",
                seconds, static_cast<unsigned long long>(posted), taken.size(),
                static_cast<unsigned long long>(dropped), rss_start, rss_end, rss_peak, median(ages_ms),
                ages_ms.empty() ? 0.0 : *std::max_element(ages_ms.begin(), ages_ms.end()));

    ASSERT_GT(taken.size(), 10u) << "the engine judged almost nothing";
    // The camera kept its rate (loosely: this machine is shared) ...
    const double run_seconds = seconds + std::min(5.0, seconds / 4);
    EXPECT_GE(static_cast<double>(posted), 0.5 * run_seconds * settings.stream.fps);
    EXPECT_LE(static_cast<double>(posted), run_seconds * settings.stream.fps * 1.05 + 10);
    // ... the engine was slower than it, so frames had to be skipped ...
    ASSERT_GT(dropped, 0u) << "the engine kept up with the camera; this run proves nothing about queueing";
    // ... and it skipped them rather than queueing: every frame it took was
    // fresh (a queue behind a slower consumer would age without bound), and
    // the ones it skipped were dropped, not kept.
    EXPECT_LT(median(ages_ms), 3 * period * 1000 + 20);
    EXPECT_LT(*std::max_element(ages_ms.begin(), ages_ms.end()), 1000.0);
    EXPECT_LE(posted - dropped - taken.size(), 1u);
    EXPECT_TRUE(std::is_sorted(taken.begin(), taken.end()));
    // The engine really saw people: the walk-in script keeps them in frame most of the time.
    EXPECT_GT(with_face, static_cast<int>(taken.size()) / 2);
    // Flat memory: growth after warm-up under a few frames' worth (a queue
    // would grow by a frame every 33 ms: hundreds of MiB over a minute).
    EXPECT_LT(rss_end - rss_start, 8 * frame_mib) << "RSS grew from " << rss_start << " to " << rss_end << " MiB";
    EXPECT_LT(rss_peak - rss_start, 12 * frame_mib);
}

} // namespace
} // namespace kiosk::camera
