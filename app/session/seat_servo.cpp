#include "session/seat_servo.h"

#include <algorithm>
#include <cmath>

namespace kiosk::session {

std::optional<std::uint16_t> seat_target(const SeatServoSettings& settings, std::uint16_t seat_mm, double eye_offset)
{
    const double wanted_move = eye_offset * settings.mm_per_frame_height;
    if (!std::isfinite(wanted_move) || std::abs(wanted_move) < settings.dead_band_mm)
        return std::nullopt;
    const double step = std::clamp(wanted_move, -static_cast<double>(settings.max_step_mm),
                                   static_cast<double>(settings.max_step_mm));
    const double target = std::clamp(std::round(seat_mm + step), static_cast<double>(settings.travel.min_mm),
                                     static_cast<double>(settings.travel.max_mm));
    const auto target_mm = static_cast<std::uint16_t>(target);
    if (target_mm == seat_mm)
        return std::nullopt;
    return target_mm;
}

} // namespace kiosk::session
