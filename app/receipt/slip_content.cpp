#include "receipt/slip_content.h"

#include <cmath>

#include <opencv2/imgcodecs.hpp>

#include "core/error.h"
#include "spec/document_spec.h"

namespace kiosk::receipt {

SlipContent make_slip_content(const ReceiptNumber& number, const std::filesystem::path& photo,
                              const spec::DocumentSpec& spec, const City& city, const KioskIdentity& kiosk,
                              std::chrono::year_month_day taken, double aspect_tolerance)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(photo, ec))
        throw InputError("photo " + photo.string() + " does not exist or is not a file");
    cv::Mat image = cv::imread(photo.string(), cv::IMREAD_COLOR);
    if (image.empty())
        throw InputError("photo " + photo.string() + " is not an image OpenCV can read");
    return make_slip_content(number, std::move(image), spec, city, kiosk, taken, aspect_tolerance);
}

SlipContent make_slip_content(const ReceiptNumber& number, cv::Mat image, const spec::DocumentSpec& spec,
                              const City& city, const KioskIdentity& kiosk, std::chrono::year_month_day taken,
                              double aspect_tolerance)
{
    if (image.empty())
        throw InputError("the photo is empty");

    const double want = static_cast<double>(spec.output.width_px) / spec.output.height_px;
    const double got = static_cast<double>(image.cols) / image.rows;
    if (std::abs(got / want - 1.0) > aspect_tolerance)
        throw InputError("photo is " + std::to_string(image.cols) + "x" + std::to_string(image.rows) + " but spec " +
                         spec.id + " is " + std::to_string(spec.output.width_px) + "x" +
                         std::to_string(spec.output.height_px) + ": not the photo made for this document");

    SlipContent c{number, std::move(image), spec.output.print_width_mm, spec.output.print_height_mm, {}, city.name,
                  taken, valid_until(taken, spec.validity_days, city, spec.id), kiosk.kiosk_id, kiosk.hall,
                  status_url_of(kiosk, number)};
    c.document = {spec.name.at("zh-CN"), spec.name.at("en")};
    return c;
}

} // namespace kiosk::receipt
