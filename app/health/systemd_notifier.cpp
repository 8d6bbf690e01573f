#include "health/systemd_notifier.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

namespace kiosk::health {

bool SystemdNotifier::notify(const std::string& message)
{
    const int result = sd_notify(0, message.c_str());
    if (result < 0) {
        // Not fatal: the kiosk can still serve; a missed WATCHDOG=1 is what
        // gets it restarted if the socket stays broken.
        spdlog::warn("sd_notify failed: {}", std::strerror(-result));
    }
    return result > 0;
}

bool SystemdNotifier::ready()
{
    return notify("READY=1");
}

bool SystemdNotifier::watchdog()
{
    return notify("WATCHDOG=1");
}

bool SystemdNotifier::stopping()
{
    return notify("STOPPING=1");
}

bool SystemdNotifier::status(const std::string& text)
{
    std::string line = text;
    std::replace(line.begin(), line.end(), '\n', ' ');
    return notify("STATUS=" + line);
}

std::optional<std::chrono::microseconds> SystemdNotifier::watchdog_interval()
{
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0)
        return std::nullopt;
    return std::chrono::microseconds(usec);
}

} // namespace kiosk::health
