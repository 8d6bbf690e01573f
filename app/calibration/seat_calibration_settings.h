#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

#include "lightseat/lightseat_settings.h"

namespace kiosk::calibration {

// The "seat" section of config/calibration/calibration.json: how far and how
// carefully the seat procedure looks for the real end stops.
struct SeatCalibrationSettings {
    // The board's stops may lie this far beyond the host's configured travel.
    int probe_margin_mm = 0;
    // Beyond the configured travel the seat goes out in steps this long; a
    // refused step is then narrowed down by halving.
    int probe_step_mm = 0;
    // Less travel than this between the stops fails the procedure.
    int min_travel_mm = 0;
    // One move or homing may take this long before the seat counts as stuck.
    std::chrono::milliseconds move_timeout{0};
    // The whole procedure, bounded so a technician is never left waiting.
    std::chrono::milliseconds time_budget{0};
    // How often the board's status is read while the seat moves.
    std::chrono::milliseconds poll_interval{0};
    // A stalled motor rests this long before its fault is cleared.
    std::chrono::milliseconds stall_rest{0};
    // Stalls the procedure clears and re-homes after; one more fails it.
    int max_stall_recoveries = 0;
};

// Throws ConfigError naming the field.
SeatCalibrationSettings load_seat_calibration_settings(const std::filesystem::path& calibration_json);

// The seat travel widened by the probe margin: calibration mode, in which
// the host lets moves beyond its configured stops through so that the board
// itself says where they are.
lightseat::SeatTravel widened_for_probing(lightseat::SeatTravel configured, const SeatCalibrationSettings& seat);
// The host driver's settings with their seat travel so widened.
lightseat::ControllerSettings widened_for_probing(lightseat::ControllerSettings settings,
                                                  const SeatCalibrationSettings& seat);

} // namespace kiosk::calibration
