// The print journal and the PDF-folder printer, without a print server.
#include <algorithm>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "core/error.h"
#include "printer/file_printer.h"
#include "receipt/receipt_printer.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk;
using namespace kiosk::receipt;
using namespace std::chrono;

class JournalTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::create_directories(root_.path() / "printed");
    }

    static ReceiptNumber number(int sequence)
    {
        return ReceiptNumber::issue("GZ001", year{2025} / November / 25, sequence);
    }
    static SlipPdf slip(int sequence) { return {"%PDF-1.4 slip " + std::to_string(sequence), 80, 120}; }

    kiosk::test::TestFolder root_{"kiosk-journal"};
};

TEST_F(JournalTest, KeepsOnlyTheNewestSlips)
{
    PrintJournal journal(root_.path() / "journal", 3);
    for (int i = 1; i <= 5; ++i)
        journal.add(number(i), slip(i));
    const auto kept = journal.latest(10);
    ASSERT_EQ(kept.size(), 3u);
    EXPECT_EQ(kept[0].number, number(5).str());
    EXPECT_EQ(kept[2].number, number(3).str());
    EXPECT_FALSE(std::filesystem::exists(root_.path() / "journal" / (number(1).str() + ".pdf")))
        << "an old slip holds a photo and must go";
    EXPECT_THROW(journal.pdf(number(1)), InputError);
    EXPECT_EQ(journal.pdf(number(5)), slip(5).bytes);
    EXPECT_EQ(std::filesystem::status(root_.path() / "journal").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_all);
}

TEST_F(JournalTest, SlipInDoubtIsNeverPruned)
{
    PrintJournal journal(root_.path() / "journal", 1);
    journal.add(number(1), slip(1));
    auto e = *journal.find(number(1));
    e.state = SlipState::Submitted;
    e.job_id = 7;
    journal.update(e);
    journal.add(number(2), slip(2));
    EXPECT_TRUE(journal.find(number(1)));
    ASSERT_EQ(journal.in_doubt().size(), 1u);
    EXPECT_EQ(journal.in_doubt()[0].job_id, 7);
}

TEST_F(JournalTest, CorruptEntryIsSkippedNotFatal)
{
    PrintJournal journal(root_.path() / "journal", 5);
    journal.add(number(1), slip(1));
    std::ofstream(root_.path() / "journal" / (number(2).str() + ".json")) << "{ half";
    EXPECT_EQ(journal.latest(5).size(), 1u);
    EXPECT_THROW(journal.find(number(2)), ConfigError);
}

TEST_F(JournalTest, FilePrinterWritesEachSlipOnceAndReprintsOnRequest)
{
    printer::FilePrinter printer(root_.path() / "printed");
    PrintJournal journal(root_.path() / "journal", 5);
    ReceiptPrinter receipts(printer, journal, 1);

    const auto first = receipts.print_new(number(1), slip(1));
    ASSERT_TRUE(first.printed) << first.detail;
    EXPECT_TRUE(receipts.print_new(number(1), slip(1)).refused);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(root_.path() / "printed"),
                            std::filesystem::directory_iterator()),
              1);
    EXPECT_TRUE(receipts.reprint(number(1)).printed);
    EXPECT_EQ(journal.find(number(1))->prints, 2);
    EXPECT_EQ(printer.find_job(number(1).str()), 2);
    EXPECT_EQ(printer.job_state(1), printer::JobState::Completed);
    EXPECT_TRUE(receipts.reprint(number(9)).refused) << "never kept";
}

TEST_F(JournalTest, FilePrinterWithoutItsFolderIsOfflineAndTheSlipIsKept)
{
    printer::FilePrinter printer(root_.path() / "unplugged");
    EXPECT_EQ(printer.status().problem(), printer::Problem::Offline);
    PrintJournal journal(root_.path() / "journal", 5);
    ReceiptPrinter receipts(printer, journal, 1);
    const auto outcome = receipts.print_new(number(1), slip(1));
    EXPECT_FALSE(outcome.printed);
    EXPECT_EQ(outcome.problem, printer::Problem::Offline);
    EXPECT_EQ(journal.find(number(1))->state, SlipState::NotPrinted);
    EXPECT_EQ(journal.pdf(number(1)), slip(1).bytes);
}

TEST_F(JournalTest, ResubmissionReplacesTheSlipAndItsOldPdf)
{
    printer::FilePrinter printer(root_.path() / "printed");
    PrintJournal journal(root_.path() / "journal", 5);
    ReceiptPrinter receipts(printer, journal, 1);
    ASSERT_TRUE(receipts.print_new(number(1), slip(1)).printed);
    const SlipPdf retaken{"%PDF-1.4 retaken photo", 80, 125};

    EXPECT_TRUE(receipts.print_new(number(1), retaken).refused) << "a new application never reuses a number";
    const auto outcome = receipts.print_resubmission(number(1), retaken);
    ASSERT_TRUE(outcome.printed) << outcome.detail;

    const auto entry = journal.find(number(1));
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->state, SlipState::Printed);
    EXPECT_EQ(entry->job_id, outcome.job_id);
    EXPECT_EQ(entry->prints, 1) << "the new slip's own count";
    EXPECT_EQ(entry->length_mm, 125);
    EXPECT_EQ(journal.pdf(number(1)), retaken.bytes);
    // Only the entry and the new PDF: nothing else in the folder holds the rejected photo.
    std::vector<std::string> kept;
    for (const auto& file : std::filesystem::directory_iterator(root_.path() / "journal")) {
        kept.push_back(file.path().filename().string());
        std::ifstream in(file.path(), std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in), {}};
        EXPECT_EQ(bytes.find(slip(1).bytes), std::string::npos) << file.path();
    }
    std::sort(kept.begin(), kept.end());
    EXPECT_EQ(kept, (std::vector<std::string>{number(1).str() + ".json", number(1).str() + ".pdf"}));
    EXPECT_EQ(printer.find_job(number(1).str()), outcome.job_id);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(root_.path() / "printed"),
                            std::filesystem::directory_iterator()),
              2);
    EXPECT_TRUE(receipts.print_new(number(1), retaken).refused) << "still guarded after the resubmission";
}

TEST_F(JournalTest, SlipInDoubtIsNotReplacedByTheJournal)
{
    PrintJournal journal(root_.path() / "journal", 5);
    journal.add(number(1), slip(1));
    auto e = *journal.find(number(1));
    e.state = SlipState::Submitting;
    journal.update(e);
    EXPECT_THROW(journal.replace(number(1), slip(2)), InputError);
    EXPECT_EQ(journal.pdf(number(1)), slip(1).bytes);
    EXPECT_EQ(journal.find(number(1))->state, SlipState::Submitting);
}

TEST_F(JournalTest, ResubmissionSettlesAJobInDoubtBeforeReplacingIt)
{
    printer::FilePrinter printer(root_.path() / "printed");
    PrintJournal journal(root_.path() / "journal", 5);
    ReceiptPrinter receipts(printer, journal, 1);
    // What a crash leaves: "submitting", while the printer already wrote the job.
    journal.add(number(1), slip(1));
    auto e = *journal.find(number(1));
    e.state = SlipState::Submitting;
    journal.update(e);
    const auto old_job = printer.print({number(1).str(), slip(1).bytes, 80, 120, 1, {}});
    ASSERT_TRUE(old_job.printed);

    const auto outcome = receipts.print_resubmission(number(1), slip(2));
    ASSERT_TRUE(outcome.printed) << outcome.detail;
    EXPECT_NE(outcome.job_id, old_job.job_id);
    EXPECT_EQ(journal.find(number(1))->job_id, outcome.job_id);
    EXPECT_EQ(journal.pdf(number(1)), slip(2).bytes);
    EXPECT_TRUE(journal.in_doubt().empty());
}

TEST_F(JournalTest, ResubmissionOfANumberNoLongerKeptPrintsItsSlip)
{
    printer::FilePrinter printer(root_.path() / "printed");
    PrintJournal journal(root_.path() / "journal", 5);
    ReceiptPrinter receipts(printer, journal, 1);
    // Its first slip came from another kiosk, or was pruned long ago.
    const auto outcome = receipts.print_resubmission(number(7), slip(7));
    ASSERT_TRUE(outcome.printed) << outcome.detail;
    EXPECT_EQ(journal.find(number(7))->state, SlipState::Printed);
}

TEST(PrinterStatus, ReasonsBecomeOneProblem)
{
    using printer::PrinterState;
    using printer::Problem;
    auto problem = [](PrinterState state, bool accepting, std::vector<std::string> reasons) {
        return printer::PrinterStatus{state, accepting, std::move(reasons), ""}.problem();
    };
    EXPECT_EQ(problem(PrinterState::Idle, true, {}), Problem::None);
    EXPECT_EQ(problem(PrinterState::Idle, true, {"media-low-report"}), Problem::PaperLow);
    EXPECT_EQ(problem(PrinterState::Processing, true, {"media-empty-error"}), Problem::PaperOut);
    EXPECT_EQ(problem(PrinterState::Processing, true, {"media-needed"}), Problem::PaperOut);
    EXPECT_EQ(problem(PrinterState::Idle, true, {"cover-open-warning"}), Problem::CoverOpen);
    EXPECT_EQ(problem(PrinterState::Idle, true, {"offline-report"}), Problem::Offline);
    EXPECT_EQ(problem(PrinterState::Stopped, true, {"paused"}), Problem::QueueStopped);
    EXPECT_EQ(problem(PrinterState::Stopped, true, {"media-empty-error", "paused"}), Problem::PaperOut)
        << "the cause wins over its consequence";
    EXPECT_EQ(problem(PrinterState::Idle, false, {}), Problem::NotAccepting);
    EXPECT_EQ(problem(PrinterState::Unknown, false, {}), Problem::Unreachable);
    EXPECT_EQ(problem(PrinterState::Idle, true, {"media-lowish"}), Problem::None) << "stems match whole";
}

} // namespace
