// The host driver's real libusb code against the board emulated on a umockdev
// USB bus: enumeration, control OUT and IN, interrupt IN events, a stall, a
// garbage frame, and an unplug/replug in the middle of a move.
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/paths.h"
#include "lightseat/usb_board_emulation.h"
#include "lightseat/usb_lightseat_controller.h"
#include "support/controller_event_log.h"

namespace kiosk::lightseat {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class LightseatUsbTest : public testing::Test {
protected:
    void SetUp() override
    {
        settings_ = ControllerSettings::load(config_dir() / "lightseat" / "controller.json");
        board_settings_ = BoardSettings::load(config_dir() / "lightseat" / "board.json");
        board_ = std::make_unique<UsbBoardEmulation>(board_settings_, settings_.vendor_id, settings_.product_id);
        board_->plug();
        controller_ = std::make_unique<UsbLightSeatController>(settings_);
        controller_->set_event_handler([this](const ControllerEvent& e) { log_.add(e); });
        controller_->start();
        ASSERT_TRUE(log_.wait_for(state_is(ControllerState::Ready), 2s)) << controller_->state_message();
    }

    void TearDown() override
    {
        controller_->stop();
        controller_.reset();
        board_.reset();
    }

    DeviceStatus board_status()
    {
        DeviceStatus status;
        board_->act_on_board([&status](BoardModel& b) { status = b.status(); });
        return status;
    }

    void home()
    {
        ASSERT_EQ(controller_->home_seat().get(), CommandOutcome::Done);
        ASSERT_TRUE(log_.wait_for(is<SeatHomed>, 5s));
    }

    ControllerSettings settings_;
    BoardSettings board_settings_;
    std::unique_ptr<UsbBoardEmulation> board_;
    std::unique_ptr<UsbLightSeatController> controller_;
    EventLog log_;
};

TEST_F(LightseatUsbTest, EnumeratesTheBoardAndReadsItsStatus)
{
    const auto status = controller_->read_status().get();
    ASSERT_TRUE(status);
    EXPECT_EQ(status->seat_mm, board_settings_.start_mm);
    EXPECT_EQ(status->motion, SeatMotion::NotHomed);
    EXPECT_EQ(controller_->state(), ControllerState::Ready);
}

TEST_F(LightseatUsbTest, SetLightsReachesTheBoard)
{
    EXPECT_EQ(controller_->set_lights({250, 750, 1000}).get(), CommandOutcome::Done);
    EXPECT_EQ(board_status().lights, (LightLevels{250, 750, 1000}));
    EXPECT_EQ(controller_->set_lights({1001, 0, 0}).get(), CommandOutcome::OutOfRange);
    EXPECT_EQ(board_status().lights, (LightLevels{250, 750, 1000}));
}

TEST_F(LightseatUsbTest, MoveSeatEndsWithTargetReached)
{
    home();
    const std::uint16_t target = board_settings_.seat.min_mm + 90;
    EXPECT_EQ(controller_->move_seat(target).get(), CommandOutcome::Done);
    const auto reached = log_.wait_for(is<SeatReached>, 5s);
    ASSERT_TRUE(reached);
    EXPECT_EQ(std::get<SeatReached>(*reached).position_mm, target);
    EXPECT_EQ(controller_->read_status().get()->seat_mm, target);
}

TEST_F(LightseatUsbTest, OccupancyAndFaultsArriveAsEvents)
{
    board_->act_on_board([](BoardModel& b) { b.set_occupied(true); });
    const auto occupancy = log_.wait_for(is<OccupancyChanged>, 2s);
    ASSERT_TRUE(occupancy);
    EXPECT_TRUE(std::get<OccupancyChanged>(*occupancy).occupied);

    board_->act_on_board([](BoardModel& b) { b.stall_motor(); });
    const auto fault = log_.wait_for(is<FaultsChanged>, 2s);
    ASSERT_TRUE(fault);
    EXPECT_TRUE(std::get<FaultsChanged>(*fault).faults.motor_stall);
    EXPECT_EQ(controller_->state(), ControllerState::Ready) << "a seat fault is the board's news, not a broken link";
}

TEST_F(LightseatUsbTest, SurvivesAStallAnswer)
{
    // The board stalls a move before homing (PROTOCOL.md).
    EXPECT_EQ(controller_->move_seat(500).get(), CommandOutcome::Rejected);
    EXPECT_EQ(controller_->state(), ControllerState::Ready);
    EXPECT_EQ(controller_->set_lights({10, 20, 30}).get(), CommandOutcome::Done);
}

TEST_F(LightseatUsbTest, GarbageEventFaultsWithTheReasonThenRecovers)
{
    board_->send_raw_event({0x13, 0x37, 0x00, 0x00, 0x00, 0x00, 0x00});
    const auto faulted = log_.wait_for(state_is(ControllerState::Faulted), 2s);
    ASSERT_TRUE(faulted);
    EXPECT_NE(std::get<StateChanged>(*faulted).message.find("bad magic"), std::string::npos)
        << std::get<StateChanged>(*faulted).message;
    EXPECT_TRUE(log_.wait_for(state_is(ControllerState::Ready), 2s)) << controller_->state_message();
}

TEST_F(LightseatUsbTest, GarbageStatusFaultsWithTheReasonThenRecovers)
{
    auto bad = encode_frame(encode_status(DeviceStatus{}, 0));
    bad.back() ^= 0xFF;
    board_->answer_next_status_with(bad);
    EXPECT_FALSE(controller_->read_status().get());
    const auto faulted = log_.wait_for(state_is(ControllerState::Faulted), 2s);
    ASSERT_TRUE(faulted);
    EXPECT_NE(std::get<StateChanged>(*faulted).message.find("checksum mismatch"), std::string::npos)
        << std::get<StateChanged>(*faulted).message;
    EXPECT_TRUE(log_.wait_for(state_is(ControllerState::Ready), 2s)) << controller_->state_message();
}

TEST_F(LightseatUsbTest, UnplugAndReplugMidMoveRecoversWithinTwoSeconds)
{
    home();
    const std::uint16_t target = board_settings_.seat.max_mm;
    ASSERT_EQ(controller_->move_seat(target).get(), CommandOutcome::Done);
    std::this_thread::sleep_for(300ms);
    board_->unplug();
    ASSERT_TRUE(log_.wait_for(state_is(ControllerState::Searching), 2s)) << controller_->state_message();
    EXPECT_EQ(controller_->set_lights({1, 2, 3}).get(), CommandOutcome::NotConnected);

    board_->plug();
    const auto replugged = Clock::now();
    ASSERT_TRUE(log_.wait_for(state_is(ControllerState::Ready), 2s)) << controller_->state_message();
    const auto recovery = Clock::now() - replugged;
    RecordProperty("recovery_ms", static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(recovery).count()));
    EXPECT_LT(recovery, 2s);

    const auto reached = log_.wait_for(is<SeatReached>, 6s);
    ASSERT_TRUE(reached) << "the driver repeats the move after the replug";
    EXPECT_EQ(std::get<SeatReached>(*reached).position_mm, target);
    EXPECT_EQ(board_status().lights, (LightLevels{1, 2, 3})) << "the wish made while unplugged is applied";
}

TEST_F(LightseatUsbTest, EveryControlTransferTimesOutAndAHungBoardIsFaulted)
{
    board_->set_answering(false);
    const auto asked = Clock::now();
    EXPECT_EQ(controller_->set_lights({5, 5, 5}).get(), CommandOutcome::TimedOut);
    const auto waited = Clock::now() - asked;
    EXPECT_GE(waited, settings_.control_timeout);
    EXPECT_LT(waited, settings_.control_timeout + 1s);
    for (int i = 1; i < settings_.timeouts_before_fault; ++i)
        EXPECT_EQ(controller_->set_lights({5, 5, 5}).get(), CommandOutcome::TimedOut);
    const auto faulted = log_.wait_for(state_is(ControllerState::Faulted), 2s);
    ASSERT_TRUE(faulted);
    EXPECT_NE(std::get<StateChanged>(*faulted).message.find("no answer"), std::string::npos);

    board_->set_answering(true);
    EXPECT_TRUE(log_.wait_for(state_is(ControllerState::Ready), 3s)) << controller_->state_message();
    // The wish goes out right after the status read that made the board ready.
    const auto give_up = Clock::now() + 1s;
    while (!(board_status().lights == LightLevels{5, 5, 5}) && Clock::now() < give_up)
        std::this_thread::sleep_for(10ms);
    EXPECT_EQ(board_status().lights, (LightLevels{5, 5, 5})) << "the last wish is applied on recovery";
}

TEST(LightseatUsbWithoutBoard, SearchesAndAnswersNotConnected)
{
    const auto settings = ControllerSettings::load(config_dir() / "lightseat" / "controller.json");
    const auto board_settings = BoardSettings::load(config_dir() / "lightseat" / "board.json");
    // An empty bus: the testbed is there, the board is not plugged in.
    UsbBoardEmulation bus(board_settings, settings.vendor_id, settings.product_id);
    UsbLightSeatController controller(settings);
    controller.start();
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(controller.state(), ControllerState::Searching);
    EXPECT_NE(controller.state_message().find("no board"), std::string::npos) << controller.state_message();
    EXPECT_EQ(controller.home_seat().get(), CommandOutcome::NotConnected);
    EXPECT_FALSE(controller.read_status().get());
    EXPECT_EQ(controller.move_seat(settings.seat.max_mm + 1).get(), CommandOutcome::OutOfRange);
    // Widened (seat calibration's probe), the host lets the move through to a board that is not there.
    controller.set_seat_travel({settings.seat.min_mm, static_cast<std::uint16_t>(settings.seat.max_mm + 1)});
    EXPECT_EQ(controller.move_seat(settings.seat.max_mm + 1).get(), CommandOutcome::NotConnected);
    controller.set_seat_travel(settings.seat);
    EXPECT_EQ(controller.move_seat(settings.seat.max_mm + 1).get(), CommandOutcome::OutOfRange);
    controller.stop();
    EXPECT_EQ(controller.state(), ControllerState::Stopped);
    EXPECT_EQ(controller.clear_faults().get(), CommandOutcome::NotConnected);
}

} // namespace
} // namespace kiosk::lightseat
