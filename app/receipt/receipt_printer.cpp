#include "receipt/receipt_printer.h"

#include <spdlog/spdlog.h>

namespace kiosk::receipt {

ReceiptPrinter::ReceiptPrinter(printer::Printer& printer, PrintJournal& journal, int copies)
    : printer_(printer), journal_(journal), copies_(copies)
{
}

ReceiptPrintOutcome ReceiptPrinter::print_new(const ReceiptNumber& number, const SlipPdf& slip)
{
    if (const auto existing = journal_.find(number)) {
        ReceiptPrintOutcome refused;
        refused.refused = true;
        refused.detail = "receipt " + number.str() + " was already handed to the printer (" +
                         to_string(existing->state) + "); only a technician's reprint prints it again";
        return refused;
    }
    journal_.add(number, slip);
    return send(*journal_.find(number), slip.bytes);
}

ReceiptPrintOutcome ReceiptPrinter::print_resubmission(const ReceiptNumber& number, const SlipPdf& slip)
{
    if (auto existing = journal_.find(number); existing && existing->in_doubt()) {
        const JournalEntry settled = settle(*existing);
        if (settled.in_doubt()) {
            ReceiptPrintOutcome refused;
            refused.refused = true;
            refused.job_id = settled.job_id;
            refused.detail = "receipt " + number.str() + " has job " + std::to_string(settled.job_id) +
                             " still in the printer; the resubmission's slip waits until it ends";
            return refused;
        }
    }
    journal_.replace(number, slip);
    return send(*journal_.find(number), slip.bytes);
}

ReceiptPrintOutcome ReceiptPrinter::reprint(const ReceiptNumber& number)
{
    const auto entry = journal_.find(number);
    ReceiptPrintOutcome refused;
    refused.refused = true;
    if (!entry) {
        refused.detail = "receipt " + number.str() + " is not among the kept slips";
        return refused;
    }
    if (entry->in_doubt()) {
        refused.detail = "receipt " + number.str() + " may still be in the printer (" + to_string(entry->state) +
                         "); settle it with recover first";
        return refused;
    }
    return send(*entry, journal_.pdf(number));
}

ReceiptPrintOutcome ReceiptPrinter::send(JournalEntry entry, const std::string& pdf)
{
    entry.state = SlipState::Submitting;
    entry.job_id = 0;
    journal_.update(entry);

    printer::PrintRequest request{entry.number, pdf, entry.width_mm, entry.length_mm, copies_, {}};
    request.on_submitted = [&](int job_id) {
        entry.state = SlipState::Submitted;
        entry.job_id = job_id;
        journal_.update(entry);
    };
    const printer::PrintResult result = printer_.print(request);

    entry.job_id = result.job_id;
    entry.problem = printer::to_string(result.problem);
    if (result.printed) {
        entry.state = SlipState::Printed;
        ++entry.prints;
    } else {
        entry.state = SlipState::NotPrinted;
    }
    journal_.update(entry);

    ReceiptPrintOutcome outcome;
    outcome.printed = result.printed;
    outcome.problem = result.problem;
    outcome.job_id = result.job_id;
    outcome.detail = result.detail;
    return outcome;
}

std::vector<JournalEntry> ReceiptPrinter::recover()
{
    std::vector<JournalEntry> settled;
    for (const JournalEntry& entry : journal_.in_doubt())
        settled.push_back(settle(entry));
    return settled;
}

JournalEntry ReceiptPrinter::settle(JournalEntry entry)
{
    // A crash between "submitting" and "submitted" leaves no job id: the
    // printer may still have created the job, so look it up by title.
    if (entry.job_id == 0)
        entry.job_id = printer_.find_job(entry.number).value_or(0);
    const printer::JobState state = entry.job_id > 0 ? printer_.job_state(entry.job_id) : printer::JobState::Unknown;
    switch (state) {
    case printer::JobState::Completed:
        entry.state = SlipState::Printed;
        ++entry.prints;
        entry.problem = "none";
        break;
    case printer::JobState::Pending:
    case printer::JobState::Processing:
    case printer::JobState::Held:
    case printer::JobState::Stopped:
        entry.state = SlipState::Submitted;
        break;
    case printer::JobState::Cancelled:
    case printer::JobState::Aborted:
    case printer::JobState::Unknown:
        entry.state = SlipState::NotPrinted;
        entry.problem = std::string("interrupted, job ") + printer::to_string(state);
        break;
    }
    journal_.update(entry);
    spdlog::info("print journal: receipt {} settled as {} (job {})", entry.number, to_string(entry.state),
                 entry.job_id);
    return entry;
}

} // namespace kiosk::receipt
