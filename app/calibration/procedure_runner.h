#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "calibration/booth_procedure.h"
#include "calibration/calibration_profile.h"
#include "calibration/calibration_report.h"
#include "calibration/seat_calibration.h"
#include "calibration/self_test.h"
#include "camera/camera_source.h"
#include "lightseat/lightseat_controller.h"
#include "lightseat/lightseat_settings.h"
#include "printer/printer.h"

namespace kiosk::vision {
class Models;
}

namespace kiosk::calibration {

// The booth's devices as whoever runs a procedure holds them: the kiosk its
// own (already open for the citizens), `kioskctl calibrate` the ones it opened
// for the run. The camera is streaming and the controller started. A null
// device is one this front end does not have; a procedure that needs it
// reports an error saying so.
struct BoothDevices {
    camera::CameraSource* camera = nullptr;
    lightseat::LightSeatController* controller = nullptr;
    lightseat::SeatTravel seat_travel;          // the configured travel (controller.json)
    printer::Printer* printer = nullptr;
    std::string printer_queue;                  // the name the test slip's report shows
    std::string printer_paper;                  // the slip layout the test slip is laid out for ("80mm")
    const vision::Models* models = nullptr;
    // Asks the review service something harmless (self-test); empty: not checked.
    std::function<void()> upload_probe;
};

// Everything a run needs besides the devices.
struct ProcedureSetup {
    std::filesystem::path config;               // the config folder
    std::filesystem::path calibration_json;     // config/calibration/calibration.json
    std::filesystem::path state_dir;            // the kiosk's state folder
    std::string kiosk_id;
    bool eye_line = false;                      // seat: map the eye line too (technician seated)
    ProgressHandler progress;                   // may be empty
    // The levels the kiosk lights its citizens with (the active profile's, else
    // the configured ones): the lamp and camera procedures measure the booth as
    // citizens see it, not as an idle board left it (lamps off at attract).
    // Empty: as the board has them.
    std::optional<lightseat::LightLevels> working_lights;
    std::stop_token cancel;                     // stops the run between steps: an Error report, "cancelled"
};

// What one run leaves for the terminal, the screen and the profile.
struct ProcedureRun {
    ProcedureReport report;
    std::vector<SelfTestRow> rows;              // self-test only
    std::optional<SeatStops> stops;             // seat, when it passed
    std::optional<double> eye_px_per_mm;        // seat with the eye line, when it passed
    std::optional<camera::CameraControls> camera;
    std::optional<lightseat::LightLevels> lights;
    std::optional<std::filesystem::path> background_plate; // a PNG in the state folder
};

// The procedure names the menu and `kioskctl calibrate` know, in menu order:
// background_plate, exposure, light_balance, seat, printer, self_test.
const std::vector<std::string>& procedure_names();

// Runs one procedure by name on `devices`; the same code for both front ends.
// An unknown name, a missing device or an exception from a driver comes back
// as an Error report with the reason, never as a throw.
ProcedureRun run_procedure(const std::string& procedure, BoothDevices& devices, const ProcedureSetup& setup);

// What a passing run changes in the draft of the next profile (its part:
// camera controls, light levels, seat map, plate), and the run's report in
// place of that procedure's earlier one. Returns false, leaving the draft as
// it was, when the run did not pass or changes nothing worth a new profile
// (printer, self-test).
bool record_run(const ProcedureRun& run, CalibrationProfile& draft);

} // namespace kiosk::calibration
