#pragma once

#include <string>
#include <vector>

#include "printer/printer.h"
#include "receipt/print_journal.h"

namespace kiosk::receipt {

struct ReceiptPrintOutcome {
    bool printed = false;
    // Not sent at all because the journal says it must not be (a second
    // first print, or a job that may still be in the printer).
    bool refused = false;
    printer::Problem problem = printer::Problem::None;
    int job_id = 0;
    std::string detail;
};

// Prints receipt slips so that no slip comes out twice by accident. Every
// step is in the journal before it happens: "submitting" before the job is
// sent, "submitted" with the job id once the printer has it, then "printed"
// or "not-printed". After a crash recover() settles what was in flight by
// asking the printer, and never prints.
class ReceiptPrinter {
public:
    ReceiptPrinter(printer::Printer& printer, PrintJournal& journal, int copies);

    // The first print of a new slip. A number already in the journal is
    // refused: a session restarted after a crash that asks again must not
    // get a second slip. When the printer cannot print, the slip stays in
    // the journal for reprint and the outcome says why.
    ReceiptPrintOutcome print_new(const ReceiptNumber& number, const SlipPdf& slip);

    // The first print of a resubmission's slip (a retake after the review
    // centre rejected the photo): the new slip replaces the number's kept
    // one. A job for the number still in doubt is settled first and, when
    // the printer still holds it, the new slip is refused, so that the old
    // one can never come out beside it unnoticed.
    ReceiptPrintOutcome print_resubmission(const ReceiptNumber& number, const SlipPdf& slip);

    // A technician's deliberate reprint of a kept slip. Refused while a
    // job for it may still be in the printer (run recover() first).
    ReceiptPrintOutcome reprint(const ReceiptNumber& number);

    // Settles entries left Submitting or Submitted: a job the printer
    // completed becomes Printed, a job it no longer has or ended becomes
    // NotPrinted, a job still queued stays Submitted. Returns the entries
    // after settling.
    std::vector<JournalEntry> recover();

private:
    ReceiptPrintOutcome send(JournalEntry entry, const std::string& pdf);
    JournalEntry settle(JournalEntry entry);

    printer::Printer& printer_;
    PrintJournal& journal_;
    int copies_;
};

} // namespace kiosk::receipt
