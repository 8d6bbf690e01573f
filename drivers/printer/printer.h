#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::printer {

// What a printer or queue reports about itself.
enum class PrinterState { Idle, Processing, Stopped, Unknown };

// The one thing the kiosk must act on, most serious first. Anything but None
// and PaperLow means the slip did not (or will not) come out: the kiosk shows
// the receipt as a QR code on screen and keeps the slip for reprint.
enum class Problem {
    None,
    PaperLow,        // still printing; tell the technician
    PaperOut,        // media-empty / media-needed
    CoverOpen,       // cover-open / door-open
    Offline,         // offline, or the queue cannot reach the device
    QueueStopped,    // the queue is paused or stopped by an error
    NotAccepting,    // the queue rejects new jobs
    Unreachable,     // the print service cannot be reached or the queue is unknown
    JobFailed,       // the job was aborted or refused
    TimedOut,        // the job did not finish in time (and was cancelled)
};

// A short, stable English name for logs and the health endpoint.
const char* to_string(Problem problem);

struct PrinterStatus {
    PrinterState state = PrinterState::Unknown;
    bool accepting = false;
    std::vector<std::string> reasons;   // IPP printer-state-reasons keywords
    std::string message;                // printer-state-message, may be empty

    // The most serious condition that stops printing, or PaperLow, or None.
    Problem problem() const;
};

// One document to print. The PDF is in memory: the slip is rendered before
// printing, so a slip that cannot be laid out never reaches the queue.
struct PrintRequest {
    std::string title;          // job name: the receipt number
    std::string pdf;            // the document
    double width_mm = 0;        // paper width the document was laid out for
    double length_mm = 0;       // slip length
    int copies = 1;
    // Called once the printer has accepted the job and before it is
    // followed, so the caller can record the job id: after a crash it then
    // knows the job exists and must not be sent again.
    std::function<void(int job_id)> on_submitted;
};

enum class JobState { Pending, Processing, Held, Stopped, Completed, Cancelled, Aborted, Unknown };
const char* to_string(JobState state);

struct PrintResult {
    bool printed = false;        // the job completed
    int job_id = 0;              // 0 when no job was created
    Problem problem = Problem::None;
    PrinterStatus before;
    PrinterStatus after;
    std::string detail;          // for the technician, no personal data
};

// A receipt printer. Calls block; one thread uses a Printer at a time.
class Printer {
public:
    virtual ~Printer() = default;

    virtual PrinterStatus status() = 0;

    // Checks the printer, submits the job only when it can print, then
    // follows it to the end. A job that cannot finish (paper out, cover
    // open, offline, stopped, timed out) is cancelled rather than left to
    // print later, when the citizen has gone.
    virtual PrintResult print(const PrintRequest& request) = 0;

    // For recovery after a crash: the state of a job submitted earlier,
    // and the newest job with a given title, if the printer still knows it.
    virtual JobState job_state(int job_id) = 0;
    virtual std::optional<int> find_job(const std::string& title) = 0;
};

} // namespace kiosk::printer
