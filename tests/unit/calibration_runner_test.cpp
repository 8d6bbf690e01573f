// The procedure runner the calibration screens and kioskctl share, on the
// in-process simulated board and the replay camera filming it through the
// booth mirror, as the kiosk holds them: light balance and the seat (its
// probe widening the controller's own travel and always putting it back: after
// a pass, a stall, a cancel, a driver throwing), a cancel mid-run answered in
// bounded time, missing devices and unknown names as Error reports, and what
// a run changes in the next profile's draft.
#include <chrono>
#include <cstdio>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "booth/booth_mirror.h"
#include "calibration/procedure_runner.h"
#include "calibration/profile_store.h"
#include "core/text_catalog.h"
#include "lightseat/simulated_lightseat_controller.h"
#include "support/faces.h"
#include "unit/calibration_booth_rig.h"
#include "unit/seat_obstruction.h"
#include "vision/models.h"

namespace kiosk::calibration {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test::figure;

const lightseat::LightLevels kLit{600, 600, 700};

// The board with end stops beyond the host's configured travel, faster than
// the real seat so each run takes seconds (the procedure's logic no less).
lightseat::BoardSettings fast_board(lightseat::SeatTravel stops, double speed_mm_per_s = 250)
{
    auto board = lightseat::BoardSettings::load(config_dir() / "lightseat" / "board.json");
    board.seat = stops;
    board.speed_mm_per_s = speed_mm_per_s;
    board.start_mm = static_cast<std::uint16_t>((stops.min_mm + stops.max_mm) / 2);
    board.tick = 10ms;
    return board;
}

class ProcedureRunnerTest : public testing::Test {
protected:
    void SetUp() override
    {
        host_ = lightseat::ControllerSettings::load(config_dir() / "lightseat" / "controller.json");
        setup_.config = config_dir();
        setup_.calibration_json = config_dir() / "calibration" / "calibration.json";
        setup_.state_dir = folder_.path();
        setup_.kiosk_id = "T0001";
        setup_.progress = [this](const ProcedureProgress& p) {
            std::lock_guard lock(progress_mutex_);
            progress_.push_back(p);
            std::cout << test::progress_line(p) << "\n";
        };
        devices_.seat_travel = host_.seat;
    }

    void TearDown() override
    {
        // The camera stops filming before the mirror and the board go.
        camera_.reset();
        mirror_.reset();
        if (controller_)
            controller_->stop();
    }

    // The kiosk's controller: the host's configured travel, not a widened one.
    void start_board(const lightseat::BoardSettings& board)
    {
        controller_ = std::make_unique<lightseat::SimulatedLightSeatController>(host_, board);
        controller_->start();
        const auto give_up = Clock::now() + 2s;
        while (controller_->state() != lightseat::ControllerState::Ready && Clock::now() < give_up)
            std::this_thread::sleep_for(5ms);
        ASSERT_EQ(controller_->state(), lightseat::ControllerState::Ready) << controller_->state_message();
        ASSERT_EQ(controller_->set_lights(kLit).get(), lightseat::CommandOutcome::Done);
        devices_.controller = controller_.get();
    }

    // The replay camera filming `footage` (a folder of pictures) in the booth
    // as the board has it, through the mirror the kiosk connects.
    void film(const std::filesystem::path& footage, const std::function<void(camera::ReplaySettings&)>& adjust,
              camera::StreamRequest stream)
    {
        auto settings = camera::ReplaySettings::load(config_dir() / "camera" / "replay.json");
        settings.motion = camera::MotionScript();
        adjust(settings);
        camera_ = std::make_unique<camera::ReplaySource>(footage, settings);
        mirror_ = std::make_unique<booth::BoothMirror>(*camera_, *controller_);
        camera_->start(stream);
        devices_.camera = camera_.get();
    }

    void film_picture(const cv::Mat& picture, double key_left_efficiency)
    {
        const auto footage = folder_.path() / "footage";
        std::filesystem::create_directories(footage);
        cv::imwrite((footage / "booth.png").string(), picture);
        film(footage, [=](camera::ReplaySettings& s) { s.booth->key_left_efficiency = key_left_efficiency; },
             {{640, 360}, 30});
    }

    ProcedureRun run(const std::string& procedure)
    {
        auto result = run_procedure(procedure, devices_, setup_);
        std::cout << procedure << ": " << static_cast<int>(result.report.outcome) << " "
                  << result.report.advice_key << ": " << result.report.detail << "\n";
        return result;
    }

    lightseat::DeviceStatus board_status()
    {
        lightseat::DeviceStatus status;
        controller_->act_on_board([&status](lightseat::BoardModel& b) { status = b.status(); });
        return status;
    }

    // Runs `procedure` on a thread, stops it `later` after `started` held for
    // a progress step (in the middle of a move or a frame wait), and returns
    // the run and how long it took to answer the stop.
    std::pair<ProcedureRun, Clock::duration> cancel_when(const std::string& procedure,
                                                         const std::function<bool(const ProcedureProgress&)>& started,
                                                         Clock::duration later)
    {
        std::stop_source stop;
        std::promise<void> reached;
        std::once_flag once;
        setup_.cancel = stop.get_token();
        setup_.progress = [&](const ProcedureProgress& p) {
            if (started(p))
                std::call_once(once, [&] { reached.set_value(); });
        };
        auto running = std::async(std::launch::async, [&] { return run_procedure(procedure, devices_, setup_); });
        EXPECT_EQ(reached.get_future().wait_for(60s), std::future_status::ready) << "the run never got going";
        std::this_thread::sleep_for(later);
        EXPECT_EQ(running.wait_for(0s), std::future_status::timeout) << "the run ended before the stop";
        const auto asked = Clock::now();
        stop.request_stop();
        auto result = running.get();
        const auto took = Clock::now() - asked;
        setup_.progress = {};
        std::printf("%s cancelled: returned %.1f ms after the stop\n", procedure.c_str(),
                    std::chrono::duration<double, std::milli>(took).count());
        return {std::move(result), took};
    }

    kiosk::test::TestFolder folder_{"kiosk-calibration"};
    lightseat::ControllerSettings host_;
    std::unique_ptr<lightseat::SimulatedLightSeatController> controller_;
    std::unique_ptr<booth::BoothMirror> mirror_;
    std::unique_ptr<camera::ReplaySource> camera_;
    BoothDevices devices_;
    ProcedureSetup setup_;
    std::mutex progress_mutex_;
    std::vector<ProcedureProgress> progress_;
};

lightseat::SeatTravel beyond(const lightseat::SeatTravel& configured)
{
    return {static_cast<std::uint16_t>(configured.min_mm - 30), static_cast<std::uint16_t>(configured.max_mm + 45)};
}

TEST_F(ProcedureRunnerTest, LightBalanceOnTheCameraFilmingTheBoardsLamps)
{
    start_board(fast_board(host_.seat));
    film_picture(test::grey_card_booth(), 0.6);
    const auto result = run("light_balance");
    ASSERT_EQ(result.report.outcome, Outcome::Pass) << result.report.detail;
    EXPECT_EQ(result.report.procedure, "light_balance");
    ASSERT_TRUE(result.lights);
    EXPECT_GT(result.lights->key_left, result.lights->key_right) << "the weak lamp carries more level";
    EXPECT_EQ(board_status().lights, *result.lights) << "the board holds what passed";
    EXPECT_FALSE(progress_.empty());
    EXPECT_FALSE(result.stops || result.camera || result.background_plate);
}

TEST_F(ProcedureRunnerTest, LightBalanceStartsFromTheLevelsCitizensAreLitWithNotAnIdleBoardsDarkLamps)
{
    start_board(fast_board(host_.seat));
    // The kiosk at attract: the lamps off until a citizen sits down.
    ASSERT_EQ(controller_->set_lights({0, 0, 0}).get(), lightseat::CommandOutcome::Done);
    film_picture(test::grey_card_booth(), 0.6);
    std::vector<lightseat::LightLevels> measured_at;
    setup_.progress = [&](const ProcedureProgress& p) {
        std::lock_guard lock(progress_mutex_);
        if (p.step == 1)
            measured_at.push_back(board_status().lights);
    };
    setup_.working_lights = kLit;
    const auto result = run("light_balance");
    ASSERT_EQ(result.report.outcome, Outcome::Pass) << result.report.detail;
    ASSERT_FALSE(measured_at.empty());
    EXPECT_EQ(measured_at.front(), kLit) << "the first measurement is of the booth lit as for citizens";
}

TEST_F(ProcedureRunnerTest, TheSeatProbesBeyondTheConfiguredTravelOnTheKiosksOwnControllerAndPutsItBack)
{
    const auto stops = beyond(host_.seat);
    start_board(fast_board(stops));
    ASSERT_EQ(controller_->move_seat(stops.max_mm).get(), lightseat::CommandOutcome::OutOfRange)
        << "the host refuses moves beyond its configured travel";
    const auto result = run("seat");
    ASSERT_EQ(result.report.outcome, Outcome::Pass) << result.report.detail;
    EXPECT_EQ(result.report.advice_key, "calibration.seat.stops_differ");
    ASSERT_TRUE(result.stops);
    EXPECT_EQ(result.stops->lower_mm, stops.min_mm);
    EXPECT_EQ(result.stops->upper_mm, stops.max_mm);
    EXPECT_FALSE(result.eye_px_per_mm) << "the eye line was not asked for";

    EXPECT_EQ(controller_->seat_travel().min_mm, host_.seat.min_mm);
    EXPECT_EQ(controller_->seat_travel().max_mm, host_.seat.max_mm);
    EXPECT_EQ(controller_->move_seat(stops.max_mm).get(), lightseat::CommandOutcome::OutOfRange)
        << "after the run the host's configured travel holds again";
}

TEST_F(ProcedureRunnerTest, AnObstructedSeatFailsAndTheTravelIsPutBack)
{
    start_board(fast_board(host_.seat));
    const auto settings = load_seat_calibration_settings(setup_.calibration_json);
    const auto middle = static_cast<std::uint16_t>((host_.seat.min_mm + host_.seat.max_mm) / 2 + 20);
    lightseat::test::SeatObstruction obstruction(
        [this](const std::function<void(lightseat::BoardModel&)>& action) { controller_->act_on_board(action); },
        middle, settings.max_stall_recoveries + 5);
    const auto result = run("seat");
    EXPECT_EQ(result.report.outcome, Outcome::Fail);
    EXPECT_EQ(result.report.advice_key, "calibration.seat.obstructed");
    EXPECT_FALSE(result.stops);
    EXPECT_EQ(controller_->seat_travel().max_mm, host_.seat.max_mm);
    EXPECT_EQ(controller_->seat_travel().min_mm, host_.seat.min_mm);
}

TEST_F(ProcedureRunnerTest, AStoppedSeatRunEndsPromptlyWithItsAdviceAndTheTravelPutBack)
{
    // A slow seat, so the stop lands in the middle of the long move up.
    start_board(fast_board(beyond(host_.seat), 60));
    const auto [result, took] = cancel_when("seat", [](const ProcedureProgress& p) { return p.step >= 3; }, 300ms);
    EXPECT_EQ(result.report.outcome, Outcome::Error);
    EXPECT_EQ(result.report.advice_key, "calibration.advice.cancelled");
    EXPECT_FALSE(result.stops);
    EXPECT_LT(took, 500ms);
    // The board has no stop command; the run ends the move under way by
    // sending the seat to where it is: it stays there, within a mm.
    const auto stopped = board_status();
    EXPECT_NE(stopped.motion, lightseat::SeatMotion::Moving);
    std::this_thread::sleep_for(500ms);
    const auto later = board_status();
    EXPECT_LE(std::abs(int(later.seat_mm) - int(stopped.seat_mm)), 1) << "the seat went on moving after the stop";
    EXPECT_EQ(later.target_mm, stopped.target_mm);
    EXPECT_EQ(controller_->seat_travel().max_mm, host_.seat.max_mm);
    EXPECT_EQ(controller_->seat_travel().min_mm, host_.seat.min_mm);
}

TEST_F(ProcedureRunnerTest, AStoppedLightBalanceEndsPromptlyWithTheLampsAsFound)
{
    start_board(fast_board(host_.seat));
    film_picture(test::grey_card_booth(), 0.6);
    const auto [result, took] = cancel_when("light_balance", [](const ProcedureProgress&) { return true; }, 40ms);
    EXPECT_EQ(result.report.outcome, Outcome::Error);
    EXPECT_EQ(result.report.advice_key, "calibration.advice.cancelled");
    EXPECT_FALSE(result.lights);
    EXPECT_LT(took, 500ms);
    EXPECT_EQ(board_status().lights, kLit) << "the lamps as the technician found them";
}

TEST_F(ProcedureRunnerTest, AStopBeforeTheStartRunsNothing)
{
    start_board(fast_board(host_.seat));
    const auto before = board_status();
    std::stop_source stop;
    stop.request_stop();
    setup_.cancel = stop.get_token();
    for (const auto& name : procedure_names()) {
        const auto result = run(name);
        EXPECT_EQ(result.report.outcome, Outcome::Error) << name;
        EXPECT_EQ(result.report.advice_key, "calibration.advice.cancelled") << name;
        EXPECT_EQ(result.report.procedure, name);
    }
    EXPECT_EQ(board_status().seat_mm, before.seat_mm);
}

TEST_F(ProcedureRunnerTest, AMissingDeviceOrAnUnknownNameIsAnErrorReportNeverAThrow)
{
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"background_plate", "calibration.advice.no_camera"}, {"exposure", "calibration.advice.no_camera"},
        {"light_balance", "calibration.advice.no_camera"},    {"seat", "calibration.advice.no_controller"},
        {"printer", "calibration.advice.no_printer"},
    };
    for (const auto& [name, advice] : expected) {
        const auto result = run(name);
        EXPECT_EQ(result.report.outcome, Outcome::Error) << name;
        EXPECT_EQ(result.report.advice_key, advice) << name;
        EXPECT_NE(result.report.detail.find("has none"), std::string::npos) << result.report.detail;
    }
    // The self-test reports each missing device as not checked.
    const auto self_test = run("self_test");
    EXPECT_NE(self_test.report.outcome, Outcome::Pass);
    EXPECT_FALSE(self_test.rows.empty());

    const auto unknown = run("seats");
    EXPECT_EQ(unknown.report.outcome, Outcome::Error);
    EXPECT_EQ(unknown.report.advice_key, "calibration.advice.unknown_procedure");
    EXPECT_NE(unknown.report.detail.find("'seats'"), std::string::npos) << unknown.report.detail;

    // The eye line needs the camera and the face models besides the board.
    start_board(fast_board(host_.seat));
    setup_.eye_line = true;
    EXPECT_EQ(run("seat").report.advice_key, "calibration.advice.no_camera");
    film_picture(test::grey_card_booth(), 1.0);
    EXPECT_EQ(run("seat").report.advice_key, "calibration.advice.no_face_models");
    EXPECT_EQ(run("background_plate").report.advice_key, "calibration.advice.no_face_models");
}

TEST_F(ProcedureRunnerTest, UnreadableSettingsAreAnErrorReportNamingTheFile)
{
    start_board(fast_board(host_.seat));
    setup_.calibration_json = folder_.path() / "missing.json";
    const auto result = run("seat");
    EXPECT_EQ(result.report.outcome, Outcome::Error);
    EXPECT_EQ(result.report.advice_key, "calibration.advice.settings_invalid");
    EXPECT_NE(result.report.detail.find("missing.json"), std::string::npos) << result.report.detail;
}

// A board whose driver fails every transfer with an exception, as a libusb
// error might surface; it records the travel it is given.
class ThrowingController final : public lightseat::LightSeatController {
public:
    void start() override {}
    void stop() override {}
    std::future<lightseat::CommandOutcome> send(const lightseat::Command&) override { fail(); }
    std::future<std::optional<lightseat::DeviceStatus>> read_status() override { fail(); }
    lightseat::ControllerState state() const override { return lightseat::ControllerState::Ready; }
    std::string state_message() const override { return "ready"; }
    void set_event_handler(lightseat::ControllerEventHandler) override {}
    lightseat::SeatTravel seat_travel() const override { return travel; }
    void set_seat_travel(lightseat::SeatTravel t) override { travel = t; }

    lightseat::SeatTravel travel{400, 600};

private:
    [[noreturn]] static void fail() { throw std::runtime_error("LIBUSB_ERROR_IO on the control transfer"); }
};

TEST_F(ProcedureRunnerTest, ADriverThrowingIsAnErrorReportAndTheTravelIsPutBack)
{
    ThrowingController board;
    devices_.controller = &board;
    const auto result = run("seat");
    EXPECT_EQ(result.report.outcome, Outcome::Error);
    EXPECT_EQ(result.report.advice_key, "calibration.advice.device_error");
    EXPECT_NE(result.report.detail.find("LIBUSB_ERROR_IO"), std::string::npos) << result.report.detail;
    EXPECT_EQ(board.travel.min_mm, 400);
    EXPECT_EQ(board.travel.max_mm, 600);
}

TEST_F(ProcedureRunnerTest, TheSeatWithTheEyeLineOnAFilmedSeatedPortrait)
{
    KIOSK_REQUIRE_FACES(faces);
    start_board(fast_board(host_.seat));
    // One seated portrait, linked into a folder of its own (never copied).
    const auto footage = folder_.path() / "portrait";
    std::filesystem::create_directories(footage);
    std::filesystem::create_symlink(faces / "frl-london" / "neutral" / "002_03.jpg", footage / "002_03.jpg");
    film(footage,
         [](camera::ReplaySettings& s) {
             s.motion = camera::MotionScript::load(config_dir() / "camera" / "motion" / "seated.json");
         },
         {{1280, 720}, 30});
    const vision::Models models;
    devices_.models = &models;
    setup_.eye_line = true;
    const auto result = run("seat");
    ASSERT_EQ(result.report.outcome, Outcome::Pass) << result.report.detail;
    ASSERT_TRUE(result.stops);
    ASSERT_TRUE(result.eye_px_per_mm);
    EXPECT_LT(*result.eye_px_per_mm, 0) << "raising the seat moves the eyes up the frame";
    EXPECT_DOUBLE_EQ(figure(result.report, "eye_px_per_mm"), *result.eye_px_per_mm);
}

TEST_F(ProcedureRunnerTest, AStopWhileTheEyeLineIsMappedEndsPromptly)
{
    KIOSK_REQUIRE_FACES(faces);
    start_board(fast_board(host_.seat));
    const auto footage = folder_.path() / "portrait";
    std::filesystem::create_directories(footage);
    std::filesystem::create_symlink(faces / "frl-london" / "neutral" / "002_03.jpg", footage / "002_03.jpg");
    film(footage, [](camera::ReplaySettings&) {}, {{1280, 720}, 30});
    const vision::Models models;
    devices_.models = &models;
    setup_.eye_line = true;
    // The stops report four steps; the fifth is the eye line's first height.
    int steps = 0;
    const auto [result, took] =
        cancel_when("seat", [&steps](const ProcedureProgress&) { return ++steps == 5; }, 150ms);
    EXPECT_EQ(result.report.outcome, Outcome::Error);
    EXPECT_EQ(result.report.advice_key, "calibration.advice.cancelled");
    EXPECT_FALSE(result.stops) << "stops whose eye line was stopped are not kept";
    EXPECT_FALSE(result.eye_px_per_mm);
    EXPECT_LT(took, 500ms);
    EXPECT_EQ(controller_->seat_travel().max_mm, host_.seat.max_mm);
}

ProcedureRun passed(const std::string& procedure)
{
    ProcedureRun run;
    run.report.procedure = procedure;
    run.report.outcome = Outcome::Pass;
    run.report.detail = procedure + " passed";
    return run;
}

TEST(RecordRun, APassingRunFillsItsPartAndReplacesItsOwnReport)
{
    CalibrationProfile draft;
    draft.lights = lightseat::LightLevels{500, 500, 600};
    draft.seat = SeatMap{380, 640, -2.5};
    draft.reports = {passed("light_balance").report, passed("seat").report, passed("exposure").report};
    draft.reports[1].detail = "the earlier seat run";

    auto seat = passed("seat");
    seat.stops = SeatStops{370, 655};
    ASSERT_TRUE(record_run(seat, draft));
    ASSERT_TRUE(draft.seat);
    EXPECT_EQ(draft.seat->lower_stop_mm, 370);
    EXPECT_EQ(draft.seat->upper_stop_mm, 655);
    EXPECT_DOUBLE_EQ(draft.seat->eye_px_per_mm, -2.5) << "stops alone keep the eye line measured before";
    ASSERT_EQ(draft.reports.size(), 3u);
    EXPECT_EQ(draft.reports[1].procedure, "seat");
    EXPECT_EQ(draft.reports[1].detail, "seat passed");
    EXPECT_EQ(draft.reports[0].procedure, "light_balance");
    EXPECT_EQ(draft.lights, (lightseat::LightLevels{500, 500, 600})) << "other parts untouched";

    seat.eye_px_per_mm = -3.1;
    ASSERT_TRUE(record_run(seat, draft));
    EXPECT_DOUBLE_EQ(draft.seat->eye_px_per_mm, -3.1);

    auto plate = passed("background_plate");
    plate.background_plate = "/somewhere/plate.png";
    ASSERT_TRUE(record_run(plate, draft));
    EXPECT_EQ(draft.background_plate, plate.background_plate);
    EXPECT_EQ(draft.reports.size(), 4u);
    EXPECT_EQ(draft.reports.back().procedure, "background_plate");

    auto exposure = passed("exposure");
    exposure.camera = camera::CameraControls{false, std::chrono::microseconds(9000), 1.2f, false, {1.1f, 0.8f}};
    ASSERT_TRUE(record_run(exposure, draft));
    EXPECT_EQ(draft.camera, exposure.camera);

    auto lights = passed("light_balance");
    lights.lights = lightseat::LightLevels{640, 560, 650};
    ASSERT_TRUE(record_run(lights, draft));
    EXPECT_EQ(draft.lights, lights.lights);
    EXPECT_EQ(draft.reports.size(), 4u);
}

TEST(RecordRun, AFailingRunOrOneWithNothingToKeepLeavesTheDraftAsItWas)
{
    CalibrationProfile draft;
    draft.seat = SeatMap{380, 640, -2.5};
    draft.reports = {passed("seat").report};

    auto failed = passed("seat");
    failed.report.outcome = Outcome::Fail;
    failed.stops = SeatStops{300, 700};
    EXPECT_FALSE(record_run(failed, draft));
    auto errored = passed("light_balance");
    errored.report.outcome = Outcome::Error;
    errored.lights = lightseat::LightLevels{1, 2, 3};
    EXPECT_FALSE(record_run(errored, draft));
    EXPECT_FALSE(record_run(passed("printer"), draft));
    EXPECT_FALSE(record_run(passed("self_test"), draft));

    EXPECT_EQ(draft.seat->lower_stop_mm, 380);
    EXPECT_FALSE(draft.lights);
    ASSERT_EQ(draft.reports.size(), 1u);
    EXPECT_EQ(draft.reports[0].procedure, "seat");
}

TEST(RecordRun, ProfilesMadeOneProcedureAtATimeKeepEveryProceduresReport)
{
    kiosk::test::TestFolder folder{"kiosk-calibration"};
    AuditLog audit(folder.path());
    ProfileStore store(folder.path(), ProfileStoreConfig{}, audit);

    auto lights = passed("light_balance");
    lights.lights = lightseat::LightLevels{640, 560, 650};
    auto draft = store.draft();
    ASSERT_TRUE(record_run(lights, draft));
    store.save(draft, "tech-01");

    auto seat = passed("seat");
    seat.stops = SeatStops{370, 655};
    draft = store.draft();
    ASSERT_TRUE(record_run(seat, draft));
    store.save(draft, "tech-01");

    const auto active = store.active().profile;
    ASSERT_TRUE(active);
    EXPECT_EQ(active->lights, lights.lights);
    ASSERT_TRUE(active->seat);
    EXPECT_EQ(active->seat->upper_stop_mm, 655);
    ASSERT_EQ(active->reports.size(), 2u);
    EXPECT_EQ(active->reports[0].procedure, "light_balance");
    EXPECT_EQ(active->reports[1].procedure, "seat");
}

TEST(ProcedureRunnerTexts, EveryAdviceTheRunnerGivesIsWrittenInBothLanguages)
{
    for (const std::string locale : {"zh-CN", "en"}) {
        const TextCatalog catalog = TextCatalog::load(config_dir() / "text", locale);
        for (const std::string key : {"unknown_procedure", "no_camera", "no_controller", "no_printer",
                                      "no_face_models", "settings_invalid", "device_error", "cancelled"})
            EXPECT_TRUE(catalog.has("calibration.advice." + key)) << locale << ": calibration.advice." << key;
        for (const auto& name : procedure_names())
            EXPECT_TRUE(catalog.has("calibration.procedure." + name)) << locale << ": " << name;
    }
}

} // namespace
} // namespace kiosk::calibration
