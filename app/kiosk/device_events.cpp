#include "kiosk/device_events.h"

namespace kiosk::runtime {

std::optional<session::Event> session_event(const camera::CameraEvent& event)
{
    using camera::CameraState;
    switch (event.state) {
    case CameraState::Streaming:
        return session::DeviceChanged{session::Device::Camera, true, ""};
    case CameraState::Unavailable:
    case CameraState::Failed:
        return session::DeviceChanged{session::Device::Camera, false, "device.camera_unavailable"};
    case CameraState::Stopped:
    case CameraState::Starting:
        break;
    }
    return std::nullopt;
}

namespace {

struct ControllerNews {
    std::optional<session::Event> operator()(const lightseat::StateChanged& changed) const
    {
        using lightseat::ControllerState;
        switch (changed.state) {
        case ControllerState::Ready:
            return session::DeviceChanged{session::Device::Controller, true, ""};
        case ControllerState::Searching:
        case ControllerState::Faulted:
            return session::DeviceChanged{session::Device::Controller, false, "device.controller_unavailable"};
        case ControllerState::Stopped:
        case ControllerState::Initialising:
            break;
        }
        return std::nullopt;
    }
    std::optional<session::Event> operator()(const lightseat::SeatReached& reached) const
    {
        return session::SeatChanged{reached.position_mm, false};
    }
    std::optional<session::Event> operator()(const lightseat::SeatHomed& homed) const
    {
        return session::SeatChanged{homed.position_mm, false};
    }
    std::optional<session::Event> operator()(const lightseat::OccupancyChanged& occupancy) const
    {
        return session::OccupancyChanged{occupancy.occupied};
    }
    std::optional<session::Event> operator()(const lightseat::FaultsChanged& faults) const
    {
        // A stalled motor or a hot lamp: the seat and lights stop helping, the visit goes on.
        return session::DeviceChanged{session::Device::Controller, !faults.faults.any(),
                                      faults.faults.any() ? "device.controller_unavailable" : ""};
    }
};

} // namespace

std::optional<session::Event> session_event(const lightseat::ControllerEvent& event)
{
    return std::visit(ControllerNews{}, event);
}

} // namespace kiosk::runtime
