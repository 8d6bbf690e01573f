#pragma once

#include <chrono>
#include <filesystem>

namespace kiosk::runtime {

// The "screen" section of config/calibration/calibration.json: procedures
// run from the kiosk's technician menu rather than from kioskctl.
struct TechnicianDeskSettings {
    // The menu's progress line is sent at most once per interval: a procedure
    // measuring every frame would otherwise redraw the screen 30 times a second.
    std::chrono::milliseconds progress_interval{100};
    // The seat procedure maps the eye line too (the technician sits down
    // after touching it): the seat servo's travel per frame height comes from it.
    bool seat_eye_line = true;
};

// Throws ConfigError naming the field.
TechnicianDeskSettings load_technician_desk_settings(const std::filesystem::path& calibration_json);

} // namespace kiosk::runtime
