#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lightseat/lightseat_settings.h"
#include "lightseat/messages.h"

namespace kiosk::lightseat {

// What the board answers to a control OUT: accepted, or a stall with the
// reason the firmware would log.
struct CommandAnswer {
    bool accepted = false;
    std::string reason;
};

// The studio board's firmware as a model: it speaks PROTOCOL.md frame by
// frame, moves the seat with the configured speed between its end stops and
// raises events as the real board does. The USB emulation in tests and
// lightseat-sim put it behind usbdevfs; nothing here knows about USB
// transfers. Not thread-safe: its owner serialises calls.
class BoardModel {
public:
    explicit BoardModel(const BoardSettings& settings);

    // A control OUT with `request` as bRequest and `data` as its data stage.
    CommandAnswer handle_command(std::uint8_t request, std::span<const std::uint8_t> data);
    // The data stage of GET_STATUS.
    std::vector<std::uint8_t> status_frame();
    DeviceStatus status() const;

    // Runs the motor for `elapsed` of simulated time.
    void advance(std::chrono::milliseconds elapsed);
    // The oldest event frame not yet sent on the interrupt endpoint.
    std::optional<std::vector<std::uint8_t>> take_event();

    // The physical world acting on the board.
    void set_occupied(bool occupied);
    // The motor blocks (a bag under the seat): it stops and forgets its homed
    // position, as a stalled stepper has lost count of its steps.
    void stall_motor();
    void set_over_temperature(bool hot);
    // The board's supply goes and comes back (a bus-powered board whose cable
    // was pulled): the firmware starts afresh with the lamps off and the seat
    // stopped where it was, its homed position forgotten, its event queue and
    // latched stall gone. The sensors read the world as it is.
    void lose_power();

private:
    void queue_event(const DeviceEvent& event);
    CommandAnswer apply(const Command& command);

    BoardSettings settings_;
    LightLevels lights_;
    double seat_mm_;
    std::uint16_t target_mm_;
    SeatMotion motion_ = SeatMotion::NotHomed;
    bool homed_ = false;
    bool occupied_ = false;
    Faults faults_;
    std::uint8_t last_command_sequence_ = 0;
    std::uint8_t next_event_sequence_ = 0;
    std::uint8_t next_status_sequence_ = 0;
    std::deque<std::vector<std::uint8_t>> events_;
};

} // namespace kiosk::lightseat
