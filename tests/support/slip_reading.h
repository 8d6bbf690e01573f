#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace kiosk::test {

// Reads a printed slip back the way a counter clerk's scanner would, with
// tools independent of the code that made it: poppler for the PDF, ZXing-C++
// for the codes.

// The text of a PDF (pdftotext, layout order).
std::string pdf_text(const std::filesystem::path& pdf);

// The PDF's first page rasterised in grey at `dpi` (pdftoppm).
cv::Mat pdf_raster(const std::filesystem::path& pdf, int dpi);

struct DecodedCode {
    std::string format;   // "Code128", "QRCode"
    std::string text;
};

// Every Code 128 and QR code ZXing finds in a grey image.
std::vector<DecodedCode> decode_codes(const cv::Mat& grey);

// The texts of the codes of one format.
std::vector<std::string> texts_of(const std::vector<DecodedCode>& codes, const std::string& format);

} // namespace kiosk::test
