#pragma once

#include <mutex>
#include <string>

#include "lightseat/lightseat_controller.h"

namespace kiosk::lightseat {

// A controller's state with its reason, and the handler that hears the news:
// kept and told the same way by every backend.
class ControllerStatus {
public:
    ControllerState state() const;
    std::string message() const;
    void set_handler(ControllerEventHandler handler);

    // Records the state; true when it is news (another state, or the same
    // state for another reason) that the caller should tell.
    bool record(ControllerState state, const std::string& message);
    // Runs the handler, if any, on the calling thread, outside the lock so
    // the handler may ask for the state.
    void tell(const ControllerEvent& event) const;

private:
    mutable std::mutex mutex_;
    ControllerState state_ = ControllerState::Stopped;
    std::string message_;
    ControllerEventHandler handler_;
};

} // namespace kiosk::lightseat
