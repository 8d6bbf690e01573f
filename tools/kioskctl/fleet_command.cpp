// kioskctl fleet status: every kiosk of an inventory polled at once, one line
// each, for the operators who look after many halls.
//   kioskctl fleet status --inventory kiosks.toml [--json] [--timeout-ms N] [--parallel N]
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "command.h"
#include "core/error.h"
#include "core/paths.h"
#include "fleet_inventory.h"
#include "fleet_poller.h"
#include "fleet_report.h"
#include "fleet_settings.h"
#include "fleet_status.h"

namespace kiosk::ctl {
namespace {

struct FleetStatusOptions {
    std::string inventory;
    bool json = false;
    std::optional<int> timeout_ms;   // overrides config/fleet/fleet.json
    std::optional<int> parallel;
};

constexpr const char* fleet_help_footer = R"(
Inventory (TOML), one [[kiosk]] table per kiosk (see config/fleet/kiosks.sample.toml):
  [[kiosk]]
  name = "cy-01"                      # unique in the inventory
  hall = "朝阳区政务服务中心"
  url = "http://10.20.1.11:9470"      # the kiosk's health endpoint (config/health/health.json)
  token_file = "tokens/cy-01.json"    # {"bearer_token": "..."}, mode 0600; relative to the inventory

Each kiosk is asked for /readyz and /metrics; a kiosk that does not answer within
--timeout-ms (connect, request and read together) is shown unreachable with the step
it was stuck in, and holds up no other kiosk. Defaults: config/fleet/fleet.json.

Exit status:
  0  every kiosk is ready
  2  usage error or a bad inventory (the message names the file and line)
  3  config/fleet/fleet.json is unusable
  6  some kiosk is not ready (each one answered; the reason column says why)
  7  some kiosk is unreachable or did not answer usably (refused token, not
     Prometheus text, ...), whether or not others are also not ready
)";

std::string summary_line(const std::vector<KioskStatus>& statuses)
{
    int not_ready = 0, unreachable = 0, failed = 0;
    for (const auto& s : statuses) {
        not_ready += s.state == KioskState::NotReady;
        unreachable += s.state == KioskState::Unreachable;
        failed += s.state == KioskState::Failed || (s.state != KioskState::Unreachable && !s.error.empty());
    }
    return std::to_string(statuses.size()) + " kiosks: " + std::to_string(not_ready) + " not ready, " +
           std::to_string(unreachable) + " unreachable, " + std::to_string(failed) + " answering with errors";
}

void fleet_status(const FleetStatusOptions& options)
{
    if (options.inventory.empty())
        throw InputError("fleet status needs --inventory FILE (see kioskctl fleet --help)");
    FleetSettings settings = FleetSettings::load(config_dir() / "fleet" / "fleet.json");
    if (options.timeout_ms)
        settings.timeout = std::chrono::milliseconds(*options.timeout_ms);
    if (options.parallel)
        settings.parallel = *options.parallel;

    const auto kiosks = load_fleet_inventory(options.inventory, settings.min_token_chars);
    const auto answers = poll_fleet(kiosks, settings);
    std::vector<KioskStatus> statuses;
    for (std::size_t i = 0; i < kiosks.size(); ++i)
        statuses.push_back(summarise(kiosks[i], answers[i]));

    if (options.json)
        std::printf("%s\n", fleet_json(statuses).dump(2).c_str());
    else
        std::fputs(fleet_table(statuses, std::chrono::system_clock::now()).c_str(), stdout);
    std::fflush(stdout);
    switch (fleet_outcome(statuses)) {
    case FleetOutcome::AllReady: return;
    case FleetOutcome::SomeNotReady: throw CommandFailed(kExitFleetNotReady, summary_line(statuses));
    case FleetOutcome::SomeUnreachable: throw CommandFailed(kExitFleetUnreachable, summary_line(statuses));
    }
}

} // namespace

void add_fleet_command(CLI::App& app)
{
    auto* fleet = app.add_subcommand("fleet", "Poll many kiosks' health endpoints (the operators' view)");
    fleet->require_subcommand(1);
    fleet->footer(fleet_help_footer);

    auto options = std::make_shared<FleetStatusOptions>();
    auto* status = fleet->add_subcommand(
        "status", "One line per kiosk: ready, reason, printer, camera, controller, outbox, last session, version");
    status->footer(fleet_help_footer);
    status->add_option("--inventory", options->inventory, "The kiosks to poll (TOML, see kioskctl fleet --help)");
    status->add_flag("--json", options->json, "One JSON document for scripts instead of the table");
    status->add_option("--timeout-ms", options->timeout_ms, "Per kiosk, connect to last byte (default: fleet.json)")
        ->check(CLI::Range(1, 600000));
    status->add_option("--parallel", options->parallel, "Kiosks polled at once (default: fleet.json)")
        ->check(CLI::Range(1, 1024));
    status->callback([options] { fleet_status(*options); });
}

} // namespace kiosk::ctl
