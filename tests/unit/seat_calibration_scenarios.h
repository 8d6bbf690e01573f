#pragma once

// The seat procedure's scenarios, written once and run over each board the
// host can have: homing, end stops that differ from the host's configured
// travel found within 1 mm, a stall in the middle of the travel cleared and
// recovered from, an obstruction that keeps the motor stalling failing with
// its advice, a stop beyond the probe margin, and no board at all.
//
// A test program instantiates the suite with its board (a "backend"):
//   void plug(const lightseat::BoardSettings&, const lightseat::ControllerSettings& host);
//       connects a board and starts a controller for it with these settings;
//   lightseat::LightSeatController& controller();
//   void act_on_board(const std::function<void(lightseat::BoardModel&)>&);
//   void unplug();  pulls the cable
// and stops its controller before the board goes when it is destroyed.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "calibration/seat_calibration.h"
#include "core/paths.h"
#include "lightseat/board_model.h"
#include "lightseat/lightseat_controller.h"
#include "unit/calibration_figure.h"
#include "unit/seat_obstruction.h"

namespace kiosk::calibration::test {

template <class Backend>
class SeatCalibrationScenarios : public testing::Test {
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
        lightseat::BoardSettings board;
        board.seat = {lower, upper};
        board.speed_mm_per_s = 250;
        board.start_mm = static_cast<std::uint16_t>((lower + upper) / 2);
        board.tick = std::chrono::milliseconds(10);
        backend_.plug(board, widened_for_probing(host_, settings_));
        wait_until([this] { return backend_.controller().state() == lightseat::ControllerState::Ready; });
        ASSERT_EQ(backend_.controller().state(), lightseat::ControllerState::Ready)
            << backend_.controller().state_message();
    }

    void unplug()
    {
        backend_.unplug();
        wait_until([this] { return backend_.controller().state() != lightseat::ControllerState::Ready; });
    }

    ProcedureReport run()
    {
        SeatCalibration seat(backend_.controller(), settings_, host_.seat);
        auto report = seat.find_stops([this](const ProcedureProgress& p) { steps_.push_back(p.step); });
        stops_ = seat.stops();
        return report;
    }

    lightseat::DeviceStatus board_status()
    {
        lightseat::DeviceStatus status;
        backend_.act_on_board([&status](lightseat::BoardModel& b) { status = b.status(); });
        return status;
    }

    lightseat::test::SeatObstruction::ActOnBoard act_on_board()
    {
        return [this](const std::function<void(lightseat::BoardModel&)>& action) { backend_.act_on_board(action); };
    }

    static void wait_until(const std::function<bool()>& done)
    {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        while (!done() && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }

    lightseat::ControllerSettings host_;
    SeatCalibrationSettings settings_;
    Backend backend_;
    std::vector<int> steps_;
    std::optional<SeatStops> stops_;
};

TYPED_TEST_SUITE_P(SeatCalibrationScenarios);

TYPED_TEST_P(SeatCalibrationScenarios, FindsEndStopsBeyondTheConfiguredTravel)
{
    ASSERT_EQ(this->host_.seat.min_mm, 380);
    ASSERT_EQ(this->host_.seat.max_mm, 620);
    this->start_board(353, 657);
    const auto report = this->run();
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    ASSERT_TRUE(this->stops_);
    EXPECT_NEAR(this->stops_->lower_mm, 353, 1);
    EXPECT_NEAR(this->stops_->upper_mm, 657, 1);
    EXPECT_EQ(report.advice_key, "calibration.seat.stops_differ");
    EXPECT_NEAR(figure(report, "lower_stop_vs_config_mm"), -27, 1);
    EXPECT_NEAR(figure(report, "upper_stop_vs_config_mm"), 37, 1);
    EXPECT_EQ(figure(report, "stalls"), 0);
    EXPECT_EQ(this->steps_, (std::vector<int>{1, 2, 3, 4}));
    EXPECT_EQ(this->backend_.controller().state(), lightseat::ControllerState::Ready)
        << "the refused probe moves are answers, not a broken link";
    // Parked mid-travel and homed, ready for the eye-line map.
    const auto parked = this->board_status();
    EXPECT_EQ(parked.motion, lightseat::SeatMotion::Idle);
    EXPECT_NEAR(parked.seat_mm, (353 + 657) / 2, 1);
}

TYPED_TEST_P(SeatCalibrationScenarios, FindsEndStopsInsideTheConfiguredTravel)
{
    this->start_board(402, 588);
    const auto report = this->run();
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    ASSERT_TRUE(this->stops_);
    EXPECT_NEAR(this->stops_->lower_mm, 402, 1);
    EXPECT_NEAR(this->stops_->upper_mm, 588, 1);
}

TYPED_TEST_P(SeatCalibrationScenarios, StopsAsConfiguredNeedNoChange)
{
    this->start_board(this->host_.seat.min_mm, this->host_.seat.max_mm);
    const auto report = this->run();
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    EXPECT_EQ(report.advice_key, "calibration.seat.done");
    EXPECT_EQ(figure(report, "travel_mm"), this->host_.seat.max_mm - this->host_.seat.min_mm);
}

TYPED_TEST_P(SeatCalibrationScenarios, AStallMidTravelIsClearedAndTheSeatReHomed)
{
    this->start_board(360, 640);
    ProcedureReport report;
    {
        lightseat::test::SeatObstruction bag(this->act_on_board(), 500, 1);
        report = this->run();
        EXPECT_EQ(bag.stalls(), 1);
    }
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    ASSERT_TRUE(this->stops_);
    EXPECT_NEAR(this->stops_->lower_mm, 360, 1);
    EXPECT_NEAR(this->stops_->upper_mm, 640, 1);
    EXPECT_EQ(figure(report, "stalls"), 1);
    EXPECT_NE(report.detail.find("1 stall(s) cleared"), std::string::npos) << report.detail;
    EXPECT_FALSE(this->board_status().faults.any());
}

TYPED_TEST_P(SeatCalibrationScenarios, AnObstructionThatKeepsStallingFailsWithAdvice)
{
    this->start_board(360, 640);
    ProcedureReport report;
    int stalls = 0;
    {
        lightseat::test::SeatObstruction bag(this->act_on_board(), 450, 100);
        report = this->run();
        stalls = bag.stalls();
    }
    EXPECT_EQ(report.outcome, Outcome::Fail) << report.detail;
    EXPECT_EQ(report.advice_key, "calibration.seat.obstructed");
    EXPECT_FALSE(this->stops_);
    // The motor was driven into the obstruction once per allowed recovery
    // and once more, never again after that.
    EXPECT_EQ(stalls, this->settings_.max_stall_recoveries + 1);
    EXPECT_EQ(figure(report, "stalls"), this->settings_.max_stall_recoveries + 1);
    EXPECT_NEAR(figure(report, "lower_stop_mm"), 360, 1) << "what was measured before the failure is kept";
    EXPECT_NE(report.detail.find("blocking"), std::string::npos) << report.detail;
}

TYPED_TEST_P(SeatCalibrationScenarios, AStopBeyondTheProbeMarginIsNotGuessed)
{
    this->start_board(380, static_cast<std::uint16_t>(620 + this->settings_.probe_margin_mm + 30));
    const auto report = this->run();
    EXPECT_EQ(report.outcome, Outcome::Fail) << report.detail;
    EXPECT_EQ(report.advice_key, "calibration.seat.stop_not_found");
    EXPECT_FALSE(this->stops_);
}

TYPED_TEST_P(SeatCalibrationScenarios, WithoutABoardItCannotRun)
{
    this->start_board(380, 620);
    this->unplug();
    const auto report = this->run();
    EXPECT_EQ(report.outcome, Outcome::Error);
    EXPECT_EQ(report.advice_key, "calibration.seat.no_board");
    EXPECT_FALSE(report.detail.empty());
}

REGISTER_TYPED_TEST_SUITE_P(SeatCalibrationScenarios, FindsEndStopsBeyondTheConfiguredTravel,
                            FindsEndStopsInsideTheConfiguredTravel, StopsAsConfiguredNeedNoChange,
                            AStallMidTravelIsClearedAndTheSeatReHomed, AnObstructionThatKeepsStallingFailsWithAdvice,
                            AStopBeyondTheProbeMarginIsNotGuessed, WithoutABoardItCannotRun);

} // namespace kiosk::calibration::test
