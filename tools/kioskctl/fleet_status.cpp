#include "fleet_status.h"

namespace kiosk::ctl {

namespace {

// app/health/kiosk_metrics.cpp's names; fleet-status-test reads them from a
// real KioskMetrics, so a rename there fails here.
constexpr const char* printer_up_metric = "kiosk_printer_up";
constexpr const char* paper_out_metric = "kiosk_printer_paper_out";
constexpr const char* camera_up_metric = "kiosk_camera_up";
constexpr const char* camera_fault_metric = "kiosk_camera_fault";
constexpr const char* controller_up_metric = "kiosk_controller_up";
constexpr const char* controller_faults_metric = "kiosk_controller_faults_total";
constexpr const char* outbox_pending_metric = "kiosk_outbox_pending";
constexpr const char* outbox_age_metric = "kiosk_outbox_oldest_pending_age_seconds";
constexpr const char* last_session_metric = "kiosk_last_session_end_timestamp_seconds";
constexpr const char* build_info_metric = "kiosk_build_info";

// The value of an unlabelled series.
std::optional<double> value_of(const std::map<std::string, health::ParsedFamily>& metrics, const char* name)
{
    const auto family = metrics.find(name);
    if (family == metrics.end())
        return std::nullopt;
    for (const auto& sample : family->second.samples)
        if (sample.name == name && sample.labels.empty())
            return sample.value;
    return std::nullopt;
}

std::optional<bool> flag_of(const std::map<std::string, health::ParsedFamily>& metrics, const char* name)
{
    const auto value = value_of(metrics, name);
    if (!value)
        return std::nullopt;
    return *value != 0;
}

} // namespace

const char* state_name(KioskState state)
{
    switch (state) {
    case KioskState::Ready: return "ready";
    case KioskState::NotReady: return "not_ready";
    case KioskState::Unreachable: return "unreachable";
    case KioskState::Failed: return "error";
    }
    return "error";
}

KioskStatus summarise(const FleetKiosk& kiosk, const KioskAnswer& answer)
{
    KioskStatus status;
    status.name = kiosk.name;
    status.hall = kiosk.hall;
    status.url = kiosk.url;
    status.ready = answer.ready;
    status.reasons = answer.reasons;
    status.error = answer.error;
    status.took = answer.took;
    if (!answer.answered)
        status.state = KioskState::Unreachable;
    else if (!answer.ready)
        status.state = KioskState::Failed;
    else
        status.state = *answer.ready ? KioskState::Ready : KioskState::NotReady;

    const auto& metrics = answer.metrics;
    status.printer_up = flag_of(metrics, printer_up_metric);
    status.paper_out = flag_of(metrics, paper_out_metric);
    status.camera_up = flag_of(metrics, camera_up_metric);
    status.camera_fault = flag_of(metrics, camera_fault_metric);
    status.controller_up = flag_of(metrics, controller_up_metric);
    status.controller_faults = value_of(metrics, controller_faults_metric);
    status.outbox_pending = value_of(metrics, outbox_pending_metric);
    status.outbox_oldest_age_s = value_of(metrics, outbox_age_metric);
    const auto last_session = value_of(metrics, last_session_metric);
    if (last_session && *last_session > 0)
        status.last_session_end_s = last_session;
    if (const auto build_info = metrics.find(build_info_metric); build_info != metrics.end()) {
        for (const auto& sample : build_info->second.samples)
            if (const auto version = sample.labels.find("version"); version != sample.labels.end())
                status.version = version->second;
    }
    return status;
}

FleetOutcome fleet_outcome(const std::vector<KioskStatus>& statuses)
{
    bool not_ready = false;
    for (const auto& status : statuses) {
        if (status.state == KioskState::Unreachable || status.state == KioskState::Failed || !status.error.empty())
            return FleetOutcome::SomeUnreachable;
        not_ready |= status.state == KioskState::NotReady;
    }
    return not_ready ? FleetOutcome::SomeNotReady : FleetOutcome::AllReady;
}

const char* outcome_name(FleetOutcome outcome)
{
    switch (outcome) {
    case FleetOutcome::AllReady: return "all_ready";
    case FleetOutcome::SomeNotReady: return "some_not_ready";
    case FleetOutcome::SomeUnreachable: return "some_unreachable";
    }
    return "some_unreachable";
}

} // namespace kiosk::ctl
