#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fleet_inventory.h"
#include "fleet_poller.h"

namespace kiosk::ctl {

enum class KioskState {
    Ready,        // /readyz 200 and /metrics read
    NotReady,     // /readyz 503: the reasons say why
    Unreachable,  // no HTTP answer: refused, timed out, closed, name unknown
    Failed,       // it answered, but not usably: a refused token, another status, garbage
};

const char* state_name(KioskState state);   // "ready", "not_ready", "unreachable", "error"

// One kiosk's line of `kioskctl fleet status`: what its /readyz and /metrics
// say about the parts operators look after. A part whose metric is absent
// (an older kiosk, or /metrics unreadable) is std::nullopt and shown as "-".
struct KioskStatus {
    std::string name;
    std::string hall;
    std::string url;
    KioskState state = KioskState::Unreachable;
    std::optional<bool> ready;
    std::map<std::string, std::string> reasons;   // source -> reason code
    std::string error;                            // why the poll did not fully succeed
    std::optional<bool> printer_up;
    std::optional<bool> paper_out;
    std::optional<bool> camera_up;
    std::optional<bool> camera_fault;
    std::optional<bool> controller_up;
    std::optional<double> controller_faults;
    std::optional<double> outbox_pending;
    std::optional<double> outbox_oldest_age_s;
    std::optional<double> last_session_end_s;     // Unix seconds; nullopt also before the first visit
    std::optional<std::string> version;
    std::chrono::milliseconds took{0};
};

KioskStatus summarise(const FleetKiosk& kiosk, const KioskAnswer& answer);

// How the whole fleet did; `kioskctl fleet status` exits by it (command.h).
enum class FleetOutcome {
    AllReady,
    SomeNotReady,      // every kiosk answered, some is not ready
    SomeUnreachable,   // some kiosk is unreachable or did not answer usably (wins over SomeNotReady)
};

FleetOutcome fleet_outcome(const std::vector<KioskStatus>& statuses);
const char* outcome_name(FleetOutcome outcome);   // "all_ready", "some_not_ready", "some_unreachable"

} // namespace kiosk::ctl
