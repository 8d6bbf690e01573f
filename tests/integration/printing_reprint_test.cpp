// The journal around a real cupsd: a slip is never printed twice by
// accident, a technician can reprint, and a crash mid-print is settled by
// asking CUPS rather than by printing again.
#include <chrono>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "printer/cups_printer.h"
#include "receipt/receipt_printer.h"
#include "support/cupsd_fixture.h"
#include "support/quick_printer.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk;
using namespace std::chrono;
using namespace std::chrono_literals;

class PrintingReprint : public ::testing::Test {
protected:
    printer::PrinterConfig config_for(const std::string& queue) const
    {
        return test::quick_printer_config(cupsd_, queue);
    }

    static receipt::ReceiptNumber number(int sequence)
    {
        return receipt::ReceiptNumber::issue("GZ001", year{2025} / November / 25, sequence);
    }

    static receipt::SlipPdf slip() { return {test::kOnePagePdf, 80, 105.8}; }

    std::filesystem::path journal_dir() const { return folder_.path() / "journal"; }

    test::TemporaryCupsd cupsd_;
    kiosk::test::TestFolder folder_{"kiosk-journal"};
};

TEST_F(PrintingReprint, SecondFirstPrintIsRefusedAndReprintPrintsAgain)
{
    cupsd_.add_queue("receipt", "capture");
    printer::CupsPrinter printer(config_for("receipt"));
    receipt::PrintJournal journal(journal_dir(), 20);
    receipt::ReceiptPrinter receipts(printer, journal, 1);

    const auto first = receipts.print_new(number(1), slip());
    ASSERT_TRUE(first.printed) << first.detail;
    EXPECT_EQ(journal.find(number(1))->state, receipt::SlipState::Printed);
    EXPECT_EQ(journal.find(number(1))->job_id, first.job_id);

    const auto again = receipts.print_new(number(1), slip());
    EXPECT_FALSE(again.printed);
    EXPECT_TRUE(again.refused);
    EXPECT_EQ(cupsd_.job_count("receipt"), 1);

    const auto reprint = receipts.reprint(number(1));
    EXPECT_TRUE(reprint.printed) << reprint.detail;
    EXPECT_EQ(cupsd_.job_count("receipt"), 2);
    EXPECT_EQ(journal.find(number(1))->prints, 2);
}

TEST_F(PrintingReprint, PaperOutKeepsTheSlipForReprintOnAnotherQueue)
{
    cupsd_.add_queue("empty", "fault", "media-empty-error");
    const auto out = cupsd_.add_queue("refilled", "capture");
    receipt::PrintJournal journal(journal_dir(), 20);

    printer::CupsPrinter empty(config_for("empty"));
    receipt::ReceiptPrinter on_empty(empty, journal, 1);
    const auto failed = on_empty.print_new(number(2), slip());
    EXPECT_FALSE(failed.printed);
    EXPECT_EQ(failed.problem, printer::Problem::PaperOut);
    const auto entry = journal.find(number(2));
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->state, receipt::SlipState::NotPrinted);
    EXPECT_EQ(entry->problem, "paper-out");
    EXPECT_EQ(journal.pdf(number(2)), test::kOnePagePdf);

    printer::CupsPrinter refilled(config_for("refilled"));
    receipt::ReceiptPrinter on_refilled(refilled, journal, 1);
    const auto reprint = on_refilled.reprint(number(2));
    ASSERT_TRUE(reprint.printed) << reprint.detail;
    EXPECT_TRUE(std::filesystem::exists(out / ("job-" + std::to_string(reprint.job_id) + ".pdf")));
}

TEST_F(PrintingReprint, CrashAfterTheJobWasCreatedIsSettledWithoutPrintingAgain)
{
    cupsd_.add_queue("receipt", "capture");
    printer::CupsPrinter printer(config_for("receipt"));
    receipt::PrintJournal journal(journal_dir(), 20);

    // What a crash leaves: the entry says "submitting" (no job id yet), yet
    // CUPS had already taken the job and printed it.
    journal.add(number(3), slip());
    auto entry = *journal.find(number(3));
    entry.state = receipt::SlipState::Submitting;
    journal.update(entry);
    const auto printed = printer.print({number(3).str(), test::kOnePagePdf, 80, 105.8, 1, {}});
    ASSERT_TRUE(printed.printed) << printed.detail;

    receipt::ReceiptPrinter receipts(printer, journal, 1);
    EXPECT_TRUE(receipts.reprint(number(3)).refused) << "in doubt until recovered";
    const auto settled = receipts.recover();
    ASSERT_EQ(settled.size(), 1u);
    EXPECT_EQ(settled[0].state, receipt::SlipState::Printed);
    EXPECT_EQ(settled[0].job_id, printed.job_id);
    EXPECT_EQ(cupsd_.job_count("receipt"), 1) << "recovery never prints";
    EXPECT_TRUE(receipts.print_new(number(3), slip()).refused);
}

TEST_F(PrintingReprint, CrashBeforeAnyJobExistedIsSettledAsNotPrinted)
{
    cupsd_.add_queue("receipt", "capture");
    printer::CupsPrinter printer(config_for("receipt"));
    receipt::PrintJournal journal(journal_dir(), 20);
    journal.add(number(4), slip());
    auto entry = *journal.find(number(4));
    entry.state = receipt::SlipState::Submitting;
    journal.update(entry);

    receipt::ReceiptPrinter receipts(printer, journal, 1);
    const auto settled = receipts.recover();
    ASSERT_EQ(settled.size(), 1u);
    EXPECT_EQ(settled[0].state, receipt::SlipState::NotPrinted);
    EXPECT_EQ(cupsd_.job_count("receipt"), 0);

    // Now the technician may print it.
    EXPECT_TRUE(receipts.reprint(number(4)).printed);
    EXPECT_EQ(cupsd_.job_count("receipt"), 1);
}

TEST_F(PrintingReprint, ResubmissionWaitsWhileTheOldJobIsStillInThePrinter)
{
    cupsd_.add_queue("empty", "fault", "media-empty-error");
    cupsd_.add_queue("refilled", "capture");
    receipt::PrintJournal journal(journal_dir(), 20);
    journal.add(number(5), slip());

    // The rejected photo's slip is stuck in a printer out of paper while
    // the kiosk that sent it still follows it, as after a restart mid-print.
    auto patient = config_for("empty");
    patient.problem_grace = 5s;
    printer::CupsPrinter sender(patient);
    std::promise<int> queued;
    std::thread old_print([&] {
        bool told = false;
        sender.print({number(5).str(), test::kOnePagePdf, 80, 105.8, 1, [&](int job_id) {
                          told = true;
                          queued.set_value(job_id);
                      }});
        if (!told)
            queued.set_value(0);   // never queued: the test fails below instead of hanging
    });
    auto entry = *journal.find(number(5));
    entry.state = receipt::SlipState::Submitted;
    entry.job_id = queued.get_future().get();
    if (entry.job_id == 0) {
        old_print.join();
        FAIL() << "the stuck job was never queued";
    }
    journal.update(entry);

    printer::CupsPrinter empty(config_for("empty"));
    receipt::ReceiptPrinter on_empty(empty, journal, 1);
    const receipt::SlipPdf retaken{test::kOnePagePdf + "% retaken\n", 80, 105.8};
    const auto waiting = on_empty.print_resubmission(number(5), retaken);
    EXPECT_TRUE(waiting.refused) << waiting.detail;
    EXPECT_FALSE(waiting.printed);
    EXPECT_EQ(journal.find(number(5))->state, receipt::SlipState::Submitted);
    EXPECT_EQ(journal.pdf(number(5)), test::kOnePagePdf) << "the stuck job's slip is kept until it ends";
    EXPECT_EQ(cupsd_.job_count("empty"), 1);

    old_print.join();   // the sender gives up on the empty printer and cancels its job
    printer::CupsPrinter refilled(config_for("refilled"));
    receipt::ReceiptPrinter on_refilled(refilled, journal, 1);
    const auto printed = on_refilled.print_resubmission(number(5), retaken);
    ASSERT_TRUE(printed.printed) << printed.detail;
    EXPECT_EQ(journal.pdf(number(5)), retaken.bytes);
    EXPECT_EQ(journal.find(number(5))->state, receipt::SlipState::Printed);
    EXPECT_EQ(cupsd_.job_count("refilled"), 1);
}

} // namespace
