#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "calibration/calibration_report.h"
#include "camera/camera_controls.h"
#include "lightseat/messages.h"

namespace kiosk::calibration {

// The seat as the technician measured it: where it can really go, and how a
// seat movement moves the citizen's eye line in the camera's frame (the seat
// servo uses it instead of guessing).
struct SeatMap {
    std::uint16_t lower_stop_mm = 0;
    std::uint16_t upper_stop_mm = 0;
    // Eye line moves this many frame pixels (at the live frame size) per mm of
    // seat travel; negative when raising the seat moves the eyes up the frame.
    double eye_px_per_mm = 0.0;
};

// What calibration leaves behind for the kiosk to work with. Each part is
// optional: a profile may be made by one procedure and keep the others' parts
// from the profile before it.
struct CalibrationProfile {
    std::string id;                   // unique, sortable: "<UTC time>-<version>"
    int version = 0;                  // 1, 2, ... per kiosk
    std::chrono::system_clock::time_point created;
    std::string technician;           // who made it (a technician id, never a citizen)

    std::optional<camera::CameraControls> camera;
    std::optional<lightseat::LightLevels> lights;
    std::optional<SeatMap> seat;
    // The empty booth, stored beside the profile (a PNG in the profile's folder).
    std::optional<std::filesystem::path> background_plate;

    std::vector<ProcedureReport> reports; // the runs that made it
};

} // namespace kiosk::calibration
