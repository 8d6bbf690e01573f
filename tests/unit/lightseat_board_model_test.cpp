#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/paths.h"
#include "lightseat/board_model.h"
#include "lightseat/crc16.h"
#include "support/test_folder.h"

namespace kiosk::lightseat {
namespace {

using namespace std::chrono_literals;

BoardSettings board_settings()
{
    return BoardSettings::load(config_dir() / "lightseat" / "board.json");
}

CommandAnswer send(BoardModel& board, const Command& command, std::uint8_t sequence = 1)
{
    return board.handle_command(request_code(command), encode_frame(encode_command(command, sequence)));
}

std::optional<DeviceEvent> next_event(BoardModel& board)
{
    const auto bytes = board.take_event();
    if (!bytes)
        return std::nullopt;
    const auto parsed = parse_frame(*bytes);
    EXPECT_TRUE(parsed.frame) << parsed.reason;
    const auto event = decode_event(*parsed.frame);
    EXPECT_TRUE(event.value) << event.reason;
    return event.value;
}

// Runs the motor in the board's own tick until it reports an event or `limit` passes.
std::optional<DeviceEvent> run_until_event(BoardModel& board, const BoardSettings& settings,
                                           std::chrono::milliseconds limit)
{
    for (auto t = 0ms; t < limit; t += settings.tick) {
        board.advance(settings.tick);
        if (auto event = next_event(board))
            return event;
    }
    return std::nullopt;
}

TEST(LightseatBoardModel, ShippedBoardSettingsLoad)
{
    const auto settings = board_settings();
    EXPECT_LT(settings.seat.min_mm, settings.seat.max_mm);
    EXPECT_TRUE(settings.seat.contains(settings.start_mm));
    EXPECT_GT(settings.speed_mm_per_s, 0);
}

TEST(LightseatBoardModel, RefusesToMoveBeforeHoming)
{
    const auto settings = board_settings();
    BoardModel board(settings);
    const auto answer = send(board, MoveSeat{500});
    EXPECT_FALSE(answer.accepted);
    EXPECT_NE(answer.reason.find("not homed"), std::string::npos);
    EXPECT_EQ(board.status().motion, SeatMotion::NotHomed);
}

TEST(LightseatBoardModel, HomesThenMovesAtTheConfiguredSpeed)
{
    const auto settings = board_settings();
    BoardModel board(settings);
    ASSERT_TRUE(send(board, HomeSeat{}).accepted);
    EXPECT_EQ(board.status().motion, SeatMotion::Homing);
    const auto homed = run_until_event(board, settings, 10s);
    ASSERT_TRUE(homed && std::holds_alternative<SeatHomed>(*homed));
    EXPECT_EQ(std::get<SeatHomed>(*homed).position_mm, settings.seat.min_mm);

    const std::uint16_t target = settings.seat.min_mm + 60;
    ASSERT_TRUE(send(board, MoveSeat{target}, 2).accepted);
    EXPECT_EQ(board.status().motion, SeatMotion::Moving);
    const auto expected_time = std::chrono::milliseconds(static_cast<int>(60.0 / settings.speed_mm_per_s * 1000));
    board.advance(expected_time / 2);
    EXPECT_FALSE(board.take_event()) << "half way there";
    const auto reached = run_until_event(board, settings, expected_time);
    ASSERT_TRUE(reached && std::holds_alternative<SeatReached>(*reached));
    EXPECT_EQ(std::get<SeatReached>(*reached).position_mm, target);
    EXPECT_EQ(board.status().seat_mm, target);
    EXPECT_EQ(board.status().motion, SeatMotion::Idle);
    EXPECT_EQ(board.status().last_command_sequence, 2);
}

TEST(LightseatBoardModel, RepeatedMoveToWhereTheSeatIsReportsArrivalAtOnce)
{
    const auto settings = board_settings();
    BoardModel board(settings);
    send(board, HomeSeat{});
    run_until_event(board, settings, 10s);
    ASSERT_TRUE(send(board, MoveSeat{settings.seat.min_mm}).accepted);
    const auto event = next_event(board);
    ASSERT_TRUE(event && std::holds_alternative<SeatReached>(*event));
}

TEST(LightseatBoardModel, StallsImpossibleCommandsAndChangesNothing)
{
    const auto settings = board_settings();
    BoardModel board(settings);
    send(board, HomeSeat{});
    run_until_event(board, settings, 10s);
    const auto before = board.status();

    EXPECT_FALSE(send(board, MoveSeat{static_cast<std::uint16_t>(settings.seat.max_mm + 1)}).accepted);
    EXPECT_FALSE(send(board, MoveSeat{static_cast<std::uint16_t>(settings.seat.min_mm - 1)}).accepted);
    auto lights = encode_frame(encode_command(SetLights{{0, 0, 0}}, 5));
    lights[5] = 0xE9; // key left 1001 per mille
    lights[6] = 0x03;
    EXPECT_FALSE(board.handle_command(0x01, lights).accepted) << "bad checksum";
    const std::uint16_t crc = crc16_ccitt_false(std::span(lights).first(lights.size() - 2));
    lights[lights.size() - 2] = static_cast<std::uint8_t>(crc & 0xFF);
    lights[lights.size() - 1] = static_cast<std::uint8_t>(crc >> 8);
    const auto too_bright = board.handle_command(0x01, lights);
    EXPECT_FALSE(too_bright.accepted);
    EXPECT_NE(too_bright.reason.find("value out of range"), std::string::npos) << too_bright.reason;
    const std::vector<std::uint8_t> garbage{0x00, 0x13, 0x37};
    EXPECT_FALSE(board.handle_command(0x01, garbage).accepted);
    EXPECT_FALSE(board.handle_command(request_code(HomeSeat{}), encode_frame(encode_command(SetLights{}, 1))).accepted)
        << "frame type must match bRequest";
    EXPECT_EQ(board.status(), before);
}

TEST(LightseatBoardModel, OccupancyChangesAreEvents)
{
    BoardModel board(board_settings());
    board.set_occupied(true);
    board.set_occupied(true);
    auto event = next_event(board);
    ASSERT_TRUE(event && std::holds_alternative<OccupancyChanged>(*event));
    EXPECT_TRUE(std::get<OccupancyChanged>(*event).occupied);
    EXPECT_FALSE(board.take_event()) << "no event without a change";
    EXPECT_TRUE(board.status().occupied);
}

TEST(LightseatBoardModel, StallLatchesAFaultAndNeedsHomingAgain)
{
    const auto settings = board_settings();
    BoardModel board(settings);
    send(board, HomeSeat{});
    run_until_event(board, settings, 10s);
    send(board, MoveSeat{settings.seat.max_mm});
    board.advance(200ms);
    board.stall_motor();
    auto event = next_event(board);
    ASSERT_TRUE(event && std::holds_alternative<FaultsChanged>(*event));
    EXPECT_TRUE(std::get<FaultsChanged>(*event).faults.motor_stall);
    EXPECT_EQ(board.status().motion, SeatMotion::NotHomed);

    const auto refused = send(board, HomeSeat{});
    EXPECT_FALSE(refused.accepted);
    EXPECT_NE(refused.reason.find("motor stall"), std::string::npos);
    ASSERT_TRUE(send(board, ClearFaults{}).accepted);
    event = next_event(board);
    ASSERT_TRUE(event && std::holds_alternative<FaultsChanged>(*event));
    EXPECT_FALSE(std::get<FaultsChanged>(*event).faults.any());
    EXPECT_FALSE(send(board, MoveSeat{500}).accepted) << "homed position was lost";
    EXPECT_TRUE(send(board, HomeSeat{}).accepted);
}

TEST(LightseatBoardModel, OverTemperatureStopsTheSeatButKeepsTheLights)
{
    const auto settings = board_settings();
    BoardModel board(settings);
    send(board, HomeSeat{});
    run_until_event(board, settings, 10s);
    send(board, MoveSeat{settings.seat.max_mm});
    board.advance(100ms);
    board.set_over_temperature(true);
    EXPECT_EQ(board.status().motion, SeatMotion::Idle);
    const auto where = board.status().seat_mm;
    board.advance(1s);
    EXPECT_EQ(board.status().seat_mm, where);
    EXPECT_TRUE(board.status().faults.over_temperature);
    EXPECT_TRUE(send(board, SetLights{{500, 500, 800}}).accepted);
    EXPECT_EQ(board.status().lights, (LightLevels{500, 500, 800}));
}

TEST(LightseatBoardModel, APowerLossDarkensTheLampsAndForgetsTheHomedSeat)
{
    const auto settings = board_settings();
    BoardModel board(settings);
    send(board, HomeSeat{});
    run_until_event(board, settings, 10s);
    ASSERT_TRUE(send(board, SetLights{{600, 600, 700}}).accepted);
    ASSERT_TRUE(send(board, MoveSeat{settings.seat.max_mm}, 7).accepted);
    board.advance(200ms);
    board.set_occupied(true);
    const auto where = board.status().seat_mm;

    board.lose_power();
    const auto after = board.status();
    EXPECT_EQ(after.lights, LightLevels{}) << "the lamps start dark";
    EXPECT_EQ(after.motion, SeatMotion::NotHomed);
    EXPECT_EQ(after.seat_mm, where) << "the seat stops where the power left it";
    EXPECT_EQ(after.target_mm, where);
    EXPECT_EQ(after.last_command_sequence, 0);
    EXPECT_TRUE(after.occupied) << "the citizen still sits on the seat";
    EXPECT_FALSE(board.take_event()) << "the occupancy event queued before was lost with the power";
    board.advance(1s);
    EXPECT_EQ(board.status().seat_mm, where);
    EXPECT_FALSE(send(board, MoveSeat{500}).accepted) << "a restarted board must be homed again";
    EXPECT_TRUE(send(board, HomeSeat{}).accepted);
}

TEST(LightseatSettings, ShippedControllerSettingsLoad)
{
    const auto s = ControllerSettings::load(config_dir() / "lightseat" / "controller.json");
    EXPECT_EQ(s.vendor_id, 0x1209);
    EXPECT_EQ(s.product_id, 0x4c53);
    EXPECT_GT(s.control_timeout.count(), 0);
    EXPECT_LE(s.reconnect.delay(100), s.reconnect.maximum);
    EXPECT_EQ(s.reconnect.delay(0), s.reconnect.initial);
}

TEST(LightseatSettings, BadValuesNameTheField)
{
    const kiosk::test::TestFolder folder("kiosk-lightseat-settings");
    const auto file = folder.path() / "controller.json";
    std::ofstream(file) << R"({"usb": {"vendor_id": "12g9", "product_id": "0x4c53"}, "timeouts": {"control_ms": 500,
        "event_poll_ms": 1000, "timeouts_before_fault": 2}, "reconnect": {"initial_ms": 100, "max_ms": 2000,
        "factor": 2.0}, "seat": {"min_mm": 380, "max_mm": 620}})";
    try {
        ControllerSettings::load(file);
        FAIL() << "a bad vendor id was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("vendor_id"), std::string::npos) << e.what();
    }
}

} // namespace
} // namespace kiosk::lightseat
