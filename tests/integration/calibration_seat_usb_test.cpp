// The seat procedure through the real libusb driver against the board on an
// emulated USB bus (umockdev): end stops that differ from the host's
// configured travel found within 1 mm, a stall mid-travel recovered from, and
// an obstruction that keeps stalling failing with its advice.
#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "calibration/seat_calibration.h"
#include "core/paths.h"
#include "lightseat/usb_board_emulation.h"
#include "lightseat/usb_lightseat_controller.h"
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
    ADD_FAILURE() << "no figure " << name;
    return -1;
}

class SeatCalibrationUsbTest : public testing::Test {
protected:
    void SetUp() override
    {
        host_ = lightseat::ControllerSettings::load(config_dir() / "lightseat" / "controller.json");
        settings_ = load_seat_calibration_settings(config_dir() / "calibration" / "calibration.json");
    }

    void TearDown() override
    {
        if (controller_)
            controller_->stop();
        controller_.reset();
        board_.reset();
    }

    void plug_board(std::uint16_t lower, std::uint16_t upper)
    {
        lightseat::BoardSettings board;
        board.seat = {lower, upper};
        board.speed_mm_per_s = 250;
        board.start_mm = static_cast<std::uint16_t>((lower + upper) / 2);
        board.tick = 10ms;
        board_ = std::make_unique<lightseat::UsbBoardEmulation>(board, host_.vendor_id, host_.product_id);
        board_->plug();
        controller_ = std::make_unique<lightseat::UsbLightSeatController>(widened_for_probing(host_, settings_));
        controller_->start();
        const auto give_up = std::chrono::steady_clock::now() + 3s;
        while (controller_->state() != lightseat::ControllerState::Ready &&
               std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(5ms);
        ASSERT_EQ(controller_->state(), lightseat::ControllerState::Ready) << controller_->state_message();
    }

    ProcedureReport run()
    {
        SeatCalibration seat(*controller_, settings_, host_.seat);
        auto report = seat.find_stops();
        stops_ = seat.stops();
        return report;
    }

    lightseat::test::SeatObstruction::ActOnBoard act_on_board()
    {
        return [this](const std::function<void(BoardModel&)>& action) { board_->act_on_board(action); };
    }

    lightseat::ControllerSettings host_;
    SeatCalibrationSettings settings_;
    std::unique_ptr<lightseat::UsbBoardEmulation> board_;
    std::unique_ptr<lightseat::UsbLightSeatController> controller_;
    std::optional<SeatStops> stops_;
};

TEST_F(SeatCalibrationUsbTest, FindsTheBoardsEndStopsWithinOneMillimetre)
{
    plug_board(347, 661);
    const auto report = run();
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    ASSERT_TRUE(stops_);
    EXPECT_NEAR(stops_->lower_mm, 347, 1);
    EXPECT_NEAR(stops_->upper_mm, 661, 1);
    EXPECT_EQ(report.advice_key, "calibration.seat.stops_differ");
    EXPECT_EQ(controller_->state(), lightseat::ControllerState::Ready)
        << "the refused probe moves are answers, not a broken link";
}

TEST_F(SeatCalibrationUsbTest, AStallMidTravelIsRecoveredFrom)
{
    plug_board(365, 612);
    ProcedureReport report;
    {
        lightseat::test::SeatObstruction bag(act_on_board(), 480, 1);
        report = run();
        EXPECT_EQ(bag.stalls(), 1);
    }
    ASSERT_EQ(report.outcome, Outcome::Pass) << report.detail;
    ASSERT_TRUE(stops_);
    EXPECT_NEAR(stops_->lower_mm, 365, 1);
    EXPECT_NEAR(stops_->upper_mm, 612, 1);
    EXPECT_EQ(figure(report, "stalls"), 1);
}

TEST_F(SeatCalibrationUsbTest, AStuckObstructionFailsWithAdvice)
{
    plug_board(380, 620);
    ProcedureReport report;
    int stalls = 0;
    {
        lightseat::test::SeatObstruction bag(act_on_board(), 430, 100);
        report = run();
        stalls = bag.stalls();
    }
    EXPECT_EQ(report.outcome, Outcome::Fail) << report.detail;
    EXPECT_EQ(report.advice_key, "calibration.seat.obstructed");
    EXPECT_EQ(stalls, settings_.max_stall_recoveries + 1);
}

} // namespace
} // namespace kiosk::calibration
