// The slip's Code 128 and QR encoders, read back by ZXing-C++, which shares
// no code with them.
#include <gtest/gtest.h>

#include "core/error.h"
#include "receipt/code128.h"
#include "receipt/qr_code.h"
#include "receipt/receipt_number.h"
#include "support/slip_reading.h"

namespace {

using namespace kiosk::receipt;

cv::Mat draw_barcode(const std::vector<bool>& modules, int module_px)
{
    const int quiet = 10 * module_px;
    cv::Mat image(80, static_cast<int>(modules.size()) * module_px + 2 * quiet, CV_8U, cv::Scalar(255));
    for (std::size_t i = 0; i < modules.size(); ++i)
        if (modules[i])
            image.colRange(quiet + static_cast<int>(i) * module_px, quiet + static_cast<int>(i + 1) * module_px)
                .setTo(0);
    return image;
}

cv::Mat draw_qr(const QrModules& code, int module_px)
{
    const int quiet = 4 * module_px;
    const int side = code.size * module_px + 2 * quiet;
    cv::Mat image(side, side, CV_8U, cv::Scalar(255));
    for (int y = 0; y < code.size; ++y)
        for (int x = 0; x < code.size; ++x)
            if (code.at(x, y))
                image(cv::Rect(quiet + x * module_px, quiet + y * module_px, module_px, module_px)).setTo(0);
    return image;
}

class Code128RoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(Code128RoundTrip, ZxingReadsBackTheText)
{
    const auto modules = code128_modules(GetParam());
    // Start + symbols + check are 11 modules each, the stop 13.
    EXPECT_EQ((modules.size() - 13) % 11, 0u);
    EXPECT_TRUE(modules.front());
    EXPECT_TRUE(modules.back());
    const auto codes = kiosk::test::decode_codes(draw_barcode(modules, 2));
    EXPECT_EQ(kiosk::test::texts_of(codes, "Code128"), std::vector<std::string>{GetParam()});
}

INSTANTIATE_TEST_SUITE_P(Texts, Code128RoundTrip,
                         ::testing::Values("GZ001251125001D", "ZZZZZ991231ZZZZ", "12345678", "1234567",
                                           "A1", "ABCDEFGH", "0", "A123B4567C89012", "hello world ~"));

TEST(Code128, DigitRunsUseCodeSetCSoANumberFits58mmPaper)
{
    // 58 mm paper prints 384 dots; at 2 dots per module the bars of any
    // receipt number must stay within it (the quiet zone may use the margin).
    for (const auto& n : {ReceiptNumber::issue("ZZZZZ", std::chrono::year{2099} / 12 / 31, ReceiptNumber::kMaxSequence),
                          ReceiptNumber::issue("00000", std::chrono::year{2000} / 1 / 1, 1),
                          ReceiptNumber::issue("GZ001", std::chrono::year{2025} / 11 / 25, 42)})
        EXPECT_LE(code128_modules(n.str()).size() * 2, 384u) << n.str();
    // Eight digits in set C take four symbols, in set B eight.
    EXPECT_LT(code128_modules("12345678").size(), code128_modules("ABCDEFGH").size());
}

TEST(Code128, RefusesCharactersOutsidePrintableAscii)
{
    EXPECT_THROW(code128_modules("GZ\n001"), kiosk::InputError);
    EXPECT_THROW(code128_modules("回执"), kiosk::InputError);
}

TEST(QrCode, ZxingReadsBackAReceiptNumberFromTheSmallestSymbol)
{
    const auto n = ReceiptNumber::issue("GZ001", std::chrono::year{2025} / 11 / 25, 42);
    const auto qr = qr_modules(n.str());
    EXPECT_EQ(qr.size, 21) << "alphanumeric mode keeps a receipt number in version 1";
    const auto codes = kiosk::test::decode_codes(draw_qr(qr, 4));
    EXPECT_EQ(kiosk::test::texts_of(codes, "QRCode"), std::vector<std::string>{n.str()});
}

} // namespace
