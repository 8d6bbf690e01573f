#include "calibration/seat_calibration_settings.h"

#include <algorithm>

#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::calibration {

SeatCalibrationSettings load_seat_calibration_settings(const std::filesystem::path& calibration_json)
{
    const auto json = load_json_file(calibration_json);
    const JsonFields seat = JsonFields(calibration_json.string(), json).child("seat");
    SeatCalibrationSettings s;
    s.probe_margin_mm = seat.whole_number("probe_margin_mm", 1, 500);
    s.probe_step_mm = seat.whole_number("probe_step_mm", 1, 200);
    if (s.probe_step_mm > s.probe_margin_mm)
        seat.fail("probe_step_mm", "is longer than probe_margin_mm");
    s.min_travel_mm = seat.whole_number("min_travel_mm", 1, 2000);
    s.move_timeout = seat.millis("move_timeout_ms");
    s.time_budget = seat.millis("time_budget_ms");
    if (s.time_budget < s.move_timeout)
        seat.fail("time_budget_ms", "is shorter than move_timeout_ms");
    s.poll_interval = seat.millis("poll_ms");
    s.stall_rest = seat.millis("stall_rest_ms");
    s.max_stall_recoveries = seat.whole_number("max_stall_recoveries", 0, 10);
    return s;
}

lightseat::SeatTravel widened_for_probing(lightseat::SeatTravel configured, const SeatCalibrationSettings& seat)
{
    const int lower = std::max(0, configured.min_mm - seat.probe_margin_mm);
    const int upper = std::min(0xFFFF, configured.max_mm + seat.probe_margin_mm);
    return {static_cast<std::uint16_t>(lower), static_cast<std::uint16_t>(upper)};
}

lightseat::ControllerSettings widened_for_probing(lightseat::ControllerSettings settings,
                                                  const SeatCalibrationSettings& seat)
{
    settings.seat = widened_for_probing(settings.seat, seat);
    return settings;
}

} // namespace kiosk::calibration
