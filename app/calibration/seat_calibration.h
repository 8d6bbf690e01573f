#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>

#include "calibration/calibration_report.h"
#include "calibration/seat_calibration_settings.h"
#include "lightseat/lightseat_controller.h"

namespace kiosk::calibration {

// Where the seat can really go: the board's own end stops.
struct SeatStops {
    std::uint16_t lower_mm = 0;
    std::uint16_t upper_mm = 0;
};

// The seat procedure's first part: home the seat, then find the board's real
// end stops, which may differ from the host's configured travel.
//
// How: the homing switch sits at the lower stop, so homing gives the lower
// stop, and a move below it must be refused. Upwards the seat goes to the
// configured top, then out in probe steps until the board refuses a target
// (PROTOCOL.md: a target outside the end stops is stalled, nothing moves);
// the last reached and the first refused target are then halved down to
// 1 mm. A motor stall is taken for an obstruction, not for a stop: the motor
// rests, the fault is cleared, the seat is homed again (a stall forgets the
// homed position) and the same target is tried again; more stalls than the
// settings allow fail the procedure with the advice to clear under the seat,
// so a blocked motor is never driven again and again. Every wait is bounded
// by the move timeout and the whole run by the time budget.
//
// The controller must be started, with its seat travel widened_for_probing
// (WidenedSeatTravel), or the host would refuse the probe moves itself.
// Blocks the calling thread; `cancel` is looked at before every move and
// while waiting for one, and ends the run with an Error report (the seat
// finishes the move it was given: the board has no stop command).
class SeatCalibration {
public:
    using ProgressHandler = std::function<void(const ProcedureProgress&)>;

    SeatCalibration(lightseat::LightSeatController& controller, SeatCalibrationSettings settings,
                    lightseat::SeatTravel configured);

    // Ends with the seat parked in the middle of the stops it found.
    ProcedureReport find_stops(const ProgressHandler& progress = {}, std::stop_token cancel = {});

    // Set by a find_stops() that passed.
    std::optional<SeatStops> stops() const { return stops_; }

private:
    lightseat::LightSeatController& controller_;
    SeatCalibrationSettings settings_;
    lightseat::SeatTravel configured_;
    std::optional<SeatStops> stops_;
};

} // namespace kiosk::calibration
