#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>

#include "calibration/audit_log.h"
#include "calibration/procedure_runner.h"
#include "calibration/profile_store.h"
#include "calibration/technician_pin.h"
#include "kiosk/calibration_application.h"
#include "kiosk/technician_desk_settings.h"
#include "session/events.h"

namespace kiosk::runtime {

// The kiosk's side of the technician screens: checks PINs, reads the active
// calibration profile's reports for the menu, runs procedures on the kiosk's
// own devices and rolls back, each answer as the session event it waits for;
// a saved or rolled-back profile is applied to the running kiosk at once.
// Slow calls (a PIN check is one Argon2id per technician, a procedure takes
// up to minutes): run them on the blocking worker.
class TechnicianDesk {
public:
    using EventSink = std::function<void(session::Event)>;

    // Where the desk works and with what.
    struct Booth {
        std::filesystem::path config;       // the config folder
        std::filesystem::path state_dir;    // PINs, audit log and profiles live under calibration/
        std::string kiosk_id;
        // The kiosk's own devices, already streaming and started; the printer
        // one that takes turns with the slips and the status polls.
        calibration::BoothDevices devices;
    };

    // `application` makes the kiosk live by a profile (null: nothing is
    // applied); `post` carries CalibrationProgress to the session.
    TechnicianDesk(Booth booth, CalibrationApplication* application, EventSink post);

    session::TechnicianPinChecked check_pin(const std::string& pin);
    session::CalibrationReports active_reports() const;

    // A fresh token for the next run, taken on the thread that orders the run
    // so that a stop touched before the run starts still stops it.
    std::stop_token next_run();
    // Runs `procedure`, saves what a passing run measured as the new active
    // profile and applies it; answers with the run's report and the profile
    // active afterwards. Whatever the outcome the camera goes back to the
    // active profile's controls (a procedure may have held them manual).
    session::CalibrationReports run(const std::string& procedure, const std::string& technician,
                                    std::stop_token cancel);
    // Swaps the active and the previous profile and applies the one now
    // active; answers with its reports (or, when there is nothing to go back
    // to, the active one's unchanged).
    session::CalibrationReports rollback(const std::string& technician);
    // Asks the procedure under way to stop (from any thread; returns at once).
    void cancel();

    // At start-up: the kiosk takes the active profile (or its configured figures).
    void apply_active_profile();

    // The profile the kiosk runs with, for the health endpoint's age; safe to
    // call from another thread while the desk works (the store's readers are).
    calibration::ProfileLookup active_profile() const;

private:
    session::CalibrationReports summarised(std::vector<calibration::ProcedureReport> reports) const;
    calibration::ProgressHandler throttled_progress();

    Booth booth_;
    std::filesystem::path calibration_json_;
    TechnicianDeskSettings settings_;
    calibration::AuditLog audit_;
    calibration::TechnicianPins pins_;
    calibration::ProfileStore profiles_;
    CalibrationApplication* application_;
    EventSink post_;
    std::mutex cancel_mutex_;
    std::stop_source cancel_; // a fresh one per run
};

} // namespace kiosk::runtime
