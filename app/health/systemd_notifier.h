#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace kiosk::health {

// Tells systemd how the kiosk is doing (sd_notify): READY=1 once it can
// serve, WATCHDOG=1 from the main loop so a hung loop gets the service
// restarted, STATUS= a one-line state for `systemctl status`. Outside
// systemd (no NOTIFY_SOCKET) every call does nothing and returns false, so
// the same program runs from a shell or a test.
class SystemdNotifier {
public:
    bool ready();
    bool watchdog();
    bool stopping();
    // Newlines would start a new assignment in the message; they become spaces.
    bool status(const std::string& text);

    // How often systemd wants WATCHDOG=1 (WatchdogSec=), when it wants it
    // at all; feed at half of it so one late loop is not a restart.
    static std::optional<std::chrono::microseconds> watchdog_interval();

private:
    bool notify(const std::string& message);
};

} // namespace kiosk::health
