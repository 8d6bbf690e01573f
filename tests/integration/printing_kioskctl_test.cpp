// `kioskctl printer` against a real cupsd: status, the kept slips, reprint.
#include <cstdlib>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <sys/wait.h>

#include "core/json_file.h"
#include "core/paths.h"
#include "printer/cups_printer.h"
#include "receipt/receipt_printer.h"
#include "support/cupsd_fixture.h"
#include "support/quick_printer.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk;
using namespace std::chrono;

class KioskctlPrinter : public ::testing::Test {
protected:
    void SetUp() override
    {
        out_ = cupsd_.add_queue("receipt", "capture");

        // A config folder like the kiosk's, pointing at the test's cupsd.
        config_ = dir_.path() / "config";
        std::filesystem::copy(config_dir(), config_, std::filesystem::copy_options::recursive);
        nlohmann::json printer = load_json_file(config_ / "printer/thermal-80mm.json");
        printer["server"] = cupsd_.host();
        printer["port"] = cupsd_.port();
        printer["poll_interval_ms"] = 20;
        std::ofstream(config_ / "printer/test.json") << printer.dump();
        nlohmann::json kiosk = load_json_file(config_ / "receipt/kiosk.json");
        kiosk["state_dir"] = (dir_.path() / "state").string();
        kiosk["printer"] = "test";
        std::ofstream(config_ / "receipt/kiosk.json") << kiosk.dump();
    }

    int kioskctl(const std::string& args)
    {
        const std::string cmd = "KIOSK_CONFIG_DIR='" + config_.string() + "' '" + KIOSKCTL_BIN + "' printer " +
                                args + " >'" + (dir_.path() / "out").string() + "' 2>'" + (dir_.path() / "err").string() + "'";
        const int status = std::system(cmd.c_str());
        auto slurp = [](const std::filesystem::path& p) {
            std::ifstream in(p);
            return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        };
        out_text_ = slurp(dir_.path() / "out");
        err_text_ = slurp(dir_.path() / "err");
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    // Three slips printed the way the kiosk prints them.
    std::vector<receipt::ReceiptNumber> print_three()
    {
        auto config = printer::load_printer_config(config_, "test");
        printer::CupsPrinter printer(config);
        receipt::PrintJournal journal(dir_.path() / "state/slips", 20);
        receipt::ReceiptPrinter receipts(printer, journal, 1);
        std::vector<receipt::ReceiptNumber> numbers;
        for (int i = 1; i <= 3; ++i) {
            numbers.push_back(receipt::ReceiptNumber::issue("GZ001", year{2025} / November / 25, i));
            EXPECT_TRUE(receipts.print_new(numbers.back(), {test::kOnePagePdf, 80, 105.8}).printed);
            // Distinct creation times keep "newest" well defined.
            std::this_thread::sleep_for(5ms);
        }
        return numbers;
    }

    test::TemporaryCupsd cupsd_;
    kiosk::test::TestFolder dir_{"kiosk-ctl-printer"};
    std::filesystem::path config_, out_;
    std::string out_text_, err_text_;
};

TEST_F(KioskctlPrinter, StatusSaysWhetherTheKioskCanPrint)
{
    EXPECT_EQ(kioskctl("status"), 0) << err_text_;
    EXPECT_NE(out_text_.find("problem none"), std::string::npos) << out_text_;
    cupsd_.pause("receipt");
    EXPECT_EQ(kioskctl("status"), 4);
    EXPECT_NE(out_text_.find("problem queue-stopped"), std::string::npos) << out_text_;
    EXPECT_NE(out_text_.find("paused"), std::string::npos) << out_text_;
}

TEST_F(KioskctlPrinter, ListsAndReprintsTheNewestSlips)
{
    const auto numbers = print_three();
    ASSERT_EQ(cupsd_.job_count("receipt"), 3);

    ASSERT_EQ(kioskctl("list --last 2"), 0) << err_text_;
    EXPECT_EQ(out_text_.find(numbers[2].str()), 0u) << "newest first:\n" << out_text_;
    EXPECT_NE(out_text_.find(numbers[1].str()), std::string::npos);
    EXPECT_EQ(out_text_.find(numbers[0].str()), std::string::npos);

    ASSERT_EQ(kioskctl("reprint --last 2"), 0) << err_text_;
    EXPECT_EQ(cupsd_.job_count("receipt"), 5);
    ASSERT_EQ(kioskctl("reprint '" + numbers[0].grouped() + "'"), 0) << err_text_;
    EXPECT_EQ(cupsd_.job_count("receipt"), 6);
}

TEST_F(KioskctlPrinter, ReprintProblemsAreReportedAndNothingExtraPrints)
{
    const auto numbers = print_three();
    const auto unknown = receipt::ReceiptNumber::issue("GZ001", year{2025} / November / 25, 99);
    EXPECT_EQ(kioskctl("reprint " + unknown.str()), 4);
    EXPECT_NE(err_text_.find("not among the kept slips"), std::string::npos) << err_text_;
    EXPECT_EQ(kioskctl("reprint GZ0012511250019"), 2) << "a mistyped number is caught by its check character";
    EXPECT_NE(err_text_.find("check character"), std::string::npos) << err_text_;

    cupsd_.pause("receipt");
    EXPECT_EQ(kioskctl("reprint " + numbers[0].str()), 4);
    EXPECT_NE(err_text_.find("queue-stopped"), std::string::npos) << err_text_;
    EXPECT_EQ(cupsd_.job_count("receipt"), 3);
}

} // namespace
