#include "calibration/seat_probe_travel.h"

namespace kiosk::calibration {

WidenedSeatTravel::WidenedSeatTravel(lightseat::LightSeatController& controller, lightseat::SeatTravel configured,
                                     const SeatCalibrationSettings& settings)
    : controller_(controller), found_(controller.seat_travel())
{
    controller_.set_seat_travel(widened_for_probing(configured, settings));
}

WidenedSeatTravel::~WidenedSeatTravel()
{
    controller_.set_seat_travel(found_);
}

} // namespace kiosk::calibration
