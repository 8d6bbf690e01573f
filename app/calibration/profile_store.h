#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "calibration/audit_log.h"
#include "calibration/calibration_profile.h"

namespace kiosk::calibration {

// The "profile" section of config/calibration/calibration.json.
struct ProfileStoreConfig {
    // Profiles kept on disk, newest first; the active and the previous one
    // are kept whatever their age.
    int keep_profiles = 5;
};

ProfileStoreConfig load_profile_store_config(const std::filesystem::path& calibration_json);

// What the kiosk should run with.
struct ProfileLookup {
    std::optional<CalibrationProfile> profile;   // none: never calibrated, or nothing readable
    std::chrono::seconds age{0};                  // since `profile` was made; 0 when the clock is behind it
    // Set when the profile meant to be active could not be used and `profile`
    // is the last good one instead (or none): which file, and what is wrong.
    std::string problem;
};

// Versioned calibration profiles in <state>/calibration/profiles/: one folder
// per profile, named by its id, holding profile.json and the background plate
// (background.png), never changed once written; current.json names the active
// and the previous profile.
//
// A profile is written into "<id>.tmp", flushed, renamed into place and the
// folder flushed; only then does current.json (itself replaced atomically)
// point at it. A crash at any step leaves the old profile active and a
// leftover ".tmp" that the next save clears. Readers take no lock: what
// current.json names is complete, and a reader that loses a race with
// pruning looks again. Saves and rollbacks (kiosk and kioskctl alike) take an
// flock on profiles/store.lock.
class ProfileStore {
public:
    ProfileStore(std::filesystem::path state_dir, ProfileStoreConfig config, AuditLog& audit);

    // The active profile; a damaged one (unreadable, half-written, its plate
    // missing) is reported in `problem` and the previous profile, else the
    // newest readable one, is used instead.
    ProfileLookup active(std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) const;

    // The one a rollback would return to.
    std::optional<CalibrationProfile> previous() const;

    // A new profile starts with the active one's parts and the reports that
    // made them, so a procedure run on its own changes only its part and its
    // report (record_run) and the menu still shows the others' results.
    CalibrationProfile draft() const;

    // Stores `draft` (its id, version, time and technician are assigned here;
    // its plate, if any, is copied in from wherever it is) as the new active
    // profile, the active one becoming the previous. Returns it as stored.
    // Throws InputError for a plate that is not a readable PNG,
    // std::system_error when the disk refuses.
    CalibrationProfile save(CalibrationProfile draft, const std::string& technician,
                            std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

    // Swaps the active and the previous profile: one touch goes back, a second
    // touch comes forward again. Throws InputError when there is no readable
    // previous profile. Returns the profile now active.
    CalibrationProfile rollback(const std::string& technician,
                                std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

    // Every stored profile's id, newest first.
    std::vector<std::string> stored_ids() const;

    const std::filesystem::path& folder() const { return folder_; }

private:
    std::filesystem::path folder_;
    ProfileStoreConfig config_;
    AuditLog& audit_;
};

} // namespace kiosk::calibration
