#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "lightseat/lightseat_settings.h"
#include "lightseat/messages.h"

namespace kiosk::lightseat {

enum class ControllerState {
    Stopped,      // not started, or stopped on request
    Searching,    // no board: none found yet, or it was unplugged; retrying with backoff
    Initialising, // opened; reading the status before accepting commands
    Ready,
    // The board answered something PROTOCOL.md does not allow (or stopped
    // answering). The message says what; the driver re-initialises it after
    // the reconnect backoff.
    Faulted,
};

std::string_view to_string(ControllerState state);

struct StateChanged {
    ControllerState state = ControllerState::Stopped;
    std::string message;
};

// What the driver reports: its own state, and the board's events.
using ControllerEvent = std::variant<StateChanged, SeatReached, OccupancyChanged, FaultsChanged, SeatHomed>;
// Runs on the driver's USB event thread; keep it short and never call stop()
// from inside it.
using ControllerEventHandler = std::function<void(const ControllerEvent&)>;

enum class CommandOutcome {
    Done,
    Rejected,     // the board stalled it: not possible now (see PROTOCOL.md)
    TimedOut,
    NotConnected, // no ready board; the wish is kept and sent when one is ready
    OutOfRange,   // refused by the host: a value the settings rule out
};

std::string_view to_string(CommandOutcome outcome);

// The studio lights and the motorised seat, whatever the backend. Every call
// returns at once; results arrive through the futures and events.
class LightSeatController {
public:
    virtual ~LightSeatController() = default;

    // Starts looking for the board; a missing board is a state, not an error.
    virtual void start() = 0;
    // Cancels transfers, closes the device and joins the driver's thread.
    virtual void stop() = 0;

    std::future<CommandOutcome> set_lights(const LightLevels& levels) { return send(SetLights{levels}); }
    std::future<CommandOutcome> move_seat(std::uint16_t target_mm) { return send(MoveSeat{target_mm}); }
    std::future<CommandOutcome> home_seat() { return send(HomeSeat{}); }
    std::future<CommandOutcome> clear_faults() { return send(ClearFaults{}); }
    // Any of the above. A backend refuses a value out of range itself and
    // keeps the light and seat wishes for a board that comes back.
    virtual std::future<CommandOutcome> send(const Command& command) = 0;
    // Reads the board's status afresh; empty when there is no ready board.
    virtual std::future<std::optional<DeviceStatus>> read_status() = 0;

    // The travel outside which the host refuses a seat move itself
    // (OutOfRange): the settings' at first. Seat calibration widens it while
    // it looks for the board's own end stops, on the controller the kiosk
    // already has open (a board takes one host), and puts it back after.
    // Safe from any thread; a move sent after the change is judged by it.
    virtual SeatTravel seat_travel() const = 0;
    virtual void set_seat_travel(SeatTravel travel) = 0;

    virtual ControllerState state() const = 0;
    virtual std::string state_message() const = 0;
    // Set before start().
    virtual void set_event_handler(ControllerEventHandler handler) = 0;
};

} // namespace kiosk::lightseat
