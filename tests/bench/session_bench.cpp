// The session's share of the frame-to-guidance latency: handling one live
// assessment and publishing the view model the UI draws from, and the cost
// of a whole visit's events.
#include <benchmark/benchmark.h>

#include "unit/session_visit_driver.h"

namespace {

using namespace kiosk::session;
using namespace kiosk::session::testing;

void LiveAssessmentToGuide(benchmark::State& state)
{
    VisitDriver kiosk;
    kiosk.send(SeatChanged{500, false});
    kiosk.walk_to_pose();
    // Failing framing keeps the machine in the pose step, with the seat and
    // light servos and the guidance all at work on every frame.
    auto a = passing_assessment(kiosk.spec("resident-id"), 480);
    set_check(a, "face_size", kiosk::vision::CheckStatus::Fail, "move_closer");
    set_check(a, "face_shadow", kiosk::vision::CheckStatus::Fail, "even_face_light", 1.5);
    const auto assessment = std::make_shared<const kiosk::vision::Assessment>(a);
    std::uint64_t sequence = 0;
    std::int64_t servo_commands = 0;
    auto now = kiosk.now();
    for (auto _ : state) {
        now += std::chrono::milliseconds(33);
        const auto commands = kiosk.session().handle(LiveAssessment{assessment, now, ++sequence});
        servo_commands += static_cast<std::int64_t>(commands.size());
        if (kiosk.session().view()->guide->frame_sequence != sequence)
            state.SkipWithError("the guide is not from this frame");
    }
    if (kiosk.session().step() != Step::SeatAndPose)
        state.SkipWithError("left the pose step");
    // Seat and light commands per second of 30 fps frames: the rate limits at work.
    state.counters["servo_commands_per_s"] =
        benchmark::Counter(static_cast<double>(servo_commands) * 30.0 / static_cast<double>(sequence));
}
BENCHMARK(LiveAssessmentToGuide)->Unit(benchmark::kMicrosecond);

void WholeVisit(benchmark::State& state)
{
    const auto settings = SessionSettings::load(kiosk::config_dir());
    const auto specs = kiosk::spec::load_all_specs(kiosk::config_dir() / "specs");
    const auto photo = VisitDriver::photo();
    const std::string number = valid_receipt_number();
    for (auto _ : state) {
        VisitDriver kiosk(settings, specs);
        kiosk.walk_to_pose();
        kiosk.hold_until_capture();
        kiosk.send(PhotoReady{photo});
        kiosk.touch(Action::Accept);
        kiosk.send(SubmissionQueued{number, "https://review.example/r/" + number});
        kiosk.send(SubmissionAcknowledged{number});
        kiosk.send(ReceiptPrinted{number});
        kiosk.touch(Action::Finish);
        if (kiosk.session().step() != Step::Attract)
            state.SkipWithError("the visit did not complete");
    }
}
BENCHMARK(WholeVisit)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
