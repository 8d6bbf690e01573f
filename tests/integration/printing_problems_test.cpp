// What the kiosk sees when the printer cannot print: every case ends in a
// clear Problem, and no job is left in the queue to print later.
#include <algorithm>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "printer/cups_printer.h"
#include "support/cupsd_fixture.h"
#include "support/quick_printer.h"

namespace {

using namespace kiosk;
using namespace std::chrono_literals;

class PrintingProblems : public ::testing::Test {
protected:
    printer::PrinterConfig config_for(const std::string& queue) const
    {
        return test::quick_printer_config(cupsd_, queue);
    }

    static printer::PrintRequest slip() { return {"GZ0012511250160", test::kOnePagePdf, 80, 105.8, 1, {}}; }

    static bool empty(const std::filesystem::path& dir)
    {
        return std::filesystem::is_empty(dir);
    }

    test::TemporaryCupsd cupsd_;
};

struct Fault {
    std::string reason;            // what the printer reports
    printer::Problem problem;      // what the kiosk must make of it
};

class PrinterFaults : public PrintingProblems, public ::testing::WithParamInterface<Fault> {};

TEST_P(PrinterFaults, FaultDuringTheJobIsReportedAndTheJobCancelled)
{
    const auto out = cupsd_.add_queue("receipt", "fault", GetParam().reason);
    printer::CupsPrinter printer(config_for("receipt"));
    const auto result = printer.print(slip());
    EXPECT_FALSE(result.printed);
    EXPECT_EQ(result.problem, GetParam().problem) << result.detail;
    ASSERT_GT(result.job_id, 0) << "the printer looked ready, so the job was submitted";
    // Cancelled, so it cannot come out after the citizen has left.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    auto state = printer.job_state(result.job_id);
    while (state != printer::JobState::Cancelled && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(20ms);
        state = printer.job_state(result.job_id);
    }
    EXPECT_EQ(state, printer::JobState::Cancelled);
    EXPECT_TRUE(empty(out));
}

INSTANTIATE_TEST_SUITE_P(Reasons, PrinterFaults,
                         ::testing::Values(Fault{"media-empty-error", printer::Problem::PaperOut},
                                           Fault{"offline-report", printer::Problem::Offline},
                                           Fault{"cover-open-error", printer::Problem::CoverOpen}),
                         [](const auto& info) {
                             std::string name = info.param.reason;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST_F(PrintingProblems, StoppedQueueIsReportedAndNothingIsSubmitted)
{
    const auto out = cupsd_.add_queue("receipt", "capture");
    cupsd_.pause("receipt");
    printer::CupsPrinter printer(config_for("receipt"));
    const auto status = printer.status();
    EXPECT_EQ(status.state, printer::PrinterState::Stopped);
    EXPECT_EQ(status.problem(), printer::Problem::QueueStopped);

    const auto result = printer.print(slip());
    EXPECT_FALSE(result.printed);
    EXPECT_EQ(result.problem, printer::Problem::QueueStopped);
    EXPECT_EQ(result.job_id, 0);
    EXPECT_EQ(cupsd_.job_count("receipt"), 0);

    // Once a technician resumes the queue the same printer object prints.
    cupsd_.resume("receipt");
    const auto again = printer.print(slip());
    EXPECT_TRUE(again.printed) << again.detail;
    EXPECT_TRUE(std::filesystem::exists(out / ("job-" + std::to_string(again.job_id) + ".pdf")));
}

TEST_F(PrintingProblems, QueueRejectingJobsIsReported)
{
    cupsd_.add_queue("receipt", "capture");
    cupsd_.reject_jobs("receipt");
    printer::CupsPrinter printer(config_for("receipt"));
    const auto result = printer.print(slip());
    EXPECT_EQ(result.problem, printer::Problem::NotAccepting);
    EXPECT_EQ(cupsd_.job_count("receipt"), 0);
}

TEST_F(PrintingProblems, LowPaperStillPrints)
{
    const auto out = cupsd_.add_queue("receipt", "lowpaper");
    printer::CupsPrinter printer(config_for("receipt"));
    const auto result = printer.print(slip());
    EXPECT_TRUE(result.printed) << result.detail;
    EXPECT_TRUE(std::filesystem::exists(out / ("job-" + std::to_string(result.job_id) + ".pdf")));
}

TEST_F(PrintingProblems, UnknownQueueIsUnreachable)
{
    cupsd_.add_queue("receipt", "capture");
    printer::CupsPrinter printer(config_for("no-such-queue"));
    const auto result = printer.print(slip());
    EXPECT_FALSE(result.printed);
    EXPECT_EQ(result.problem, printer::Problem::Unreachable);
    EXPECT_NE(result.detail.find("no-such-queue"), std::string::npos) << result.detail;
    EXPECT_EQ(cupsd_.job_count("receipt"), 0);
}

TEST_F(PrintingProblems, ServerNotRunningIsUnreachable)
{
    auto config = config_for("receipt");
    config.port = 1;   // nothing listens on tcpmux
    config.connect_timeout = 500ms;
    printer::CupsPrinter printer(config);
    const auto result = printer.print(slip());
    EXPECT_FALSE(result.printed);
    EXPECT_EQ(result.problem, printer::Problem::Unreachable);
}

} // namespace
