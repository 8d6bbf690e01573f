#pragma once

#include <string>
#include <vector>

#include "health/metrics_registry.h"

namespace kiosk::health {

// The metrics a kiosk reports, registered once at start-up so every name is
// on /metrics (at zero) before its first event, and so config/monitoring's
// alert rules can be checked against this list. Components keep the
// references; the session-wide ones are updated where the event happens.
struct KioskMetrics {
    // `latency_bounds_s`: the live-frame latency buckets, from config/health.
    KioskMetrics(MetricsRegistry& registry, const std::vector<double>& latency_bounds_s, const std::string& version);

    Counter& sessions_started;
    Counter& sessions_completed;
    Counter& capture_retakes;
    Histogram& live_frame_latency;      // capture to guidance on screen, seconds
    Gauge& ready;                       // 1 when a citizen can be served
    Gauge& outbox_pending;
    Gauge& outbox_oldest_pending_age;   // seconds; 0 when nothing is pending
    Gauge& printer_up;
    Gauge& printer_paper_out;
    Gauge& camera_up;
    Gauge& camera_fault;                // the camera failed or is gone, as opposed to stopped on purpose
    Gauge& controller_up;
    Counter& controller_faults;
    Gauge& calibration_profile_age;     // seconds since the light profile was measured; +Inf: never calibrated
    Gauge& disk_free;                   // bytes free under the state folder
    Gauge& start_time;                  // Unix seconds; uptime is time() - this in PromQL
    Gauge& last_session_end;            // Unix seconds a visit last ended (receipt or not); 0 before the first

    // Why a session ended without a receipt (a catalog-free code such as
    // "timeout" or "walked_away"); registered on first use.
    Counter& sessions_abandoned(const std::string& reason);
    // A compliance check that failed on a captured still, by check id.
    Counter& check_failures(const std::string& check_id);

private:
    MetricsRegistry& registry_;
};

} // namespace kiosk::health
