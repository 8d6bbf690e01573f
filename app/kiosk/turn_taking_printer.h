#pragma once

#include <mutex>

#include "printer/printer.h"

namespace kiosk::runtime {

// Lends a Printer that another part of the kiosk already uses to one more
// user: every call waits its turn on the owner's mutex, because a Printer
// serves one thread at a time (the receipt slips, the health survey's status
// polls and a technician's test slip all reach the same device).
class TurnTakingPrinter : public printer::Printer {
public:
    TurnTakingPrinter(printer::Printer& printer, std::mutex& turn) : printer_(printer), turn_(turn) {}

    printer::PrinterStatus status() override;
    printer::PrintResult print(const printer::PrintRequest& request) override;
    printer::JobState job_state(int job_id) override;
    std::optional<int> find_job(const std::string& title) override;

private:
    printer::Printer& printer_;
    std::mutex& turn_;
};

} // namespace kiosk::runtime
