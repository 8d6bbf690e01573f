#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include <opencv2/core.hpp>

#include "receipt/receipt_config.h"
#include "receipt/receipt_number.h"

namespace kiosk::spec {
struct DocumentSpec;
}

namespace kiosk::receipt {

// Everything printed on one slip, already looked up and checked.
struct SlipContent {
    ReceiptNumber number;
    cv::Mat photo;                    // the photo as submitted for the document
    double photo_width_mm = 0;        // printed at the document's own size
    double photo_height_mm = 0;
    Bilingual document;
    Bilingual city;
    std::chrono::year_month_day taken;
    std::chrono::year_month_day valid_until;
    std::string kiosk_id;
    Bilingual hall;
    std::string status_url;           // the QR code: the receipt's public status page
};

// Gathers a slip's content. Throws InputError when the photo is empty or
// its shape differs from the spec's by more than `aspect_tolerance` (a
// fraction), so a photo made for another document is never printed.
SlipContent make_slip_content(const ReceiptNumber& number, cv::Mat photo, const spec::DocumentSpec& spec,
                              const City& city, const KioskIdentity& kiosk, std::chrono::year_month_day taken,
                              double aspect_tolerance);

// The same, reading the photo from a file; also throws InputError when the
// file is missing or is not an image.
SlipContent make_slip_content(const ReceiptNumber& number, const std::filesystem::path& photo,
                              const spec::DocumentSpec& spec, const City& city, const KioskIdentity& kiosk,
                              std::chrono::year_month_day taken, double aspect_tolerance);

} // namespace kiosk::receipt
