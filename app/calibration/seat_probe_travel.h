#pragma once

#include "calibration/seat_calibration_settings.h"
#include "lightseat/lightseat_controller.h"

namespace kiosk::calibration {

// The seat procedure's calibration mode on a controller that is already open
// (the kiosk's own; a board takes one host): while it lives the host lets
// seat moves through up to the probe margin beyond the configured travel, and
// when it goes, however the run ended (passed, failed, stalled, cancelled,
// thrown), the controller's travel is put back as it was found.
class WidenedSeatTravel {
public:
    WidenedSeatTravel(lightseat::LightSeatController& controller, lightseat::SeatTravel configured,
                      const SeatCalibrationSettings& settings);
    ~WidenedSeatTravel();
    WidenedSeatTravel(const WidenedSeatTravel&) = delete;
    WidenedSeatTravel& operator=(const WidenedSeatTravel&) = delete;

private:
    lightseat::LightSeatController& controller_;
    const lightseat::SeatTravel found_;
};

} // namespace kiosk::calibration
