#pragma once

#include <chrono>
#include <filesystem>
#include <stop_token>
#include <vector>

#include "calibration/calibration_report.h"
#include "calibration/seat_calibration.h"
#include "camera/camera_source.h"
#include "lightseat/lightseat_controller.h"
#include "vision/models.h"

namespace kiosk::calibration {

// The "seat_eye_line" section of config/calibration/calibration.json.
struct EyeLineSettings {
    // Seat heights to measure at, as fractions of the travel between the stops.
    std::vector<double> heights;
    // The eye line is measured in frames taken this long after the seat stopped.
    std::chrono::milliseconds settle{0};
    std::chrono::milliseconds frame_timeout{0};
    std::chrono::milliseconds move_timeout{0};
    // Heights with a face found, at least; and the fitted line's worst miss.
    int min_points = 0;
    double max_residual_px = 0;
};

// Throws ConfigError naming the field.
EyeLineSettings load_eye_line_settings(const std::filesystem::path& calibration_json);

// The seat procedure's second part, with the technician seated: the seat
// goes to each height, the camera's next settled frame is searched for the
// face and its pupils' mean height taken as the eye line, and a straight
// line through (seat mm, eye line px) gives the px per mm the seat servo
// steers by. Fails with too few faces found or a poor fit. `stops` are the
// ones find_stops() measured; the camera must be streaming. Blocks; `cancel`
// is looked at between heights and while waiting for the seat or a frame,
// and ends the run with an Error report.
class EyeLineMap {
public:
    EyeLineMap(lightseat::LightSeatController& controller, const camera::CameraSource& camera,
               const vision::Models& models, EyeLineSettings settings);

    ProcedureReport measure(const SeatStops& stops, const SeatCalibration::ProgressHandler& progress = {},
                            std::stop_token cancel = {});

    // Frame pixels per mm of seat travel, set by a measure() that passed;
    // negative when raising the seat moves the eyes up the frame.
    std::optional<double> eye_px_per_mm() const { return slope_; }

private:
    lightseat::LightSeatController& controller_;
    const camera::CameraSource& camera_;
    const vision::Models& models_;
    EyeLineSettings settings_;
    std::optional<double> slope_;
};

} // namespace kiosk::calibration
