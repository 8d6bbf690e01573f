// The slip as the thermal head and the counter's scanner see it.
#include <fstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "receipt/slip_renderer.h"
#include "spec/document_spec.h"
#include "support/faces.h"
#include "support/slip_reading.h"
#include "support/synthetic_portrait.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk;
using namespace kiosk::receipt;
using namespace std::chrono;

class SlipTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override
    {
        config_ = config_dir();
        spec_ = spec::load_spec(config_ / "specs", "resident-id");
        kiosk_ = load_kiosk_identity(config_);
        city_ = load_city_table(config_).find("guangzhou");
        layout_ = load_slip_layout(config_, GetParam());
    }

    SlipContent content(const cv::Mat& photo) const
    {
        return make_slip_content(number_, photo, spec_, city_, kiosk_, year{2025} / November / 25,
                                 layout_.photo_aspect_tolerance);
    }
    SlipContent content() const { return content(test::synthetic_portrait(358, 441)); }
    SlipRenderer renderer() const { return SlipRenderer(layout_, load_slip_text(config_)); }
    int paper_dots() const { return static_cast<int>(std::lround(layout_.paper_width_mm * layout_.dpi / 25.4)); }

    // Rendering must fail with InputError naming `what`, before any output.
    void expect_refused(const SlipContent& c, const std::string& what) const
    {
        try {
            renderer().render_pdf(c);
            ADD_FAILURE() << "rendered a slip that should be refused (" << what << ")";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
        }
    }

    std::filesystem::path config_;
    spec::DocumentSpec spec_;
    KioskIdentity kiosk_;
    City city_;
    SlipLayout layout_;
    kiosk::test::TestFolder tmp_{"kiosk-slip"};
    ReceiptNumber number_ = ReceiptNumber::issue("GZ001", year{2025} / November / 25, 42);
};

TEST_P(SlipTest, RasterIsPaperWideOneBitAndCarriesTheNumberAndItsStatusPage)
{
    const cv::Mat raster = renderer().render_raster(content());
    EXPECT_EQ(raster.cols, paper_dots());
    EXPECT_GT(raster.rows, raster.cols);
    EXPECT_EQ(cv::countNonZero((raster != 0) & (raster != 255)), 0) << "a thermal dot is on or off";
    const auto codes = test::decode_codes(raster);
    EXPECT_EQ(test::texts_of(codes, "Code128"), std::vector<std::string>{number_.str()});
    // The QR code opens the receipt's public status page; the number in it is this slip's.
    const auto qr = test::texts_of(codes, "QRCode");
    ASSERT_EQ(qr.size(), 1u);
    EXPECT_EQ(qr[0], status_url_of(kiosk_, number_));
    EXPECT_TRUE(qr[0].starts_with("https://")) << qr[0];
    EXPECT_EQ(ReceiptNumber::parse(qr[0].substr(qr[0].rfind('/') + 1)), number_) << qr[0];
}

TEST_P(SlipTest, NothingIsDrawnOutsideThePrintableBand)
{
    const cv::Mat raster = renderer().render_raster(content());
    const int margin = static_cast<int>(std::floor((layout_.paper_width_mm - layout_.printable_width_mm) / 2 *
                                                   layout_.dpi / 25.4));
    EXPECT_EQ(cv::countNonZero(raster.colRange(0, margin) == 0), 0);
    EXPECT_EQ(cv::countNonZero(raster.colRange(raster.cols - margin, raster.cols) == 0), 0);
}

TEST_P(SlipTest, PdfHoldsEveryFieldAsText)
{
    const auto pdf = renderer().render_pdf(content());
    EXPECT_DOUBLE_EQ(pdf.width_mm, layout_.paper_width_mm);
    const auto file = tmp_.path() / "slip.pdf";
    std::ofstream(file, std::ios::binary) << pdf.bytes;
    // pdftotext keeps the words but may break lines anywhere, so compare
    // with all white space removed.
    std::string text = test::pdf_text(file);
    std::erase_if(text, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
    for (const std::string& want :
         {std::string("GZ001251125"), number_.str().substr(11), std::string("数字相片采集回执"),
          std::string("居民身份证"), std::string("广州市"), std::string("2025-11-25"),
          std::string("2026-01-23"), std::string("GZ001"), std::string("免费重新拍摄"),
          std::string("free")})
        EXPECT_NE(text.find(want), std::string::npos) << want;
}

TEST_P(SlipTest, PhotoIsPrintedAtTheDocumentsSize)
{
    // A black photo dithers to a solid block whose size can be measured.
    const cv::Mat raster = renderer().render_raster(content(cv::Mat(441, 358, CV_8UC3, cv::Scalar::all(0))));
    const int want_w = static_cast<int>(std::lround(spec_.output.print_width_mm * layout_.dpi / 25.4));
    const int want_h = static_cast<int>(std::lround(spec_.output.print_height_mm * layout_.dpi / 25.4));
    int block_rows = 0, block_width = 0, block_left = 0;
    for (int y = 0; y < raster.rows; ++y) {
        const int black = cv::countNonZero(raster.row(y) == 0);
        if (black < want_w / 2 || black > want_w + 2)
            continue;
        // Solid rows only: text rows are never this dense.
        cv::Mat dark = raster.row(y) == 0;
        const auto first = std::find(dark.begin<uchar>(), dark.end<uchar>(), 255);
        const int left = static_cast<int>(std::distance(dark.begin<uchar>(), first));
        if (cv::countNonZero(raster.row(y).colRange(left, left + black) == 0) == black) {
            ++block_rows;
            block_width = black;
            block_left = left;
        }
    }
    EXPECT_EQ(block_width, want_w);
    EXPECT_EQ(block_rows, want_h);
    EXPECT_NEAR(block_left, (raster.cols - want_w) / 2, 1) << "centred";
}

TEST_P(SlipTest, OverlongCityNameIsRefusedNotCut)
{
    auto c = content();
    c.city.zh.clear();
    for (int i = 0; i < 60; ++i)
        c.city.zh += "城";
    expect_refused(c, "the city name needs");
}

TEST_P(SlipTest, NonAsciiInEveryFieldStillFitsThePaper)
{
    auto c = content();
    c.document = {"居民身份证（含广东居住证）", "Carte d’identité — résident"};
    c.city = {"乌鲁木齐市", "Ürümqi"};
    c.hall = {"政务服务中心（一楼Ａ区）", "Hall Ａ, 1st floor · Café side"};
    const cv::Mat raster = renderer().render_raster(c);
    EXPECT_EQ(raster.cols, paper_dots());
    const auto codes = test::decode_codes(raster);
    EXPECT_EQ(test::texts_of(codes, "Code128"), std::vector<std::string>{number_.str()});
}

TEST_P(SlipTest, TextTheFontCannotPrintIsRefused)
{
    auto c = content();
    c.hall.en = "Service hall \xF0\x9F\x98\x80";   // an emoji
    expect_refused(c, "U+1F600");
    c = content();
    c.document.zh = "\xE5\xB1\x85\xC0";           // broken UTF-8
    expect_refused(c, "UTF-8");
    c = content();
    c.city.en = "Guang\nzhou";
    expect_refused(c, "control character");
}

TEST_P(SlipTest, PhotoProblemsAreClearErrors)
{
    EXPECT_THROW(content(cv::Mat()), InputError);
    EXPECT_THROW(content(test::synthetic_portrait(441, 358)), InputError) << "landscape is another document";
    EXPECT_THROW(make_slip_content(number_, tmp_.path() / "missing.jpg", spec_, city_, kiosk_, year{2025} / November / 25,
                                   0.03),
                 InputError);
    std::ofstream(tmp_.path() / "text.jpg") << "not a picture";
    EXPECT_THROW(make_slip_content(number_, tmp_.path() / "text.jpg", spec_, city_, kiosk_, year{2025} / November / 25,
                                   0.03),
                 InputError);
}

TEST_P(SlipTest, RealPhotoSurvivesDithering)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto labels = test::load_labels(faces);
    ASSERT_FALSE(labels.empty());
    cv::Mat photo = cv::imread((faces / labels.front().path).string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(photo.empty());
    // Cut to the document's shape, as the photo library would.
    const int w = std::min(photo.cols, photo.rows * 358 / 441);
    const int h = w * 441 / 358;
    photo = photo(cv::Rect((photo.cols - w) / 2, (photo.rows - h) / 2, w, h)).clone();

    const cv::Mat raster = renderer().render_raster(content(photo));
    const int pw = static_cast<int>(std::lround(spec_.output.print_width_mm * layout_.dpi / 25.4));
    const int ph = static_cast<int>(std::lround(spec_.output.print_height_mm * layout_.dpi / 25.4));
    cv::Mat grey, small;
    cv::cvtColor(photo, grey, cv::COLOR_BGR2GRAY);
    cv::resize(grey, small, cv::Size(pw, ph), 0, 0, cv::INTER_AREA);
    // Find the photo block: the rows between the title and the number that
    // have ink in the photo's columns.
    const int x0 = (raster.cols - pw) / 2;
    int y0 = -1;
    for (int y = 0; y < raster.rows && y0 < 0; ++y) {
        const cv::Mat row = raster.row(y).colRange(x0, x0 + pw);
        const cv::Mat outside = raster.row(y).colRange(0, x0);
        if (cv::countNonZero(row == 0) > pw / 10 && cv::countNonZero(outside == 0) == 0 && y > 40)
            y0 = y;
    }
    ASSERT_GE(y0, 0);
    const cv::Mat printed = raster(cv::Rect(x0, y0, pw, std::min(ph, raster.rows - y0)));
    // Dot density over the whole photo follows the grey level (Floyd-Steinberg
    // keeps the mean); allow a little for the block edges.
    EXPECT_NEAR(cv::mean(printed)[0], cv::mean(small)[0], 20.0);
}

INSTANTIATE_TEST_SUITE_P(BothWidths, SlipTest, ::testing::Values("80mm", "58mm"),
                         [](const auto& info) { return "paper_" + info.param; });

} // namespace
