// kioskctl calibrate pin|log: who may open calibration at the kiosk, and what
// technicians did there (app/calibration/technician_pin.h, audit_log.h).
//   kioskctl calibrate pin set TECHNICIAN     the PIN is read from standard input
//   kioskctl calibrate pin remove TECHNICIAN
//   kioskctl calibrate pin status             technicians, wrong tries, the lock
//   kioskctl calibrate log [--last N] [--jsonl]   across the rotated files, oldest first
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "calibrate_access_paths.h"
#include "calibration/audit_log.h"
#include "calibration/technician_pin.h"
#include "command.h"
#include "core/error.h"
#include "pin_prompt.h"

namespace kiosk::ctl {
namespace {

struct AccessOptions {
    CalibrationPaths paths;
    std::string technician;
    std::size_t last = 20;
    bool jsonl = false;
};

// kioskctl writes to the kiosk's log, so it rotates it as the kiosk does.
calibration::AuditLog writable_log(const AccessOptions& o)
{
    return calibration::AuditLog(o.paths.state(), calibration::load_audit_log_rotation(o.paths.settings_file()));
}

void set_pin(const AccessOptions& o)
{
    const auto config = calibration::load_technician_pin_config(o.paths.settings_file());
    auto audit = writable_log(o);
    calibration::TechnicianPins pins(o.paths.state(), config, audit);
    pins.set_pin(o.technician, read_pin("PIN: "));
    std::printf("PIN set for %s\n", o.technician.c_str());
}

void remove_pin(const AccessOptions& o)
{
    const auto config = calibration::load_technician_pin_config(o.paths.settings_file());
    auto audit = writable_log(o);
    calibration::TechnicianPins pins(o.paths.state(), config, audit);
    if (!pins.remove(o.technician))
        throw InputError("no technician " + o.technician);
    std::printf("%s removed\n", o.technician.c_str());
}

void status(const AccessOptions& o)
{
    const auto state = o.paths.state();
    calibration::AuditLog audit(state); // status only reads
    const calibration::TechnicianPins pins(state, calibration::load_technician_pin_config(o.paths.settings_file()),
                                           audit);
    const auto s = pins.status();
    std::printf("technicians %zu\n", s.technicians.size());
    for (const auto& t : s.technicians)
        std::printf("  %-24s PIN set %s\n", t.id.c_str(), calibration::utc_timestamp(t.pin_set).c_str());
    std::printf("wrong tries %d\nlocks in a row %d\n", s.wrong_tries, s.locks_in_a_row);
    if (s.locked_for.count() > 0)
        std::printf("locked for %lld s more\n", static_cast<long long>(s.locked_for.count()));
    else
        std::printf("not locked\n");
}

void show_log(const AccessOptions& o)
{
    const calibration::AuditLog audit(o.paths.state());
    const auto contents = audit.read(o.last);
    for (const auto& e : contents.entries) {
        if (o.jsonl) {
            const nlohmann::json line = {{"time", calibration::utc_timestamp(e.time)},
                                         {"event", calibration::audit_event_name(e.event)},
                                         {"technician", e.technician},
                                         {"outcome", e.outcome},
                                         {"detail", e.detail}};
            std::printf("%s\n", line.dump().c_str());
        } else {
            std::printf("%s  %-16s %-8s %-16s %s\n", calibration::utc_timestamp(e.time).c_str(),
                        calibration::audit_event_name(e.event), e.outcome.c_str(),
                        e.technician.empty() ? "-" : e.technician.c_str(), e.detail.c_str());
        }
    }
    if (contents.unreadable_lines > 0)
        std::fprintf(stderr, "%zu line(s) of the audit log in %s could not be read\n", contents.unreadable_lines,
                     audit.path().parent_path().c_str());
}

} // namespace

void add_calibrate_access_command(CLI::App& app)
{
    auto& calibrate = calibrate_command(app);
    auto options = std::make_shared<AccessOptions>();

    auto* pin = calibrate.add_subcommand("pin", "technician PINs for the kiosk's calibration screens");
    pin->require_subcommand(1);
    auto* set = pin->add_subcommand("set", "set or change a technician's PIN (read from standard input)");
    set->add_option("technician", options->technician, "technician id: a-z, 0-9, '.', '_', '-'")->required();
    add_calibration_path_options(*set, options->paths);
    set->callback([options] { set_pin(*options); });

    auto* remove = pin->add_subcommand("remove", "remove a technician");
    remove->add_option("technician", options->technician, "technician id")->required();
    add_calibration_path_options(*remove, options->paths);
    remove->callback([options] { remove_pin(*options); });

    auto* show = pin->add_subcommand("status", "technicians, wrong tries and the lock");
    add_calibration_path_options(*show, options->paths);
    show->callback([options] { status(*options); });

    auto* log = calibrate.add_subcommand("log", "entries, procedures and profile changes, oldest first");
    log->add_option("--last", options->last, "how many of the newest entries (0: all)");
    log->add_flag("--jsonl", options->jsonl, "one JSON object per line");
    add_calibration_path_options(*log, options->paths);
    log->callback([options] { show_log(*options); });
}

} // namespace kiosk::ctl
