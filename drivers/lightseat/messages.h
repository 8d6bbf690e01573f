#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "lightseat/frame.h"

namespace kiosk::lightseat {

// The payloads PROTOCOL.md defines, as types. Decoding checks sizes and
// ranges so that a value the board could never send is caught here, not in
// the seat logic.

inline constexpr std::uint16_t max_light_level = 1000;

struct LightLevels {
    std::uint16_t key_left = 0;
    std::uint16_t key_right = 0;
    std::uint16_t background = 0;
    bool operator==(const LightLevels&) const = default;
};

enum class SeatMotion : std::uint8_t { Idle = 0, Moving = 1, Homing = 2, NotHomed = 3 };

struct Faults {
    bool motor_stall = false;
    bool over_temperature = false;
    bool any() const { return motor_stall || over_temperature; }
    bool operator==(const Faults&) const = default;
};

std::string describe(const Faults& faults);

struct DeviceStatus {
    LightLevels lights;
    std::uint16_t seat_mm = 0;
    std::uint16_t target_mm = 0;
    SeatMotion motion = SeatMotion::NotHomed;
    bool occupied = false;
    Faults faults;
    std::uint8_t last_command_sequence = 0;
    bool operator==(const DeviceStatus&) const = default;
};

// Commands, host to board.
struct SetLights { LightLevels levels; };
struct MoveSeat { std::uint16_t target_mm = 0; };
struct HomeSeat {};
struct ClearFaults {};
using Command = std::variant<SetLights, MoveSeat, HomeSeat, ClearFaults>;

// Events, board to host, on the interrupt endpoint.
struct SeatReached { std::uint16_t position_mm = 0; };
struct OccupancyChanged { bool occupied = false; };
struct FaultsChanged { Faults faults; };
struct SeatHomed { std::uint16_t position_mm = 0; };
using DeviceEvent = std::variant<SeatReached, OccupancyChanged, FaultsChanged, SeatHomed>;

// The USB bRequest that carries a command (PROTOCOL.md, "USB layout").
std::uint8_t request_code(const Command& command);
inline constexpr std::uint8_t get_status_request = 0x10;

Frame encode_command(const Command& command, std::uint8_t sequence);
Frame encode_status(const DeviceStatus& status, std::uint8_t sequence);
Frame encode_event(const DeviceEvent& event, std::uint8_t sequence);

// A decoded payload or, when the frame is not what was expected, why.
template <typename T>
struct Decoded {
    std::optional<T> value;
    std::string reason;
};

// Each accepts only the frame types that may arrive in that place: a status
// answer must be a Status frame, an event must be one of the event types.
Decoded<Command> decode_command(const Frame& frame);
Decoded<DeviceStatus> decode_status(const Frame& frame);
Decoded<DeviceEvent> decode_event(const Frame& frame);

} // namespace kiosk::lightseat
