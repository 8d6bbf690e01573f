#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "calibration/audit_log.h"
#include "calibration/technician_pin_config.h"

namespace kiosk::calibration {

// The clocks a PIN lock is timed with; tests substitute their own.
class AccessClock {
public:
    virtual ~AccessClock() = default;
    // Wall time: anyone with the network or root can move it.
    virtual std::chrono::system_clock::time_point wall() const = 0;
    // Time since this boot, counting suspend (CLOCK_BOOTTIME): nobody can set it,
    // but it starts again at zero after a reboot.
    virtual std::chrono::milliseconds since_boot() const = 0;
    // Different after every boot (/proc/sys/kernel/random/boot_id).
    virtual std::string boot_id() const = 0;
};

const AccessClock& system_access_clock();

enum class PinOutcome {
    Accepted,
    Wrong,
    Locked,   // refused without looking at the PIN: too many wrong ones before
};

struct PinCheck {
    PinOutcome outcome = PinOutcome::Wrong;
    std::string technician;                // Accepted: whose PIN it was
    int tries_left = 0;                    // Wrong: before entry locks
    std::chrono::seconds locked_for{0};    // Locked, or Wrong with the try that locked it
};

struct TechnicianAccount {
    std::string id;
    std::chrono::system_clock::time_point pin_set;
};

struct AccessStatus {
    std::vector<TechnicianAccount> technicians;
    int wrong_tries = 0;                   // since the last lock or right PIN
    int locks_in_a_row = 0;                // locks since the last right PIN
    std::chrono::seconds locked_for{0};
};

// Who may open calibration: technicians with an id and a PIN of digits, kept
// as Argon2id hashes in <state>/calibration/technicians.json (mode 0600).
// The kiosk's entry screen has only digits, so a PIN is looked for among
// every technician's hashes, and no two technicians may share one.
//
// Wrong PINs are counted for the entry as a whole, whichever technician was
// meant: after `wrong_tries_before_lock` in a row entry locks for a time that
// grows with each lock. Counter and lock are written to the file on every
// try, so restarting the kiosk neither forgets nor shortens them. Several
// processes (the kiosk, kioskctl) share the file under an flock.
//
// Every try and every PIN change goes to the audit log.
class TechnicianPins {
public:
    TechnicianPins(std::filesystem::path state_dir, TechnicianPinConfig config, AuditLog& audit,
                   const AccessClock& clock = system_access_clock());

    // Sets or replaces a technician's PIN. Throws InputError for an id that is
    // not 1..max chars of a-z, 0-9, '.', '_', '-', a PIN that is not
    // min..max digits, or a PIN another technician already has.
    void set_pin(std::string_view technician, std::string_view pin);
    // False when there was no such technician.
    bool remove(std::string_view technician);

    // One Argon2id check per technician whether or not an earlier one matched,
    // so the time taken does not tell which PINs are near. Slow (the KDF's
    // cost times the technicians): keep it off a thread that draws or serves.
    PinCheck check(std::string_view pin);

    AccessStatus status() const;

private:
    std::filesystem::path folder_;
    TechnicianPinConfig config_;
    AuditLog& audit_;
    const AccessClock& clock_;
};

} // namespace kiosk::calibration
