#pragma once

#include "calibration/calibration_report.h"
#include "calibration/printer_check_slip.h"
#include "printer/printer.h"
#include "receipt/receipt_config.h"

namespace kiosk::calibration {

// The printer procedure: reads the queue's state, prints a test slip when it
// can print, and says what to do when it cannot. A printer that can print
// passes (with a paper-low warning when the roll runs short); a stopped,
// rejecting, paper-out, cover-open or offline queue fails with the advice
// for that state; a print service or queue that cannot be reached is an
// error. Blocks for the length of a print job.
class PrinterCheck {
public:
    PrinterCheck(printer::Printer& printer, std::string queue_name, receipt::SlipLayout layout, TestSlipText text);

    ProcedureReport run();

private:
    printer::Printer& printer_;
    std::string queue_name_;
    receipt::SlipLayout layout_;
    TestSlipText text_;
};

// The technician's advice for a printer problem, a key under "calibration".
std::string printer_advice_key(printer::Problem problem);

// "idle, accepting jobs, reasons none": the queue's state for the report.
std::string describe_queue(const printer::PrinterStatus& status);

} // namespace kiosk::calibration
