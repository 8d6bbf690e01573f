// The seat procedure against the in-process simulated board: homing, end
// stops that differ from the host's configured travel, a stall in the middle
// of the travel cleared and recovered from, an obstruction that keeps the
// motor stalling failing with its advice, and no board at all.
#include <chrono>
#include <memory>

#include <gtest/gtest.h>

#include "calibration/seat_calibration.h"
#include "core/paths.h"
#include "lightseat/simulated_lightseat_controller.h"
#include "unit/seat_obstruction.h"

namespace kiosk::calibration {
namespace {

using namespace std::chrono_literals;
using lightseat::BoardModel;

double figure(const ProcedureReport& report, const std::string& name)
{
    for (const auto& f : report.figures)
        if (f.name == name)
            return f.value;
    ADD_FAILURE() << "no figure " << name << " in the " << report.procedure << " report";
    return -1;
}

class SeatCalibrationTest : public testing::Test {
protected:
    void SetUp() override
    {
        host_ = lightseat::ControllerSettings::load(config_dir() / "lightseat" / "controller.json");
        settings_ = load_seat_calibration_settings(config_dir() / "calibration" / "calibration.json");
    }

    // A board whose end stops are not the host's; faster than the real
    // seat so each test takes seconds, not the procedure's logic any less.
    void start_board(std::uint16_t lower, std::uint16_t upper)
    {
        board_.seat = {lower, upper};
        board_.speed_mm_per_s = 250;
        board_.start_mm = static_cast<std::uint16_t>((lower + upper) / 2);
        board_.tick = 10ms;
        controller_ = std::make_unique<lightseat::SimulatedLightSeatController>(
            widened_for_probing(host_, settings_), board_);
        controller_->start();
        const auto give_up = std::chrono::steady_clock::now() + 2s;
        while (controller_->state() != lightseat::ControllerState::Ready &&
               std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(5ms);
        ASSERT_EQ(controller_->state(), lightseat::ControllerState::Ready) << controller_->state_message();
    }

    ProcedureReport run()
    {
        SeatCalibration seat(*controller_, settings_, host_.seat);
        auto report = seat.find_stops([this](const ProcedureProgress& p) { steps_.push_back(p.step); });
        stops_ = seat.stops();
        return report;
    }

    lightseat::DeviceStatus board_status()
    {
        lightseat::DeviceStatus status;
        controller_->act_on_board([&status](BoardModel& b) { status = b.status(); });
        return status;
    }

    lightseat::test::SeatObstruction::ActOnBoard act_on_board()
    {
        return [this](const std::function<void(BoardModel&)>& action) { controller_->act_on_board(action); };
    }

    lightseat::ControllerSettings host_;
    SeatCalibrationSettings settings_;
    lightseat::BoardSettings board_;
    std::unique_ptr<lightseat::SimulatedLightSeatController> controller_;
    std::vector<int> steps_;
    std::optional<SeatStops> stops_;
};

TEST_F(SeatCalibrationTest, FindsEndStopsBeyondTheConfiguredTravel)
{
    ASSERT_EQ(host_.seat.min_mm, 380);
    ASSERT_EQ(host_.seat.max_mm, 620);
    start_board(353, 657);
    const auto report = run();
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    ASSERT_TRUE(stops_);
    EXPECT_NEAR(stops_->lower_mm, 353, 1);
    EXPECT_NEAR(stops_->upper_mm, 657, 1);
    EXPECT_EQ(report.advice_key, "calibration.seat.stops_differ");
    EXPECT_NEAR(figure(report, "lower_stop_vs_config_mm"), -27, 1);
    EXPECT_NEAR(figure(report, "upper_stop_vs_config_mm"), 37, 1);
    EXPECT_EQ(figure(report, "stalls"), 0);
    EXPECT_EQ(steps_, (std::vector<int>{1, 2, 3, 4}));
    // Parked mid-travel and homed, ready for the eye-line map.
    const auto parked = board_status();
    EXPECT_EQ(parked.motion, lightseat::SeatMotion::Idle);
    EXPECT_NEAR(parked.seat_mm, (353 + 657) / 2, 1);
}

TEST_F(SeatCalibrationTest, FindsEndStopsInsideTheConfiguredTravel)
{
    start_board(402, 588);
    const auto report = run();
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    ASSERT_TRUE(stops_);
    EXPECT_NEAR(stops_->lower_mm, 402, 1);
    EXPECT_NEAR(stops_->upper_mm, 588, 1);
}

TEST_F(SeatCalibrationTest, StopsAsConfiguredNeedNoChange)
{
    start_board(host_.seat.min_mm, host_.seat.max_mm);
    const auto report = run();
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    EXPECT_EQ(report.advice_key, "calibration.seat.done");
    EXPECT_EQ(figure(report, "travel_mm"), host_.seat.max_mm - host_.seat.min_mm);
}

TEST_F(SeatCalibrationTest, AStallMidTravelIsClearedAndTheSeatReHomed)
{
    start_board(360, 640);
    ProcedureReport report;
    {
        lightseat::test::SeatObstruction bag(act_on_board(), 500, 1);
        report = run();
        EXPECT_EQ(bag.stalls(), 1);
    }
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    ASSERT_TRUE(stops_);
    EXPECT_NEAR(stops_->lower_mm, 360, 1);
    EXPECT_NEAR(stops_->upper_mm, 640, 1);
    EXPECT_EQ(figure(report, "stalls"), 1);
    EXPECT_NE(report.detail.find("1 stall(s) cleared"), std::string::npos) << report.detail;
    EXPECT_FALSE(board_status().faults.any());
}

TEST_F(SeatCalibrationTest, AnObstructionThatKeepsStallingFailsWithAdvice)
{
    start_board(360, 640);
    ProcedureReport report;
    int stalls = 0;
    {
        lightseat::test::SeatObstruction bag(act_on_board(), 450, 100);
        report = run();
        stalls = bag.stalls();
    }
    EXPECT_EQ(report.outcome, Outcome::Fail) << report.detail;
    EXPECT_EQ(report.advice_key, "calibration.seat.obstructed");
    EXPECT_FALSE(stops_);
    // The motor was driven into the obstruction once per allowed recovery
    // and once more, never again after that.
    EXPECT_EQ(stalls, settings_.max_stall_recoveries + 1);
    EXPECT_EQ(figure(report, "stalls"), settings_.max_stall_recoveries + 1);
    EXPECT_NEAR(figure(report, "lower_stop_mm"), 360, 1) << "what was measured before the failure is kept";
    EXPECT_NE(report.detail.find("blocking"), std::string::npos) << report.detail;
}

TEST_F(SeatCalibrationTest, AStopBeyondTheProbeMarginIsNotGuessed)
{
    start_board(380, static_cast<std::uint16_t>(620 + settings_.probe_margin_mm + 30));
    const auto report = run();
    EXPECT_EQ(report.outcome, Outcome::Fail) << report.detail;
    EXPECT_EQ(report.advice_key, "calibration.seat.stop_not_found");
    EXPECT_FALSE(stops_);
}

TEST_F(SeatCalibrationTest, WithoutABoardItCannotRun)
{
    start_board(380, 620);
    controller_->unplug();
    const auto report = run();
    EXPECT_EQ(report.outcome, Outcome::Error);
    EXPECT_EQ(report.advice_key, "calibration.seat.no_board");
    EXPECT_FALSE(report.detail.empty());
}

} // namespace
} // namespace kiosk::calibration
