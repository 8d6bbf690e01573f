#pragma once

#include "health/systemd_feed.h"
#include "kiosk/kiosk_health.h"
#include "kiosk/session_loop.h"

namespace kiosk::runtime {

// Turns what the session loop does into the kiosk's health: visits started,
// completed and abandoned (with why), retakes, the live-frame latency, the
// end of the last visit; the first tick marks the kiosk running, and every
// tick feeds systemd (see SystemdFeed), so a hung loop stops the watchdog.
class SessionHealth : public SessionLoop::Observer {
public:
    SessionHealth(KioskHealth& health, health::SystemdFeed& systemd);

    void handled(const session::Event& event, session::Step before, const session::ViewModel& after) override;
    void guidance_published(session::SteadyClock::duration latency) override;
    void ticked(session::SteadyClock::time_point now) override;

    // Why a visit ended without reaching the done screen: a code for the
    // kiosk_sessions_abandoned_total{reason} label.
    static const char* abandon_reason(const session::Event& event);

private:
    KioskHealth& health_;
    health::SystemdFeed& systemd_;
    bool running_ = false;
};

} // namespace kiosk::runtime
