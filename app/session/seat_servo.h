#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "lightseat/lightseat_settings.h"

namespace kiosk::session {

// How the seat follows the citizen's eyes (config/session.json "seat"; the
// end stops come from config/lightseat/controller.json).
struct SeatServoSettings {
    // Seat travel that moves the eyes by one full frame height. The true figure
    // depends on how far the citizen sits from the camera; an error of a few
    // tens of percent only costs an extra step, since each step re-measures.
    double mm_per_frame_height = 0;
    std::uint16_t dead_band_mm = 0;  // closer than this is close enough: no move
    std::uint16_t max_step_mm = 0;   // the most one command moves the seat
    lightseat::SeatTravel travel;
    std::chrono::milliseconds min_interval{0}; // between two MoveSeat commands
};

// The seat height that brings the eyes to where the crop plan wants them.
// `eye_offset` is how far the document's crop window sits below the middle of
// the frame, as a fraction of the frame height (negative: above); raising the
// seat lifts the head in the picture. Empty when no move is worth making
// (within the dead band, or pressed against an end stop).
std::optional<std::uint16_t> seat_target(const SeatServoSettings& settings, std::uint16_t seat_mm,
                                         double eye_offset);

} // namespace kiosk::session
