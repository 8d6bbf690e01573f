#include "printer/printer.h"

#include <algorithm>

namespace kiosk::printer {
namespace {

// printer-state-reasons carry a severity suffix; the condition is the stem.
bool has_reason(const std::vector<std::string>& reasons, const std::string& stem)
{
    return std::any_of(reasons.begin(), reasons.end(), [&](const std::string& r) {
        return r == stem || r == stem + "-error" || r == stem + "-warning" || r == stem + "-report";
    });
}

} // namespace

const char* to_string(Problem problem)
{
    switch (problem) {
    case Problem::None: return "none";
    case Problem::PaperLow: return "paper-low";
    case Problem::PaperOut: return "paper-out";
    case Problem::CoverOpen: return "cover-open";
    case Problem::Offline: return "offline";
    case Problem::QueueStopped: return "queue-stopped";
    case Problem::NotAccepting: return "not-accepting";
    case Problem::Unreachable: return "unreachable";
    case Problem::JobFailed: return "job-failed";
    case Problem::TimedOut: return "timed-out";
    }
    return "unknown";
}

const char* to_string(JobState state)
{
    switch (state) {
    case JobState::Pending: return "pending";
    case JobState::Processing: return "processing";
    case JobState::Held: return "held";
    case JobState::Stopped: return "stopped";
    case JobState::Completed: return "completed";
    case JobState::Cancelled: return "cancelled";
    case JobState::Aborted: return "aborted";
    case JobState::Unknown: return "unknown";
    }
    return "unknown";
}

Problem PrinterStatus::problem() const
{
    if (state == PrinterState::Unknown)
        return Problem::Unreachable;
    if (has_reason(reasons, "media-empty") || has_reason(reasons, "media-needed"))
        return Problem::PaperOut;
    if (has_reason(reasons, "cover-open") || has_reason(reasons, "door-open"))
        return Problem::CoverOpen;
    if (has_reason(reasons, "offline") || has_reason(reasons, "shutdown"))
        return Problem::Offline;
    if (state == PrinterState::Stopped || has_reason(reasons, "paused"))
        return Problem::QueueStopped;
    if (!accepting)
        return Problem::NotAccepting;
    if (has_reason(reasons, "media-low"))
        return Problem::PaperLow;
    return Problem::None;
}

} // namespace kiosk::printer
