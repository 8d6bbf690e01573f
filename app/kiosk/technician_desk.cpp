#include "kiosk/technician_desk.h"

#include <spdlog/spdlog.h>

#include "calibration/profile_store_json.h"
#include "core/error.h"
#include "kiosk/local_date.h"

namespace kiosk::runtime {
namespace {

// The menu's line about the profile the kiosk runs with.
std::optional<session::ProfileSummary> summary(const std::optional<calibration::CalibrationProfile>& profile,
                                               bool can_roll_back)
{
    if (!profile)
        return std::nullopt;
    return session::ProfileSummary{profile->id, profile->version, profile->technician,
                                   local_minute(profile->created), can_roll_back};
}

} // namespace

TechnicianDesk::TechnicianDesk(const std::filesystem::path& state_dir, const std::filesystem::path& settings)
    : audit_(state_dir),
      pins_(state_dir, calibration::load_technician_pin_config(settings), audit_),
      profiles_(state_dir, calibration::load_profile_store_config(settings), audit_)
{
}

session::TechnicianPinChecked TechnicianDesk::check_pin(const std::string& pin)
{
    try {
        if (pins_.status().technicians.empty())
            return {session::PinVerdict::Unavailable, "", 0, {}};
        const auto check = pins_.check(pin);
        switch (check.outcome) {
        case calibration::PinOutcome::Accepted: return {session::PinVerdict::Accepted, check.technician, 0, {}};
        case calibration::PinOutcome::Wrong:
            return {session::PinVerdict::Wrong, "", check.tries_left, check.locked_for};
        case calibration::PinOutcome::Locked: return {session::PinVerdict::Locked, "", 0, check.locked_for};
        }
    } catch (const std::exception& e) {
        // A damaged PIN file or a full disk keeps calibration shut, never open.
        spdlog::error("runtime: technician PINs cannot be checked: {}", e.what());
    }
    return {session::PinVerdict::Unavailable, "", 0, {}};
}

session::CalibrationReports TechnicianDesk::active_reports() const
{
    const auto lookup = profiles_.active();
    if (!lookup.problem.empty())
        spdlog::error("runtime: calibration profile: {}", lookup.problem);
    return {lookup.profile ? lookup.profile->reports : std::vector<calibration::ProcedureReport>{},
            summary(lookup.profile, profiles_.previous().has_value())};
}

session::CalibrationReports TechnicianDesk::rollback(const std::string& technician)
{
    try {
        const auto now_active = profiles_.rollback(technician);
        spdlog::info("runtime: technician {} rolled calibration back to profile {}", technician, now_active.id);
        return {now_active.reports, summary(now_active, profiles_.previous().has_value())};
    } catch (const std::exception& e) {
        // Nothing readable to go back to, or the disk refused: the active profile stays.
        spdlog::error("runtime: calibration rollback refused: {}", e.what());
        return active_reports();
    }
}

void TechnicianDesk::cancel()
{
    std::lock_guard lock(cancel_mutex_);
    cancel_.request_stop();
}

session::CalibrationReports TechnicianDesk::run(const std::string& procedure, const std::string& technician)
{
    // The procedures (issue 7's camera, light, seat and printer work) are
    // run from `kioskctl calibrate <procedure>` until the kiosk wires them here.
    calibration::ProcedureReport report;
    report.procedure = procedure;
    report.outcome = calibration::Outcome::Error;
    report.advice_key = "calibration.advice.use_kioskctl";
    report.detail = "not run from the screen yet: use kioskctl calibrate " + procedure;
    audit_.append(calibration::AuditEvent::Procedure, technician, calibration::outcome_name(report.outcome),
                  procedure + ": " + report.detail);
    return {{report}, std::nullopt};
}

calibration::ProfileLookup TechnicianDesk::active_profile() const
{
    return profiles_.active();
}

} // namespace kiosk::runtime
