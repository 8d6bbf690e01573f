#include "calibration/printer_check.h"

#include <chrono>

namespace kiosk::calibration {

namespace {

using printer::Problem;

const char* state_text(printer::PrinterState state)
{
    switch (state) {
    case printer::PrinterState::Idle: return "idle";
    case printer::PrinterState::Processing: return "printing";
    case printer::PrinterState::Stopped: return "stopped";
    case printer::PrinterState::Unknown: return "unknown";
    }
    return "unknown";
}

// A print service or queue that cannot be reached is not the booth being
// wrong but the check being unable to run.
Outcome outcome_of(Problem problem)
{
    switch (problem) {
    case Problem::None:
    case Problem::PaperLow: return Outcome::Pass;
    case Problem::Unreachable: return Outcome::Error;
    default: return Outcome::Fail;
    }
}

} // namespace

std::string printer_advice_key(Problem problem)
{
    switch (problem) {
    case Problem::None: return "calibration.printer.done";
    case Problem::PaperLow: return "calibration.printer.paper_low";
    case Problem::PaperOut: return "calibration.printer.paper_out";
    case Problem::CoverOpen: return "calibration.printer.cover_open";
    case Problem::Offline: return "calibration.printer.offline";
    case Problem::QueueStopped: return "calibration.printer.queue_stopped";
    case Problem::NotAccepting: return "calibration.printer.not_accepting";
    case Problem::Unreachable: return "calibration.printer.unreachable";
    case Problem::JobFailed: return "calibration.printer.job_failed";
    case Problem::TimedOut: return "calibration.printer.timed_out";
    }
    return "calibration.printer.job_failed";
}

std::string describe_queue(const printer::PrinterStatus& status)
{
    std::string reasons;
    for (const auto& r : status.reasons)
        reasons += (reasons.empty() ? "" : ",") + r;
    std::string text = std::string(state_text(status.state)) + ", " +
                       (status.accepting ? "accepting jobs" : "not accepting jobs") + ", reasons " +
                       (reasons.empty() ? "none" : reasons);
    if (!status.message.empty())
        text += ", message \"" + status.message + "\"";
    return text;
}

PrinterCheck::PrinterCheck(printer::Printer& printer, std::string queue_name, receipt::SlipLayout layout,
                           TestSlipText text)
    : printer_(printer), queue_name_(std::move(queue_name)), layout_(std::move(layout)), text_(std::move(text))
{
}

ProcedureReport PrinterCheck::run()
{
    ProcedureReport report;
    report.procedure = "printer";
    const printer::PrinterStatus before = printer_.status();
    const Problem waiting = before.problem();
    report.figures.push_back({"paper_low", waiting == Problem::PaperLow ? 1.0 : 0.0, {}, "", ""});
    if (outcome_of(waiting) != Outcome::Pass) {
        report.outcome = outcome_of(waiting);
        report.advice_key = printer_advice_key(waiting);
        report.detail = "printer " + queue_name_ + " cannot print (" + printer::to_string(waiting) +
                        "): " + describe_queue(before) + "; no test slip sent";
        return report;
    }

    const auto slip = render_test_slip(layout_, text_);
    const auto started = std::chrono::steady_clock::now();
    const printer::PrintResult printed =
        printer_.print({"kiosk test slip", slip.bytes, slip.width_mm, slip.length_mm, 1, {}});
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    report.figures.push_back({"print_ms", double(took.count()), {}, "", "ms"});
    report.figures.push_back({"slip_length_mm", slip.length_mm, {}, "", "mm"});
    const Problem after = printed.printed ? printed.after.problem() : printed.problem;
    if (printed.printed) {
        report.outcome = Outcome::Pass;
        report.advice_key = printer_advice_key(after == Problem::PaperLow ? Problem::PaperLow : Problem::None);
        report.detail = "test slip printed on " + queue_name_ + " (job " + std::to_string(printed.job_id) +
                        "); queue now " + describe_queue(printed.after);
        report.figures.front().value = after == Problem::PaperLow ? 1.0 : 0.0;
        return report;
    }
    report.outcome = outcome_of(after) == Outcome::Pass ? Outcome::Fail : outcome_of(after);
    report.advice_key = printer_advice_key(after == Problem::None ? Problem::JobFailed : after);
    report.detail = "the test slip did not print on " + queue_name_ + " (" + printer::to_string(printed.problem) +
                    "): " + printed.detail;
    return report;
}

} // namespace kiosk::calibration
