#include "lightseat/lightseat_controller.h"

namespace kiosk::lightseat {

std::string_view to_string(ControllerState state)
{
    switch (state) {
    case ControllerState::Stopped: return "stopped";
    case ControllerState::Searching: return "searching";
    case ControllerState::Initialising: return "initialising";
    case ControllerState::Ready: return "ready";
    case ControllerState::Faulted: return "faulted";
    }
    return "unknown";
}

std::string_view to_string(CommandOutcome outcome)
{
    switch (outcome) {
    case CommandOutcome::Done: return "done";
    case CommandOutcome::Rejected: return "rejected";
    case CommandOutcome::TimedOut: return "timed out";
    case CommandOutcome::NotConnected: return "not connected";
    case CommandOutcome::OutOfRange: return "out of range";
    }
    return "unknown";
}

} // namespace kiosk::lightseat
