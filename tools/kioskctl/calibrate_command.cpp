// kioskctl calibrate: the technician's calibration procedures from a
// terminal, the same code the calibration screens run.
//   kioskctl calibrate seat [--eye-line] ...
//   kioskctl calibrate seat|printer|self-test|background|exposure|lights [--technician ID] [--save] [--json] [--state-dir DIR]
//                      [--settings FILE] [--printer NAME] [--profile NAME] [--camera B] [--footage PATH]
// The technician's PIN is read from standard input (not echoed on a
// terminal). The devices are opened here, so the command refuses while the
// kiosk holds them (core/devices_lock.h). Exit 0 pass, 8 fail, 9 could not
// run, 10 the kiosk is using the devices, 11 entry refused.
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "calibrate_access_paths.h"
#include "calibrate_output.h"
#include "calibrate_procedures.h"
#include "camera_options.h"
#include "calibration/audit_log.h"
#include "calibration/audit_log_rotation.h"
#include "calibration/profile_store.h"
#include "calibration/technician_pin.h"
#include "calibration/technician_pin_config.h"
#include "command.h"
#include "pin_prompt.h"
#include "core/devices_lock.h"
#include "core/error.h"
#include "core/paths.h"
#include "receipt/receipt_config.h"

namespace kiosk::ctl {
namespace {

struct CalibrateOptions {
    std::string procedure;
    std::string technician;
    bool save = false;
    bool json = false;
    bool eye_line = false;
    CalibrationPaths paths;
    std::string printer;
    CameraOptions camera;
};

// The technician whose PIN was typed; throws CommandFailed when entry is refused.
std::string enter(const std::filesystem::path& calibration_json, const std::filesystem::path& state_dir,
                  calibration::AuditLog& audit, const std::string& claimed)
{
    calibration::TechnicianPins pins(state_dir, calibration::load_technician_pin_config(calibration_json), audit);
    const auto check = pins.check(read_pin("technician PIN: "));
    switch (check.outcome) {
    case calibration::PinOutcome::Accepted:
        if (!claimed.empty() && claimed != check.technician)
            throw CommandFailed(kExitAccessRefused, "that PIN is not technician " + claimed + "'s");
        return check.technician;
    case calibration::PinOutcome::Wrong:
        throw CommandFailed(kExitAccessRefused,
                            check.locked_for.count() > 0
                                ? "wrong PIN; calibration is locked for " + std::to_string(check.locked_for.count()) + " s"
                                : "wrong PIN; " + std::to_string(check.tries_left) + " tries left before calibration locks");
    case calibration::PinOutcome::Locked:
        break;
    }
    throw CommandFailed(kExitAccessRefused,
                        "calibration is locked for another " + std::to_string(check.locked_for.count()) + " s");
}

// A passed run becomes its part of a new profile, the other parts staying
// what the active profile had; empty when it changes nothing to keep.
std::string save_profile(const calibration::ProcedureRun& run, const std::filesystem::path& calibration_json,
                         const std::filesystem::path& state_dir, calibration::AuditLog& audit,
                         const std::string& technician)
{
    calibration::ProfileStore store(state_dir, calibration::load_profile_store_config(calibration_json), audit);
    auto draft = store.draft();
    if (!calibration::record_run(run, draft))
        return "";
    return store.save(std::move(draft), technician).id;
}

// kioskctl's subcommands by the names the screens and the profile use.
std::string procedure_name(const std::string& subcommand)
{
    if (subcommand == "background")
        return "background_plate";
    if (subcommand == "lights")
        return "light_balance";
    if (subcommand == "self-test")
        return "self_test";
    return subcommand;
}

void calibrate(const CalibrateOptions& o)
{
    const auto config = config_dir();
    const auto calibration_json = o.paths.settings_file();
    const auto identity = receipt::load_kiosk_identity(config);
    CalibrateSetup setup;
    setup.config = config;
    setup.calibration_json = calibration_json;
    setup.state_dir = o.paths.state();
    setup.kiosk_id = identity.kiosk_id;
    setup.printer = o.printer.empty() ? identity.printer : o.printer;
    setup.camera = o.camera.choice(config);
    setup.faces = faces_dir(config);
    setup.eye_line = o.eye_line;
    if (o.save && (o.procedure == "printer" || o.procedure == "self-test"))
        throw InputError("--save keeps what a procedure measured in a profile; " + o.procedure + " measures nothing to keep");

    std::unique_ptr<DevicesLock> lock;
    try {
        lock = std::make_unique<DevicesLock>(setup.state_dir, "kioskctl calibrate " + o.procedure);
    } catch (const DevicesInUse& e) {
        throw CommandFailed(kExitDevicesInUse, std::string(e.what()) + ": stop the kiosk first");
    }
    calibration::AuditLog audit(setup.state_dir, calibration::load_audit_log_rotation(calibration_json));
    const std::string technician = enter(calibration_json, setup.state_dir, audit, o.technician);
    // The lamps as the active profile lights citizens; without one, as the board has them.
    if (const auto active = calibration::ProfileStore(setup.state_dir,
                                                      calibration::load_profile_store_config(calibration_json), audit)
                                .active();
        active.profile && active.profile->lights)
        setup.working_lights = active.profile->lights;

    const auto progress = o.json ? calibration::ProgressHandler{} : print_progress;
    const auto run = run_calibration(procedure_name(o.procedure), setup, progress);
    audit.append(calibration::AuditEvent::Procedure, technician, outcome_name(run.report.outcome),
                 run.report.procedure + " from kioskctl");

    std::string profile;
    if (o.save)
        profile = save_profile(run, calibration_json, setup.state_dir, audit, technician);
    // The store keeps its own copy of the plate; unsaved, it is not kept at all.
    if (run.background_plate)
        std::filesystem::remove(*run.background_plate);

    if (o.json) {
        auto doc = report_json(run.report);
        if (!run.rows.empty())
            doc["devices"] = self_test_rows_json(run.rows);
        doc["technician"] = technician;
        if (!profile.empty())
            doc["profile"] = profile;
        std::printf("%s\n", doc.dump(2).c_str());
    } else {
        if (!run.rows.empty()) {
            print_self_test_table(run.rows);
            std::printf("\n");
        }
        print_report_table(run.report);
        if (!profile.empty())
            std::printf("\nsaved as profile %s\n", profile.c_str());
        else if (o.save)
            std::printf("\nnot saved: the procedure did not pass\n");
    }
    switch (run.report.outcome) {
    case calibration::Outcome::Pass: return;
    case calibration::Outcome::Fail:
        throw CommandFailed(kExitCalibrationFailed, run.report.procedure + " failed: " + run.report.detail);
    case calibration::Outcome::Error:
        throw CommandFailed(kExitCalibrationError, run.report.procedure + " could not run: " + run.report.detail);
    }
}

} // namespace

void add_calibrate_procedures_command(CLI::App& app)
{
    auto options = std::make_shared<CalibrateOptions>();
    CLI::App& calibrate_cmd = calibrate_command(app);
    const std::pair<const char*, const char*> procedures[] = {
        {"seat", "Home the seat and find its end stops"},
        {"printer", "Print a test slip and report the queue's state"},
        {"self-test", "Check every device and report a table"},
        {"background", "Film the empty booth into the background plate and judge it"},
        {"exposure", "Set the camera's exposure and white balance"},
        {"lights", "Balance the key lights and set the background light"},
    };
    for (const auto& [name, description] : procedures) {
        auto* procedure = calibrate_cmd.add_subcommand(name, description);
        procedure->add_option("--technician", options->technician, "The technician the PIN must belong to");
        procedure->add_flag("--save", options->save, "Keep a passed result in a new calibration profile");
        procedure->add_flag("--json", options->json, "One JSON document for scripts instead of the tables");
        procedure->add_option("--printer", options->printer, "config/printer/<name>.json (default: the kiosk's)");
        add_camera_options(*procedure, options->camera);
        add_calibration_path_options(*procedure, options->paths);
        if (std::string(name) == "seat")
            procedure->add_flag("--eye-line", options->eye_line,
                                "Then map the eye line with the technician seated (uses the camera)");
        procedure->callback([options, name = std::string(name)] {
            options->procedure = name;
            calibrate(*options);
        });
    }
}

} // namespace kiosk::ctl
