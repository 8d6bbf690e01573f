#include "health/kiosk_metrics.h"

#include <chrono>
#include <limits>

namespace kiosk::health {

namespace {

constexpr const char* abandoned_name = "kiosk_sessions_abandoned_total";
constexpr const char* abandoned_help = "Sessions that ended without a receipt, by reason.";
constexpr const char* check_failures_name = "kiosk_check_failures_total";
constexpr const char* check_failures_help = "Compliance checks failed on captured stills, by check id.";

} // namespace

KioskMetrics::KioskMetrics(MetricsRegistry& registry, const std::vector<double>& latency_bounds_s,
                           const std::string& version)
    : sessions_started(registry.counter("kiosk_sessions_started_total", "Citizen sessions started.")),
      sessions_completed(
          registry.counter("kiosk_sessions_completed_total", "Sessions that ended with a photo submitted.")),
      capture_retakes(registry.counter("kiosk_capture_retakes_total", "Stills the citizen asked to take again.")),
      live_frame_latency(registry.histogram("kiosk_live_frame_latency_seconds",
                                            "Time from a frame's capture to its guidance on screen.",
                                            latency_bounds_s)),
      ready(registry.gauge("kiosk_ready", "1 when the kiosk can serve a citizen; /readyz says why not.")),
      outbox_pending(registry.gauge("kiosk_outbox_pending", "Submissions waiting in the outbox.")),
      outbox_oldest_pending_age(registry.gauge("kiosk_outbox_oldest_pending_age_seconds",
                                               "Age of the oldest submission still waiting; 0 when none.")),
      printer_up(registry.gauge("kiosk_printer_up", "1 when the receipt printer accepts jobs.")),
      printer_paper_out(registry.gauge("kiosk_printer_paper_out", "1 when the receipt printer reports no paper.")),
      camera_up(registry.gauge("kiosk_camera_up", "1 while the camera is streaming.")),
      camera_fault(registry.gauge("kiosk_camera_fault", "1 when the camera failed or is unavailable.")),
      controller_up(registry.gauge("kiosk_controller_up", "1 while the light/seat controller answers.")),
      controller_faults(
          registry.counter("kiosk_controller_faults_total", "Faults the light/seat controller reported.")),
      calibration_profile_age(registry.gauge("kiosk_calibration_profile_age_seconds",
                                             "Seconds since the light profile in use was measured.")),
      disk_free(registry.gauge("kiosk_disk_free_bytes", "Bytes free on the file system of the state folder.")),
      start_time(registry.gauge("kiosk_start_time_seconds", "When the kiosk program started, Unix seconds.")),
      last_session_end(registry.gauge("kiosk_last_session_end_timestamp_seconds",
                                      "When a citizen's visit last ended, Unix seconds; 0 before the first.")),
      registry_(registry)
{
    registry.gauge("kiosk_build_info", "Always 1; the version label says which build runs.", {{"version", version}})
        .set(1);
    start_time.set(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());
    // Never calibrated is older than any limit an alert may set.
    calibration_profile_age.set(std::numeric_limits<double>::infinity());
    // Present from the start so a rule over them has a series before the first event.
    registry.counter(abandoned_name, abandoned_help, {{"reason", "timeout"}});
    registry.counter(check_failures_name, check_failures_help, {{"check", "face_count"}});
}

Counter& KioskMetrics::sessions_abandoned(const std::string& reason)
{
    return registry_.counter(abandoned_name, abandoned_help, {{"reason", reason}});
}

Counter& KioskMetrics::check_failures(const std::string& check_id)
{
    return registry_.counter(check_failures_name, check_failures_help, {{"check", check_id}});
}

} // namespace kiosk::health
