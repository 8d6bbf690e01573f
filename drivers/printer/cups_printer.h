#pragma once

#include <string>

#include "printer/cups_handles.h"
#include "printer/printer.h"
#include "printer/printer_config.h"

namespace kiosk::printer {

// Prints through a CUPS queue with libcups: reads printer-state and
// printer-state-reasons, creates the job with the slip's media size, no
// scaling and the copy count, streams the PDF, and polls the job to its end.
// The connection is opened on first use and reopened after an error.
class CupsPrinter : public Printer {
public:
    explicit CupsPrinter(PrinterConfig config);

    PrinterStatus status() override;
    PrintResult print(const PrintRequest& request) override;
    JobState job_state(int job_id) override;
    std::optional<int> find_job(const std::string& title) override;

private:
    // Null when the server cannot be reached; the reason is in last_error_.
    http_t* connection();
    void drop_connection() { http_.reset(); }
    IppMessage new_request(ipp_op_t op) const;
    IppMessage send(IppMessage request);
    bool cancel(int job_id);
    PrintResult submit(const PrintRequest& request, PrintResult result);

    PrinterConfig config_;
    std::string printer_uri_;
    CupsConnection http_;
    std::string last_error_;
};

} // namespace kiosk::printer
