#include "kiosk/kiosk_health.h"

#include <limits>
#include <variant>

#include <spdlog/spdlog.h>

#include "health/log_fields.h"

namespace kiosk::runtime {

KioskHealth::KioskHealth(boost::asio::io_context& io, const health::HealthConfig& config, std::string bearer_token,
                         const health::ReadinessLimits& limits, const std::string& version)
    : metrics_(registry_, config.live_frame_latency_buckets_s, version), readiness_(metrics_.ready), limits_(limits),
      endpoint_(io, config, std::move(bearer_token), registry_, readiness_)
{
    // Until each part has said how it is, it cannot be counted on.
    readiness_.block("camera", "starting");
    readiness_.block("printer", "not_checked");
}

void KioskHealth::start()
{
    endpoint_.start();
}

void KioskHealth::stop()
{
    endpoint_.stop();
}

unsigned short KioskHealth::port() const
{
    return endpoint_.port();
}

void KioskHealth::block_or_clear(const std::string& source, const std::optional<std::string>& reason)
{
    const auto before = readiness_.state().reasons;
    const auto was = before.find(source);
    if (reason)
        readiness_.block(source, *reason);
    else
        readiness_.clear(source);
    const bool changed = reason ? (was == before.end() || was->second != *reason) : was != before.end();
    if (changed) {
        const health::LogFields fields{
            {"KIOSK_EVENT", "readiness_changed"}, {"KIOSK_SOURCE", source}, {"KIOSK_REASON", reason.value_or("cleared")}};
        spdlog::info("health: {} {}", source, reason ? "blocks readiness: " + *reason : "no longer blocks readiness");
    }
}

void KioskHealth::running()
{
    readiness_.clear("kiosk");
}

void KioskHealth::stopping()
{
    readiness_.block("kiosk", "stopping");
}

void KioskHealth::camera(camera::CameraState state)
{
    using camera::CameraState;
    metrics_.camera_up.set(state == CameraState::Streaming ? 1 : 0);
    // Stopped on purpose is no fault; gone or broken is.
    metrics_.camera_fault.set(state == CameraState::Unavailable || state == CameraState::Failed ? 1 : 0);
    block_or_clear("camera", state == CameraState::Streaming ? std::nullopt
                                                             : std::optional<std::string>(camera::to_string(state)));
}

void KioskHealth::controller(const lightseat::ControllerEvent& event)
{
    // The board's state and its faults are separate reasons: a fault
    // clearing must not hide a board that is still missing.
    if (const auto* changed = std::get_if<lightseat::StateChanged>(&event)) {
        using lightseat::ControllerState;
        std::optional<std::string> reason;
        if (changed->state == ControllerState::Faulted)
            reason = "faulted";
        else if (changed->state == ControllerState::Searching)
            reason = "searching";
        else if (changed->state != ControllerState::Ready)
            return;   // stopping or initialising: the next state says more
        metrics_.controller_up.set(reason ? 0 : 1);
        if (limits_.controller_blocks)
            block_or_clear("controller", reason);
    } else if (const auto* faults = std::get_if<lightseat::FaultsChanged>(&event)) {
        if (faults->faults.any())
            metrics_.controller_faults.add();
        if (limits_.controller_blocks)
            block_or_clear("controller_board",
                           faults->faults.any() ? std::optional<std::string>("board_fault") : std::nullopt);
    }
}

void KioskHealth::printer(printer::Problem problem)
{
    const bool prints = problem == printer::Problem::None || problem == printer::Problem::PaperLow;
    metrics_.printer_up.set(prints ? 1 : 0);
    metrics_.printer_paper_out.set(problem == printer::Problem::PaperOut ? 1 : 0);
    block_or_clear("printer", prints ? std::nullopt : std::optional<std::string>(printer::to_string(problem)));
}

void KioskHealth::outbox(const upload::OutboxStatus& status)
{
    metrics_.outbox_pending.set(static_cast<double>(status.depth));
    const auto age = status.oldest_pending_age.value_or(std::chrono::seconds(0));
    metrics_.outbox_oldest_pending_age.set(static_cast<double>(age.count()));
    block_or_clear("outbox",
                   age > limits_.outbox_oldest_pending_max ? std::optional<std::string>("uploads_stuck") : std::nullopt);
}

void KioskHealth::still_judged(const vision::Assessment& assessment)
{
    for (const auto* failed : assessment.failures()) {
        metrics_.check_failures(failed->id).add();
        const health::LogFields fields{{"KIOSK_EVENT", "check_failed"}, {"KIOSK_CHECK", failed->id}};
        spdlog::info("health: a captured still failed {}", failed->id);
    }
}

void KioskHealth::disk_free(std::uintmax_t bytes)
{
    metrics_.disk_free.set(static_cast<double>(bytes));
    block_or_clear("disk", bytes < limits_.disk_free_min_bytes ? std::optional<std::string>("low_space") : std::nullopt);
}

void KioskHealth::calibration_age(std::optional<std::chrono::seconds> age)
{
    // Never calibrated reads as older than any alert's limit.
    metrics_.calibration_profile_age.set(age ? static_cast<double>(age->count())
                                             : std::numeric_limits<double>::infinity());
}

} // namespace kiosk::runtime
