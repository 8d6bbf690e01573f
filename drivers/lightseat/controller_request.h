#pragma once

#include <future>
#include <optional>

#include "lightseat/lightseat_controller.h"
#include "lightseat/lightseat_settings.h"

namespace kiosk::lightseat {

// Something a caller asked of the board, waiting on the driver's thread for
// its answer: a command, or (without one) a status read. Shared by every
// backend so each answers the same situation with the same outcome.
struct ControllerRequest {
    std::optional<Command> command;
    std::promise<CommandOutcome> done;
    std::promise<std::optional<DeviceStatus>> status;

    // The answer when there is no ready board: "not connected", or no status.
    void fail();
};

// True when the host refuses the command itself (CommandOutcome::OutOfRange)
// because a value lies outside what PROTOCOL.md or the settings allow: the
// board never sees it.
bool out_of_range(const Command& command, const SeatTravel& seat);

// A future that already holds its outcome, for answers the host gives at once.
std::future<CommandOutcome> answered(CommandOutcome outcome);

} // namespace kiosk::lightseat
