#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "calibration/calibration_profile.h"
#include "calibration/calibration_report.h"
#include "calibration/seat_calibration.h"
#include "calibration/self_test.h"

namespace kiosk::ctl {

// Where `kioskctl calibrate` finds the kiosk's devices and settings.
struct CalibrateSetup {
    std::filesystem::path config;           // the config folder
    std::filesystem::path calibration_json; // the calibration settings
    std::filesystem::path state_dir;
    std::string kiosk_id;
    std::string printer;                    // config/printer/<name>.json
    std::string camera;                     // "libcamera" or "replay"; empty: camera.json's
    std::string footage;                    // the replay camera's; empty: camera.json's
    bool eye_line = false;                  // seat: map the eye line too (technician seated)
};

// What a procedure run leaves for printing and saving.
struct CalibrationRun {
    calibration::ProcedureReport report;
    std::vector<calibration::SelfTestRow> rows;   // self-test only
    std::optional<calibration::SeatStops> stops;  // seat, when it passed
    std::optional<double> eye_px_per_mm;          // seat with the eye line, when it passed
    // The camera procedures' results for a profile, when they passed.
    std::optional<camera::CameraControls> camera;
    std::optional<lightseat::LightLevels> lights;
    std::optional<std::filesystem::path> background_plate;   // a PNG in the state folder
};

// Each opens the devices it needs as the kiosk would (the board on USB with
// the real driver, the configured printer, the configured camera), runs the
// procedure the screens run and closes them again.
CalibrationRun calibrate_seat(const CalibrateSetup& setup, const calibration::SeatCalibration::ProgressHandler& progress);
CalibrationRun check_printer(const CalibrateSetup& setup);
CalibrationRun self_test(const CalibrateSetup& setup);
// The camera procedures of app/calibration/background_plate.h, exposure.h and
// light_balance.h on the configured camera (and board).
CalibrationRun capture_background(const CalibrateSetup& setup, const calibration::SeatCalibration::ProgressHandler& progress);
CalibrationRun set_exposure(const CalibrateSetup& setup, const calibration::SeatCalibration::ProgressHandler& progress);
CalibrationRun balance_lights(const CalibrateSetup& setup, const calibration::SeatCalibration::ProgressHandler& progress);

} // namespace kiosk::ctl
