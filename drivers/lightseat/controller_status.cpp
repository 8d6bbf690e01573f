#include "lightseat/controller_status.h"

namespace kiosk::lightseat {

ControllerState ControllerStatus::state() const
{
    std::lock_guard lock(mutex_);
    return state_;
}

std::string ControllerStatus::message() const
{
    std::lock_guard lock(mutex_);
    return message_;
}

void ControllerStatus::set_handler(ControllerEventHandler handler)
{
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
}

bool ControllerStatus::record(ControllerState state, const std::string& message)
{
    std::lock_guard lock(mutex_);
    if (state_ == state && message_ == message)
        return false;
    state_ = state;
    message_ = message;
    return true;
}

void ControllerStatus::tell(const ControllerEvent& event) const
{
    ControllerEventHandler handler;
    {
        std::lock_guard lock(mutex_);
        handler = handler_;
    }
    if (handler)
        handler(event);
}

} // namespace kiosk::lightseat
