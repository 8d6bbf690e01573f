#include "kiosk/session_health.h"

#include <chrono>

#include <spdlog/spdlog.h>

#include "health/log_fields.h"

namespace kiosk::runtime {

namespace {

bool in_visit(session::Step step)
{
    return step != session::Step::Attract && step != session::Step::OutOfService;
}

double unix_seconds_now()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

} // namespace

SessionHealth::SessionHealth(KioskHealth& health, health::SystemdFeed& systemd) : health_(health), systemd_(systemd)
{
}

const char* SessionHealth::abandon_reason(const session::Event& event)
{
    if (std::holds_alternative<session::Tick>(event))
        return "timeout";
    if (std::holds_alternative<session::OccupancyChanged>(event))
        return "walked_away";
    if (std::holds_alternative<session::DeviceChanged>(event))
        return "device_lost";
    if (std::holds_alternative<session::ActionTouched>(event))
        return "cancelled";
    return "other";
}

void SessionHealth::handled(const session::Event& event, session::Step before, const session::ViewModel& after)
{
    using session::Step;
    auto& metrics = health_.metrics();
    if (!in_visit(before) && in_visit(after.step))
        metrics.sessions_started.add();
    if (before != Step::Done && after.step == Step::Done) {
        metrics.sessions_completed.add();
        const health::LogFields fields{{"KIOSK_EVENT", "visit_completed"}};
        spdlog::info("health: a visit reached the done screen");
    }
    if (in_visit(before) && !in_visit(after.step)) {
        if (before != Step::Done) {
            const std::string reason = abandon_reason(event);
            metrics.sessions_abandoned(reason).add();
            const health::LogFields fields{{"KIOSK_EVENT", "visit_abandoned"}, {"KIOSK_REASON", reason},
                                           {"KIOSK_STEP", std::string(session::to_string(before))}};
            spdlog::info("health: a visit was abandoned at {} ({})", session::to_string(before), reason);
        }
        metrics.last_session_end.set(unix_seconds_now());
    }
    const auto* touched = std::get_if<session::ActionTouched>(&event);
    if (touched && touched->action == session::Action::Retake && before == Step::Review &&
        after.step == Step::SeatAndPose)
        metrics.capture_retakes.add();
}

void SessionHealth::guidance_published(session::SteadyClock::duration latency)
{
    health_.metrics().live_frame_latency.observe(std::chrono::duration<double>(latency).count());
}

void SessionHealth::ticked(session::SteadyClock::time_point now)
{
    if (!running_) {
        health_.running();
        running_ = true;
    }
    systemd_.tick(now);
}

} // namespace kiosk::runtime
