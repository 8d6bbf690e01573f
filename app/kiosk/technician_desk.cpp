#include "kiosk/technician_desk.h"

#include <chrono>
#include <memory>
#include <optional>

#include <spdlog/spdlog.h>

#include "calibration/audit_log_rotation.h"
#include "calibration/profile_store_json.h"
#include "calibration/technician_pin_config.h"
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

TechnicianDesk::TechnicianDesk(Booth booth, CalibrationApplication* application, EventSink post)
    : booth_(std::move(booth)), calibration_json_(booth_.config / "calibration" / "calibration.json"),
      settings_(load_technician_desk_settings(calibration_json_)),
      audit_(booth_.state_dir, calibration::load_audit_log_rotation(calibration_json_)),
      pins_(booth_.state_dir, calibration::load_technician_pin_config(calibration_json_), audit_),
      profiles_(booth_.state_dir, calibration::load_profile_store_config(calibration_json_), audit_),
      application_(application), post_(std::move(post))
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

session::CalibrationReports TechnicianDesk::summarised(std::vector<calibration::ProcedureReport> reports) const
{
    const auto lookup = profiles_.active();
    if (!lookup.problem.empty())
        spdlog::error("runtime: calibration profile: {}", lookup.problem);
    return {std::move(reports), summary(lookup.profile, profiles_.previous().has_value())};
}

session::CalibrationReports TechnicianDesk::active_reports() const
{
    const auto lookup = profiles_.active();
    return summarised(lookup.profile ? lookup.profile->reports : std::vector<calibration::ProcedureReport>{});
}

session::CalibrationReports TechnicianDesk::rollback(const std::string& technician)
{
    try {
        const auto now_active = profiles_.rollback(technician);
        spdlog::info("runtime: technician {} rolled calibration back to profile {}", technician, now_active.id);
        apply_active_profile();
        return summarised(now_active.reports);
    } catch (const std::exception& e) {
        // Nothing readable to go back to, or the disk refused: the active profile stays.
        spdlog::error("runtime: calibration rollback refused: {}", e.what());
        return active_reports();
    }
}

std::stop_token TechnicianDesk::next_run()
{
    std::lock_guard lock(cancel_mutex_);
    cancel_ = std::stop_source();
    return cancel_.get_token();
}

void TechnicianDesk::cancel()
{
    std::lock_guard lock(cancel_mutex_);
    cancel_.request_stop();
}

calibration::ProgressHandler TechnicianDesk::throttled_progress()
{
    struct Gate {
        std::mutex mutex;
        std::optional<std::chrono::steady_clock::time_point> last_sent;
    };
    return [this, gate = std::make_shared<Gate>()](const calibration::ProcedureProgress& progress) {
        const auto now = std::chrono::steady_clock::now();
        {
            std::lock_guard lock(gate->mutex);
            if (gate->last_sent && now - *gate->last_sent < settings_.progress_interval)
                return;
            gate->last_sent = now;
        }
        post_(session::CalibrationProgress{progress});
    };
}

session::CalibrationReports TechnicianDesk::run(const std::string& procedure, const std::string& technician,
                                                std::stop_token cancel)
{
    calibration::ProcedureSetup setup;
    setup.config = booth_.config;
    setup.calibration_json = calibration_json_;
    setup.state_dir = booth_.state_dir;
    setup.kiosk_id = booth_.kiosk_id;
    setup.eye_line = settings_.seat_eye_line;
    setup.progress = throttled_progress();
    setup.cancel = std::move(cancel);
    if (application_)
        setup.working_lights = application_->working_lights(profiles_.active());
    auto run = calibration::run_procedure(procedure, booth_.devices, setup);
    auto& report = run.report;
    spdlog::info("runtime: technician {} ran {}: {} ({})", technician, procedure,
                 calibration::outcome_name(report.outcome), report.detail);
    try {
        audit_.append(calibration::AuditEvent::Procedure, technician, calibration::outcome_name(report.outcome),
                      procedure + ": " + report.detail);
    } catch (const std::exception& e) {
        spdlog::error("runtime: the audit log did not take {}'s run: {}", procedure, e.what());
    }
    try {
        auto draft = profiles_.draft();
        if (calibration::record_run(run, draft))
            profiles_.save(std::move(draft), technician);
    } catch (const std::exception& e) {
        // The booth was measured but the kiosk keeps its active profile: the
        // technician must hear that the run is lost, not read a pass.
        spdlog::error("runtime: the calibration profile from {} was not saved: {}", procedure, e.what());
        report.outcome = calibration::Outcome::Error;
        report.advice_key = "calibration.advice.profile_not_saved";
        report.detail += std::string("; not saved: ") + e.what();
    }
    // The store keeps its own copy of a plate; the run's is temporary.
    if (run.background_plate) {
        std::error_code ignored;
        std::filesystem::remove(*run.background_plate, ignored);
    }
    apply_active_profile();
    return summarised({report});
}

void TechnicianDesk::apply_active_profile()
{
    if (application_)
        application_->apply(profiles_.active());
}

calibration::ProfileLookup TechnicianDesk::active_profile() const
{
    return profiles_.active();
}

} // namespace kiosk::runtime
