#include "camera/camera_status.h"

#include <spdlog/spdlog.h>

namespace kiosk::camera {

CameraStatus::CameraStatus(std::string source_name) : source_name_(std::move(source_name)) {}

void CameraStatus::set_handler(CameraEventHandler handler)
{
    std::lock_guard lock(handler_mutex_);
    handler_ = std::move(handler);
}

void CameraStatus::report(CameraState state, const std::string& message)
{
    std::lock_guard order(handler_mutex_);
    {
        std::lock_guard lock(mutex_);
        if (current_.state == state && current_.message == message)
            return;
        current_ = CameraEvent{state, message};
    }
    if (state == CameraState::Failed || state == CameraState::Unavailable)
        spdlog::warn("camera {}: {}: {}", source_name_, to_string(state), message);
    else
        spdlog::info("camera {}: {}{}{}", source_name_, to_string(state), message.empty() ? "" : ": ", message);
    if (handler_)
        handler_(CameraEvent{state, message});
}

CameraState CameraStatus::state() const
{
    std::lock_guard lock(mutex_);
    return current_.state;
}

std::string CameraStatus::message() const
{
    std::lock_guard lock(mutex_);
    return current_.message;
}

} // namespace kiosk::camera
