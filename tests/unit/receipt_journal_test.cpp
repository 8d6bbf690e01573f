// The print journal and the PDF-folder printer, without a print server.
#include <fstream>

#include <gtest/gtest.h>

#include "core/error.h"
#include "printer/file_printer.h"
#include "receipt/receipt_printer.h"

namespace {

using namespace kiosk;
using namespace kiosk::receipt;
using namespace std::chrono;

class JournalTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        root_ = std::filesystem::path(::testing::TempDir()) /
                ("kiosk-journal-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(root_);
        std::filesystem::create_directories(root_ / "printed");
    }
    void TearDown() override { std::filesystem::remove_all(root_); }

    static ReceiptNumber number(int sequence)
    {
        return ReceiptNumber::issue("GZ001", year{2025} / November / 25, sequence);
    }
    static SlipPdf slip(int sequence) { return {"%PDF-1.4 slip " + std::to_string(sequence), 80, 120}; }

    std::filesystem::path root_;
};

TEST_F(JournalTest, KeepsOnlyTheNewestSlips)
{
    PrintJournal journal(root_ / "journal", 3);
    for (int i = 1; i <= 5; ++i)
        journal.add(number(i), slip(i));
    const auto kept = journal.latest(10);
    ASSERT_EQ(kept.size(), 3u);
    EXPECT_EQ(kept[0].number, number(5).str());
    EXPECT_EQ(kept[2].number, number(3).str());
    EXPECT_FALSE(std::filesystem::exists(root_ / "journal" / (number(1).str() + ".pdf")))
        << "an old slip holds a photo and must go";
    EXPECT_THROW(journal.pdf(number(1)), InputError);
    EXPECT_EQ(journal.pdf(number(5)), slip(5).bytes);
    EXPECT_EQ(std::filesystem::status(root_ / "journal").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_all);
}

TEST_F(JournalTest, SlipInDoubtIsNeverPruned)
{
    PrintJournal journal(root_ / "journal", 1);
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
    PrintJournal journal(root_ / "journal", 5);
    journal.add(number(1), slip(1));
    std::ofstream(root_ / "journal" / (number(2).str() + ".json")) << "{ half";
    EXPECT_EQ(journal.latest(5).size(), 1u);
    EXPECT_THROW(journal.find(number(2)), ConfigError);
}

TEST_F(JournalTest, FilePrinterWritesEachSlipOnceAndReprintsOnRequest)
{
    printer::FilePrinter printer(root_ / "printed");
    PrintJournal journal(root_ / "journal", 5);
    ReceiptPrinter receipts(printer, journal, 1);

    const auto first = receipts.print_new(number(1), slip(1));
    ASSERT_TRUE(first.printed) << first.detail;
    EXPECT_TRUE(receipts.print_new(number(1), slip(1)).refused);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(root_ / "printed"),
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
    printer::FilePrinter printer(root_ / "unplugged");
    EXPECT_EQ(printer.status().problem(), printer::Problem::Offline);
    PrintJournal journal(root_ / "journal", 5);
    ReceiptPrinter receipts(printer, journal, 1);
    const auto outcome = receipts.print_new(number(1), slip(1));
    EXPECT_FALSE(outcome.printed);
    EXPECT_EQ(outcome.problem, printer::Problem::Offline);
    EXPECT_EQ(journal.find(number(1))->state, SlipState::NotPrinted);
    EXPECT_EQ(journal.pdf(number(1)), slip(1).bytes);
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
