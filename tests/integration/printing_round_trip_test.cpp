// Number -> slip -> real cupsd through libcups -> captured document ->
// text and codes read back, for both paper widths.
#include <chrono>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/paths.h"
#include "printer/cups_printer.h"
#include "receipt/receipt_config.h"
#include "receipt/slip_renderer.h"
#include "spec/document_spec.h"
#include "support/cupsd_fixture.h"
#include "support/slip_reading.h"
#include "support/synthetic_portrait.h"

namespace {

using namespace kiosk;
using namespace std::chrono;
using namespace std::chrono_literals;

std::string read(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class PrintingRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(PrintingRoundTrip, NumberComesBackFromTheCapturedPrint)
{
    const std::string paper = GetParam();
    const auto config = config_dir();

    test::TemporaryCupsd cupsd;
    RecordProperty("cupsd_start_ms", static_cast<int>(cupsd.startup_time().count()));
    const auto captured_dir = cupsd.add_queue("receipt", "capture");

    auto printer_config = printer::load_printer_config(config, "thermal-" + paper);
    ASSERT_EQ(printer_config.paper, paper);
    printer_config.server = cupsd.host();
    printer_config.port = cupsd.port();
    printer_config.poll_interval = 20ms;
    printer_config.job_timeout = 60s;
    printer::CupsPrinter printer(printer_config);

    const auto number = receipt::ReceiptNumber::issue("GZ001", year{2025} / November / 25, 42);
    const auto spec = spec::load_spec(config / "specs", "resident-id");
    const auto kiosk = receipt::load_kiosk_identity(config);
    const auto city = receipt::load_city_table(config).find("guangzhou");
    const receipt::SlipRenderer renderer(receipt::load_slip_layout(config, paper), receipt::load_slip_text(config));

    const auto render_start = steady_clock::now();
    const auto content = receipt::make_slip_content(number, test::synthetic_portrait(358, 441), spec, city, kiosk,
                                                    year{2025} / November / 25, 0.03);
    const auto pdf = renderer.render_pdf(content);
    RecordProperty("render_ms", static_cast<int>(duration_cast<milliseconds>(steady_clock::now() - render_start).count()));

    const auto print_start = steady_clock::now();
    const auto result = printer.print({number.str(), pdf.bytes, pdf.width_mm, pdf.length_mm, 1, {}});
    RecordProperty("print_ms", static_cast<int>(duration_cast<milliseconds>(steady_clock::now() - print_start).count()));
    ASSERT_TRUE(result.printed) << printer::to_string(result.problem) << ": " << result.detail << "\n"
                                << cupsd.error_log();
    EXPECT_EQ(result.problem, printer::Problem::None);
    EXPECT_EQ(result.before.state, printer::PrinterState::Idle);
    EXPECT_EQ(printer.job_state(result.job_id), printer::JobState::Completed);
    EXPECT_EQ(printer.find_job(number.str()), result.job_id);

    // A raw queue hands the device exactly what libcups streamed.
    const auto captured = captured_dir / ("job-" + std::to_string(result.job_id) + ".pdf");
    ASSERT_TRUE(std::filesystem::exists(captured));
    EXPECT_EQ(read(captured), pdf.bytes);

    const std::string args = read(captured_dir / ("job-" + std::to_string(result.job_id) + ".args"));
    EXPECT_NE(args.find("copies=1"), std::string::npos) << args;
    EXPECT_NE(args.find("print-scaling=none"), std::string::npos) << args;
    EXPECT_NE(args.find("media=custom_slip_" + paper.substr(0, 2) + "x"), std::string::npos) << args;

    const std::string text = test::pdf_text(captured);
    EXPECT_NE(text.find(number.grouped()), std::string::npos) << text;
    EXPECT_NE(text.find("广州市"), std::string::npos);
    EXPECT_NE(text.find("2025-11-25"), std::string::npos);

    const cv::Mat page = test::pdf_raster(captured, 203);
    const double paper_mm = paper == "80mm" ? 80.0 : 58.0;
    EXPECT_NEAR(page.cols, paper_mm / 25.4 * 203, 2.0);
    const auto codes = test::decode_codes(page);
    EXPECT_EQ(test::texts_of(codes, "Code128"), std::vector<std::string>{number.str()});
    const auto qr = test::texts_of(codes, "QRCode");
    ASSERT_EQ(qr.size(), 1u);
    EXPECT_EQ(qr[0], receipt::status_url_of(kiosk, number)) << "the QR code opens the receipt's status page";
    EXPECT_EQ(receipt::ReceiptNumber::parse(qr[0].substr(qr[0].rfind('/') + 1)), number) << qr[0];
}

INSTANTIATE_TEST_SUITE_P(BothWidths, PrintingRoundTrip, ::testing::Values("80mm", "58mm"),
                         [](const auto& info) { return "paper_" + info.param; });

} // namespace
