#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "calibration/calibration_report.h"
#include "camera/camera_source.h"
#include "lightseat/lightseat_controller.h"
#include "lightseat/lightseat_settings.h"
#include "printer/printer.h"

namespace kiosk::calibration {

// The "self_test" section of config/calibration/calibration.json.
struct SelfTestSettings {
    double min_camera_fps = 0;                    // frames delivered per second, measured
    std::chrono::milliseconds camera_window{0};   // over this long
    std::chrono::milliseconds device_timeout{0};  // a board answer, a seat move, homing
    int seat_nudge_mm = 0;                        // the seat moves this far and back
    std::uint64_t min_free_disk_mb = 0;           // in the state folder
};

// Throws ConfigError naming the field.
SelfTestSettings load_self_test_settings(const std::filesystem::path& calibration_json);

// The devices to check; a null one is reported as not checked. The camera
// and the controller must be started.
struct SelfTestDevices {
    camera::CameraSource* camera = nullptr;
    lightseat::LightSeatController* controller = nullptr;
    lightseat::SeatTravel seat_travel;            // where the seat nudge may go
    printer::Printer* printer = nullptr;
    // Asks the review service something harmless; throws with the reason
    // when it cannot be reached. Empty: not checked.
    std::function<void()> upload_probe;
    std::filesystem::path state_dir;
};

// One line of the self-test's table.
struct SelfTestRow {
    std::string device;                  // "camera", "controller", "lights", "seat", "printer", "upload", "disk"
    Outcome outcome = Outcome::Error;
    std::string detail;                  // English, for the terminal and the log
    std::string advice_key;              // under "calibration", empty when all is well
    std::vector<Figure> figures;
};

struct SelfTestResult {
    ProcedureReport report;              // Pass when every row passed; its figures are every row's
    std::vector<SelfTestRow> rows;
};

// Checks every device in turn, each bounded in time: the camera streams at
// its rate, the board is ready without faults, the lights take new levels
// (and get their old ones back), the seat moves a little and back (or homes),
// the printer can print, the review service answers, the state folder has
// room. The report is Fail when any device fails, Error when one could not
// be checked at all and none failed.
SelfTestResult run_self_test(const SelfTestDevices& devices, const SelfTestSettings& settings);

} // namespace kiosk::calibration
