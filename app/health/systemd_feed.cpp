#include "health/systemd_feed.h"

namespace kiosk::health {

SystemdFeed::SystemdFeed(SystemdNotifier& notifier, const Readiness& readiness,
                         std::optional<std::chrono::microseconds> watchdog_interval)
    : notifier_(notifier), readiness_(readiness)
{
    // Half the interval, so one late tick is not yet a restart.
    if (watchdog_interval)
        ping_every_ = std::chrono::duration_cast<Clock::duration>(*watchdog_interval) / 2;
}

void SystemdFeed::tick(Clock::time_point now)
{
    if (!ready_sent_) {
        notifier_.ready();
        ready_sent_ = true;
    }
    if (auto line = status_line(readiness_.state()); line != last_status_) {
        notifier_.status(line);
        last_status_ = std::move(line);
    }
    if (ping_every_ && (!last_ping_ || now - *last_ping_ >= *ping_every_)) {
        notifier_.watchdog();
        last_ping_ = now;
    }
}

void SystemdFeed::stopping()
{
    notifier_.stopping();
    notifier_.status("stopping");
}

std::string SystemdFeed::status_line(const Readiness::State& state)
{
    if (state.ready)
        return "ready";
    std::string line = "not ready:";
    for (const auto& [source, reason] : state.reasons)
        line += " " + source + "=" + reason;
    return line;
}

} // namespace kiosk::health
