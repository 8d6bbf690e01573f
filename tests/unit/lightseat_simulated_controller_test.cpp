// The in-process simulated controller keeps the USB driver's contract: the
// same states, outcomes and events, in the time the board's speed takes.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "core/paths.h"
#include "lightseat/simulated_lightseat_controller.h"
#include "support/controller_event_log.h"

namespace kiosk::lightseat {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class SimulatedControllerTest : public testing::Test {
protected:
    void SetUp() override
    {
        settings_ = ControllerSettings::load(config_dir() / "lightseat" / "controller.json");
        board_settings_ = BoardSettings::load(config_dir() / "lightseat" / "board.json");
        start(settings_);
    }

    void start(const ControllerSettings& settings)
    {
        controller_ = std::make_unique<SimulatedLightSeatController>(settings, board_settings_);
        controller_->set_event_handler([this](const ControllerEvent& e) { log_.add(e); });
        controller_->start();
        ASSERT_TRUE(log_.wait_for(state_is(ControllerState::Ready), 2s)) << controller_->state_message();
    }

    void home()
    {
        ASSERT_EQ(controller_->home_seat().get(), CommandOutcome::Done);
        ASSERT_TRUE(log_.wait_for(is<SeatHomed>, 5s));
    }

    DeviceStatus board_status()
    {
        DeviceStatus status;
        controller_->act_on_board([&status](BoardModel& b) { status = b.status(); });
        return status;
    }

    ControllerSettings settings_;
    BoardSettings board_settings_;
    EventLog log_;
    std::unique_ptr<SimulatedLightSeatController> controller_;
};

TEST_F(SimulatedControllerTest, BecomesReadyAsTheUsbDriverDoes)
{
    const auto events = log_.all();
    ASSERT_GE(events.size(), 3u);
    EXPECT_TRUE(state_is(ControllerState::Searching)(events[0]));
    EXPECT_TRUE(state_is(ControllerState::Initialising)(events[1]));
    EXPECT_TRUE(state_is(ControllerState::Ready)(events[2]));
    const auto status = controller_->read_status().get();
    ASSERT_TRUE(status);
    EXPECT_EQ(status->seat_mm, board_settings_.start_mm);
    EXPECT_EQ(status->motion, SeatMotion::NotHomed);
    EXPECT_NE(controller_->state_message().find(std::to_string(board_settings_.start_mm) + " mm"), std::string::npos)
        << controller_->state_message();
}

TEST_F(SimulatedControllerTest, SetLightsReachesTheBoardThroughItsFrames)
{
    EXPECT_EQ(controller_->set_lights({250, 750, 1000}).get(), CommandOutcome::Done);
    EXPECT_EQ(board_status().lights, (LightLevels{250, 750, 1000}));
    // The board echoes the sequence number of the last command it accepted.
    const auto first = board_status().last_command_sequence;
    EXPECT_EQ(controller_->set_lights({1, 2, 3}).get(), CommandOutcome::Done);
    EXPECT_EQ(board_status().last_command_sequence, static_cast<std::uint8_t>(first + 1));
}

TEST_F(SimulatedControllerTest, MoveReachesTheTargetInTheTimeTheSpeedTakes)
{
    home();
    const std::uint16_t from = board_settings_.seat.min_mm;
    const std::uint16_t target = from + 90;
    const auto expected = std::chrono::duration<double>((target - from) / board_settings_.speed_mm_per_s);

    const auto asked = Clock::now();
    ASSERT_EQ(controller_->move_seat(target).get(), CommandOutcome::Done);
    const auto reached = log_.wait_for(is<SeatReached>, 5s);
    const auto took = std::chrono::duration<double>(Clock::now() - asked);
    ASSERT_TRUE(reached);
    EXPECT_EQ(std::get<SeatReached>(*reached).position_mm, target);
    RecordProperty("move_ms", static_cast<int>(took.count() * 1000));
    // Never early; late by at most a few ticks and a loaded machine's scheduling.
    EXPECT_GE(took, expected - board_settings_.tick);
    EXPECT_LE(took, expected + 400ms);
    EXPECT_EQ(controller_->read_status().get()->seat_mm, target);
}

TEST_F(SimulatedControllerTest, TheHostRefusesWhatTheControllerSettingsRuleOut)
{
    // A narrower travel on the host than the board's end stops: the host's
    // limit decides, and the board never sees the command.
    controller_->stop();
    ControllerSettings narrow = settings_;
    narrow.seat.max_mm = static_cast<std::uint16_t>(board_settings_.seat.max_mm - 20);
    start(narrow);
    home();
    const auto before = board_status();
    EXPECT_EQ(controller_->move_seat(narrow.seat.max_mm + 1).get(), CommandOutcome::OutOfRange);
    EXPECT_EQ(controller_->move_seat(narrow.seat.min_mm - 1).get(), CommandOutcome::OutOfRange);
    EXPECT_EQ(controller_->set_lights({1001, 0, 0}).get(), CommandOutcome::OutOfRange);
    EXPECT_EQ(board_status(), before);
    EXPECT_EQ(controller_->move_seat(narrow.seat.max_mm).get(), CommandOutcome::Done);
}

TEST_F(SimulatedControllerTest, TheHostsTravelIsWidenedWhileRunningAndPutBack)
{
    // Seat calibration's probe on the controller already running: beyond the
    // host's travel while widened, refused by the host again once put back.
    controller_->stop();
    ControllerSettings narrow = settings_;
    narrow.seat.max_mm = static_cast<std::uint16_t>(board_settings_.seat.max_mm - 20);
    start(narrow);
    home();
    const auto beyond = static_cast<std::uint16_t>(narrow.seat.max_mm + 10);
    EXPECT_EQ(controller_->move_seat(beyond).get(), CommandOutcome::OutOfRange);
    controller_->set_seat_travel({narrow.seat.min_mm, board_settings_.seat.max_mm});
    EXPECT_EQ(controller_->seat_travel().max_mm, board_settings_.seat.max_mm);
    EXPECT_EQ(controller_->move_seat(beyond).get(), CommandOutcome::Done);
    EXPECT_EQ(board_status().target_mm, beyond);
    controller_->set_seat_travel(narrow.seat);
    EXPECT_EQ(controller_->move_seat(beyond).get(), CommandOutcome::OutOfRange);
    EXPECT_EQ(controller_->move_seat(narrow.seat.max_mm).get(), CommandOutcome::Done);
}

TEST_F(SimulatedControllerTest, TheBoardRejectsAMoveBeforeHoming)
{
    EXPECT_EQ(controller_->move_seat(500).get(), CommandOutcome::Rejected);
    EXPECT_EQ(controller_->state(), ControllerState::Ready);
    EXPECT_EQ(controller_->set_lights({10, 20, 30}).get(), CommandOutcome::Done);
}

TEST_F(SimulatedControllerTest, OccupancyArrivesAsAnEvent)
{
    controller_->act_on_board([](BoardModel& b) { b.set_occupied(true); });
    const auto sat = log_.wait_for(is<OccupancyChanged>, 1s);
    ASSERT_TRUE(sat);
    EXPECT_TRUE(std::get<OccupancyChanged>(*sat).occupied);
    EXPECT_TRUE(controller_->read_status().get()->occupied);

    controller_->act_on_board([](BoardModel& b) { b.set_occupied(false); });
    const auto left = log_.wait_for(is<OccupancyChanged>, 1s);
    ASSERT_TRUE(left);
    EXPECT_FALSE(std::get<OccupancyChanged>(*left).occupied);
}

TEST_F(SimulatedControllerTest, AStallFaultsTheSeatAndItsCommandsAreRejectedUntilCleared)
{
    home();
    ASSERT_EQ(controller_->move_seat(board_settings_.seat.max_mm).get(), CommandOutcome::Done);
    std::this_thread::sleep_for(200ms);
    controller_->act_on_board([](BoardModel& b) { b.stall_motor(); });
    const auto fault = log_.wait_for(is<FaultsChanged>, 1s);
    ASSERT_TRUE(fault);
    EXPECT_TRUE(std::get<FaultsChanged>(*fault).faults.motor_stall);
    EXPECT_EQ(controller_->state(), ControllerState::Ready) << "a seat fault is the board's news, not a broken link";

    EXPECT_EQ(controller_->move_seat(500).get(), CommandOutcome::Rejected);
    EXPECT_EQ(controller_->home_seat().get(), CommandOutcome::Rejected);
    EXPECT_EQ(controller_->set_lights({5, 5, 5}).get(), CommandOutcome::Done) << "the lights do not depend on the seat";

    EXPECT_EQ(controller_->clear_faults().get(), CommandOutcome::Done);
    const auto cleared = log_.wait_for(is<FaultsChanged>, 1s);
    ASSERT_TRUE(cleared);
    EXPECT_FALSE(std::get<FaultsChanged>(*cleared).faults.any());
    home();
}

TEST_F(SimulatedControllerTest, UnplugMidMoveThenPlugEndsWhereTheKioskAsked)
{
    home();
    const std::uint16_t target = board_settings_.seat.max_mm;
    ASSERT_EQ(controller_->move_seat(target).get(), CommandOutcome::Done);
    controller_->unplug();
    ASSERT_TRUE(log_.wait_for(state_is(ControllerState::Searching), 1s)) << controller_->state_message();
    EXPECT_EQ(controller_->set_lights({1, 2, 3}).get(), CommandOutcome::NotConnected);
    EXPECT_FALSE(controller_->read_status().get());

    controller_->plug();
    ASSERT_TRUE(log_.wait_for(state_is(ControllerState::Ready), 1s)) << controller_->state_message();
    const auto reached = log_.wait_for(is<SeatReached>, 6s);
    ASSERT_TRUE(reached);
    EXPECT_EQ(std::get<SeatReached>(*reached).position_mm, target);
    EXPECT_EQ(board_status().lights, (LightLevels{1, 2, 3})) << "the wish made while unplugged is applied";
}

TEST_F(SimulatedControllerTest, StopJoinsPromptlyAndEveryAnswerArrives)
{
    home();
    std::vector<std::future<CommandOutcome>> pending;
    for (int i = 0; i < 50; ++i)
        pending.push_back(controller_->set_lights({static_cast<std::uint16_t>(i), 0, 0}));
    const auto asked = Clock::now();
    controller_->stop();
    EXPECT_LT(Clock::now() - asked, 500ms);
    for (auto& outcome : pending) {
        ASSERT_EQ(outcome.wait_for(0s), std::future_status::ready) << "stop() leaves no caller waiting";
        const auto answer = outcome.get();
        EXPECT_TRUE(answer == CommandOutcome::Done || answer == CommandOutcome::NotConnected) << to_string(answer);
    }
    EXPECT_EQ(controller_->state(), ControllerState::Stopped);
    EXPECT_TRUE(log_.wait_for(state_is(ControllerState::Stopped), 0ms));
    EXPECT_EQ(controller_->home_seat().get(), CommandOutcome::NotConnected);
    EXPECT_FALSE(controller_->read_status().get());
    controller_->stop();

    controller_->start();
    EXPECT_TRUE(log_.wait_for(state_is(ControllerState::Ready), 2s)) << "a stopped controller starts again";
    EXPECT_EQ(controller_->read_status().get()->motion, SeatMotion::Idle) << "the board kept its homed seat";
}

TEST(SimulatedControllerNotStarted, AnswersNotConnected)
{
    const auto settings = ControllerSettings::load(config_dir() / "lightseat" / "controller.json");
    SimulatedLightSeatController controller(settings,
                                            BoardSettings::load(config_dir() / "lightseat" / "board.json"));
    EXPECT_EQ(controller.state(), ControllerState::Stopped);
    EXPECT_EQ(controller.set_lights({1, 1, 1}).get(), CommandOutcome::NotConnected);
    EXPECT_FALSE(controller.read_status().get());
    EXPECT_EQ(controller.move_seat(settings.seat.max_mm + 1).get(), CommandOutcome::OutOfRange);
}

} // namespace
} // namespace kiosk::lightseat
