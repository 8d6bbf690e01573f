// The seat-to-frame map: the seat's stops found on the simulated board, then
// the replay camera filming a real seated portrait through the booth model
// (the seat lifts the subject in the frame) while the eye line is measured
// with the vision engine at several seat heights; the fitted slope must match
// the booth model's own figure within 10 %.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "calibration/seat_calibration.h"
#include "calibration/seat_eye_line.h"
#include "camera/replay_settings.h"
#include "camera/replay_source.h"
#include "core/paths.h"
#include "lightseat/simulated_lightseat_controller.h"
#include "support/faces.h"
#include "unit/camera_test_folder.h"
#include "vision/models.h"

namespace kiosk::calibration {
namespace {

using namespace std::chrono_literals;

TEST(SeatEyeLine, SlopeMatchesTheBoothModel)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto config = config_dir();
    const auto calibration_json = config / "calibration" / "calibration.json";
    const auto host = lightseat::ControllerSettings::load(config / "lightseat" / "controller.json");
    auto board = lightseat::BoardSettings::load(config / "lightseat" / "board.json");
    board.speed_mm_per_s = 250;
    const auto seat_settings = load_seat_calibration_settings(calibration_json);
    lightseat::SimulatedLightSeatController controller(widened_for_probing(host, seat_settings), board);
    controller.start();
    const auto ready_by = std::chrono::steady_clock::now() + 2s;
    while (controller.state() != lightseat::ControllerState::Ready && std::chrono::steady_clock::now() < ready_by)
        std::this_thread::sleep_for(5ms);

    SeatCalibration seat(controller, seat_settings, host.seat);
    const auto stops_report = seat.find_stops();
    ASSERT_EQ(stops_report.outcome, Outcome::Pass) << stops_report.detail;

    // One seated portrait, linked into a folder of its own (never copied).
    camera::test::ScratchFolder footage;
    std::filesystem::create_symlink(faces / "frl-london" / "neutral" / "002_03.jpg", footage.path() / "002_03.jpg");
    auto replay = camera::ReplaySettings::load(config / "camera" / "replay.json");
    replay.motion = camera::MotionScript::load(config / "camera" / "motion" / "seated.json");
    ASSERT_TRUE(replay.booth);
    const double expected = -replay.booth->seat_px_per_mm * replay.stream.size.height / replay.booth->seat_frame_height;
    camera::ReplaySource camera(footage.path(), replay);
    // The board's seat as the camera films it, read under the simulator's
    // lock on the camera's thread (quick: no protocol round trip).
    camera.connect_booth([&controller] {
        camera::BoothState state{600, 600, 700, 450};
        controller.act_on_board([&state](lightseat::BoardModel& b) { state.seat_mm = b.status().seat_mm; });
        return state;
    });
    camera.start({{1280, 720}, 30});

    const vision::Models models;
    EyeLineMap map(controller, camera, models, load_eye_line_settings(calibration_json));
    const auto report = map.measure(*seat.stops());
    camera.stop();
    controller.stop();
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    ASSERT_TRUE(map.eye_px_per_mm());
    std::printf("eye line: %.3f px/mm measured, %.3f px/mm in the booth model\n", *map.eye_px_per_mm(), expected);
    EXPECT_NEAR(*map.eye_px_per_mm(), expected, 0.10 * std::abs(expected));
}

} // namespace
} // namespace kiosk::calibration
