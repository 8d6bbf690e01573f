#pragma once

#include <filesystem>
#include <string>

#include "calibration/procedure_runner.h"
#include "camera/camera_choice.h"

namespace kiosk::ctl {

// Where `kioskctl calibrate` finds the kiosk's devices and settings.
struct CalibrateSetup {
    std::filesystem::path config;           // the config folder
    std::filesystem::path calibration_json; // the calibration settings
    std::filesystem::path state_dir;
    std::string kiosk_id;
    std::string printer;                    // config/printer/<name>.json
    camera::CameraChoice camera;            // the kiosk profile's, with kioskctl's overrides
    std::filesystem::path faces;            // the photo set the replay camera's footage is named in
    bool eye_line = false;                  // seat: map the eye line too (technician seated)
    std::optional<lightseat::LightLevels> working_lights; // the active profile's: see calibration::ProcedureSetup
};

// Opens the devices `procedure` (one of calibration::procedure_names()) uses
// as the kiosk would (the board on USB with the real driver, the configured
// camera filming it through the booth mirror, the configured printer), runs
// it with the code the calibration screens run and closes them again.
calibration::ProcedureRun run_calibration(const std::string& procedure, const CalibrateSetup& setup,
                                          const calibration::ProgressHandler& progress);

} // namespace kiosk::ctl
