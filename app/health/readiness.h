#pragma once

#include <map>
#include <mutex>
#include <string>

#include "health/metrics_registry.h"

namespace kiosk::health {

// Whether the kiosk can serve a citizen now, and if not, why. Each part
// that can stop service (printer, camera, controller, outbox, ...) blocks
// and clears its own reason, so one part recovering does not hide another
// that is still down. Reasons are codes ("paper_out"), never personal data.
class Readiness {
public:
    // `ready_gauge` mirrors the state for /metrics (1 ready, 0 not). Starts
    // blocked by source "kiosk", reason "starting": the program clears it
    // once it runs, so a kiosk stuck in start-up is never reported ready.
    explicit Readiness(Gauge& ready_gauge);

    void block(const std::string& source, const std::string& reason);
    void clear(const std::string& source);

    struct State {
        bool ready = false;
        std::map<std::string, std::string> reasons;   // source -> reason
    };
    State state() const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::string> reasons_;
    Gauge& ready_gauge_;
};

} // namespace kiosk::health
