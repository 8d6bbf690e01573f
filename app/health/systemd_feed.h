#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "health/readiness.h"
#include "health/systemd_notifier.h"

namespace kiosk::health {

// What systemd hears from a running kiosk, driven by the main loop's own
// tick so that a loop that hangs goes quiet: READY=1 at the first tick (the
// loop serves), STATUS= with the readiness and its reasons whenever they
// change, WATCHDOG=1 at half the watchdog interval when systemd asked for
// one (WatchdogSec=, seen as WATCHDOG_USEC), STOPPING=1 at shutdown.
class SystemdFeed {
public:
    using Clock = std::chrono::steady_clock;

    SystemdFeed(SystemdNotifier& notifier, const Readiness& readiness,
                std::optional<std::chrono::microseconds> watchdog_interval);

    // On the main loop's thread, once per tick.
    void tick(Clock::time_point now);
    void stopping();

    // The one-line STATUS= text for a readiness state.
    static std::string status_line(const Readiness::State& state);

private:
    SystemdNotifier& notifier_;
    const Readiness& readiness_;
    std::optional<Clock::duration> ping_every_;
    bool ready_sent_ = false;
    std::optional<Clock::time_point> last_ping_;
    std::string last_status_;
};

} // namespace kiosk::health
