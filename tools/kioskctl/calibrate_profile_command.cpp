// kioskctl calibrate profile: the calibration profile the kiosk runs with
// (app/calibration/profile_store.h).
//   kioskctl calibrate profile show [--json]
//   kioskctl calibrate profile rollback --technician ID
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "calibrate_access_paths.h"
#include "calibration/audit_log.h"
#include "calibration/profile_store.h"
#include "calibration/profile_store_json.h"
#include "calibration/technician_pin.h"
#include "command.h"
#include "core/error.h"

namespace kiosk::ctl {
namespace {

struct ProfileOptions {
    CalibrationPaths paths;
    std::string technician;
    bool json = false;
};

void print_profile(const char* role, const calibration::CalibrationProfile& p)
{
    std::printf("%s %s (version %d, made %s by %s)\n", role, p.id.c_str(), p.version,
                calibration::utc_timestamp(p.created).c_str(), p.technician.c_str());
    if (p.camera)
        std::printf("  camera   exposure %s %lld us, gain %.2f, white balance %s red %.3f blue %.3f\n",
                    p.camera->auto_exposure ? "auto" : "manual",
                    static_cast<long long>(p.camera->exposure_time.count()), p.camera->analogue_gain,
                    p.camera->auto_white_balance ? "auto" : "manual", p.camera->colour_gains.red,
                    p.camera->colour_gains.blue);
    if (p.lights)
        std::printf("  lights   key left %u, key right %u, background %u\n", p.lights->key_left, p.lights->key_right,
                    p.lights->background);
    if (p.seat)
        std::printf("  seat     %u..%u mm, eye line %.3f px/mm\n", p.seat->lower_stop_mm, p.seat->upper_stop_mm,
                    p.seat->eye_px_per_mm);
    if (p.background_plate)
        std::printf("  plate    %s\n", p.background_plate->c_str());
    for (const auto& r : p.reports) {
        std::printf("  %-14s %s  %s\n", r.procedure.c_str(), calibration::outcome_name(r.outcome), r.detail.c_str());
        for (const auto& f : r.figures) {
            std::printf("      %-24s %g%s", f.name.c_str(), f.value, f.unit.c_str());
            if (f.limit)
                std::printf("  (%s %g)", f.comparison.c_str(), *f.limit);
            std::printf("\n");
        }
    }
}

calibration::ProfileStore open_store(const ProfileOptions& o, calibration::AuditLog& audit)
{
    return calibration::ProfileStore(o.paths.state(), calibration::load_profile_store_config(o.paths.settings_file()),
                                     audit);
}

void show(const ProfileOptions& o)
{
    calibration::AuditLog audit(o.paths.state());
    const auto store = open_store(o, audit);
    const auto active = store.active();
    const auto previous = store.previous();
    if (o.json) {
        nlohmann::json out = {{"active", nullptr}, {"previous", nullptr}, {"problem", active.problem},
                              {"stored", store.stored_ids()}};
        if (active.profile) {
            out["active"] = calibration::profile_to_json(*active.profile);
            out["age_seconds"] = active.age.count();
        }
        if (previous)
            out["previous"] = calibration::profile_to_json(*previous);
        std::printf("%s\n", out.dump(2).c_str());
        return;
    }
    if (!active.problem.empty())
        std::printf("problem  %s\n", active.problem.c_str());
    if (!active.profile) {
        std::printf("no calibration profile: the kiosk runs on its configured defaults\n");
        return;
    }
    print_profile("active  ", *active.profile);
    std::printf("  age      %lld s\n", static_cast<long long>(active.age.count()));
    if (previous)
        std::printf("previous %s (version %d): `kioskctl calibrate profile rollback` returns to it\n",
                    previous->id.c_str(), previous->version);
    std::printf("stored   %zu profile(s)\n", store.stored_ids().size());
}

void rollback(const ProfileOptions& o)
{
    const auto state = o.paths.state();
    // A rollback is written to the kiosk's log, rotated as the kiosk rotates it.
    calibration::AuditLog audit(state, calibration::load_audit_log_rotation(o.paths.settings_file()));
    // Only a known technician may move the kiosk between profiles: the log
    // must name someone who can be asked why.
    const calibration::TechnicianPins pins(state, calibration::load_technician_pin_config(o.paths.settings_file()),
                                           audit);
    bool known = false;
    for (const auto& t : pins.status().technicians)
        known = known || t.id == o.technician;
    if (!known)
        throw InputError("no technician " + o.technician + " (see `kioskctl calibrate pin status`)");
    auto store = open_store(o, audit);
    const auto now_active = store.rollback(o.technician);
    std::printf("active %s (version %d); the profile before is kept: roll back again to return to it\n",
                now_active.id.c_str(), now_active.version);
}

} // namespace

void add_calibrate_profile_command(CLI::App& app)
{
    auto& calibrate = calibrate_command(app);
    auto options = std::make_shared<ProfileOptions>();
    auto* profile = calibrate.add_subcommand("profile", "the calibration profile the kiosk runs with");
    profile->require_subcommand(1);

    auto* show_command = profile->add_subcommand("show", "the active and the previous profile, and their figures");
    show_command->add_flag("--json", options->json, "as JSON");
    add_calibration_path_options(*show_command, options->paths);
    show_command->callback([options] { show(*options); });

    auto* rollback_command = profile->add_subcommand("rollback", "make the previous profile the active one (swap)");
    rollback_command->add_option("--technician", options->technician, "who is doing it (a technician id)")->required();
    add_calibration_path_options(*rollback_command, options->paths);
    rollback_command->callback([options] { rollback(*options); });
}

} // namespace kiosk::ctl
