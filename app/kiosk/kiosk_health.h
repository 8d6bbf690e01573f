#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>

#include "camera/camera_state.h"
#include "health/health_config.h"
#include "health/health_endpoint.h"
#include "health/kiosk_metrics.h"
#include "health/metrics_registry.h"
#include "health/readiness.h"
#include "health/readiness_limits.h"
#include "lightseat/lightseat_controller.h"
#include "printer/printer.h"
#include "upload/outbox.h"
#include "vision/assessment.h"

namespace kiosk::runtime {

// The kiosk as operators see it: the metrics every part reports into,
// whether a citizen can be served now (and each part's reason when not), and
// the endpoint serving both on the runtime's io_context. Each report below
// sets the part's metrics and blocks or clears its own readiness reason;
// reasons are codes, never personal data. Reports may come from any thread.
class KioskHealth {
public:
    // Binds the endpoint's port at once, so a taken port is a start-up error.
    KioskHealth(boost::asio::io_context& io, const health::HealthConfig& config, std::string bearer_token,
                const health::ReadinessLimits& limits, const std::string& version);

    void start();
    // On the io_context's thread, or after it stopped.
    void stop();
    unsigned short port() const;

    health::KioskMetrics& metrics() { return metrics_; }
    const health::Readiness& readiness() const { return readiness_; }
    const health::ReadinessLimits& limits() const { return limits_; }

    // The session loop runs (its first tick), or the kiosk is shutting down.
    void running();
    void stopping();
    void camera(camera::CameraState state);
    void controller(const lightseat::ControllerEvent& event);
    void printer(printer::Problem problem);
    void outbox(const upload::OutboxStatus& status);
    void disk_free(std::uintmax_t bytes);
    // Age of the active calibration profile; none: never calibrated.
    void calibration_age(std::optional<std::chrono::seconds> age);
    // A captured still's assessment: every check it failed is counted.
    void still_judged(const vision::Assessment& assessment);

private:
    void block_or_clear(const std::string& source, const std::optional<std::string>& reason);

    health::MetricsRegistry registry_;
    health::KioskMetrics metrics_;
    health::Readiness readiness_;
    health::ReadinessLimits limits_;
    health::HealthEndpoint endpoint_;
};

} // namespace kiosk::runtime
