#pragma once

#include <filesystem>
#include <mutex>
#include <stop_token>
#include <string>

#include "calibration/audit_log.h"
#include "calibration/profile_store.h"
#include "calibration/technician_pin.h"
#include "session/events.h"

namespace kiosk::runtime {

// The kiosk's side of the technician screens: checks PINs, reads the active
// calibration profile's reports for the menu, and runs procedures, each
// answer as the session event it waits for. Slow calls (a PIN check is one
// Argon2id per technician): run them on the blocking worker.
class TechnicianDesk {
public:
    // `state_dir`: the kiosk's state folder (PINs, audit log and profiles
    // live under calibration/); `settings`: config/calibration/calibration.json.
    TechnicianDesk(const std::filesystem::path& state_dir, const std::filesystem::path& settings);

    session::TechnicianPinChecked check_pin(const std::string& pin);
    session::CalibrationReports active_reports() const;
    session::CalibrationReports run(const std::string& procedure, const std::string& technician);
    // Swaps the active and the previous profile; answers with the reports of
    // the profile now active (or, when there is nothing to go back to, the
    // active one's unchanged).
    session::CalibrationReports rollback(const std::string& technician);
    // Asks the procedure under way to stop (from any thread; returns at once).
    void cancel();

    // The profile the kiosk runs with, for the health endpoint's age; safe to
    // call from another thread while the desk works (the store's readers are).
    calibration::ProfileLookup active_profile() const;

private:
    calibration::AuditLog audit_;
    calibration::TechnicianPins pins_;
    calibration::ProfileStore profiles_;
    std::mutex cancel_mutex_;
    std::stop_source cancel_; // a fresh one per run
};

} // namespace kiosk::runtime
