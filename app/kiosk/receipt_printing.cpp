#include "kiosk/receipt_printing.h"

#include <charconv>
#include <string_view>

#include <spdlog/spdlog.h>

#include "kiosk/local_date.h"
#include "receipt/receipt_printer.h"
#include "receipt/slip_content.h"

namespace kiosk::runtime {

std::string printer_problem_key(printer::Problem problem)
{
    switch (problem) {
    case printer::Problem::PaperOut: return "device.printer_out_of_paper";
    case printer::Problem::CoverOpen: return "device.printer_cover_open";
    case printer::Problem::None:
    case printer::Problem::PaperLow: return "";
    default: break;
    }
    return "device.printer_unavailable";
}

ReceiptPrinting::ReceiptPrinting(std::unique_ptr<printer::Printer> printer, receipt::PrintJournal journal, int copies,
                                 receipt::SlipRenderer renderer, double photo_aspect_tolerance,
                                 receipt::KioskIdentity kiosk, receipt::CityTable cities)
    : printer_(std::move(printer)), journal_(std::move(journal)), copies_(copies), renderer_(std::move(renderer)),
      photo_aspect_tolerance_(photo_aspect_tolerance), kiosk_(std::move(kiosk)), cities_(std::move(cities))
{
}

session::Event ReceiptPrinting::print(const std::string& receipt_number, const session::AcceptedPhoto& photo,
                                      const spec::DocumentSpec& spec)
{
    return print_slip(SlipFor::NewApplication, receipt_number, photo, spec);
}

session::Event ReceiptPrinting::print_resubmission(const std::string& receipt_number,
                                                   const session::AcceptedPhoto& photo,
                                                   const spec::DocumentSpec& spec)
{
    return print_slip(SlipFor::Resubmission, receipt_number, photo, spec);
}

session::Event ReceiptPrinting::print_slip(SlipFor purpose, const std::string& receipt_number,
                                           const session::AcceptedPhoto& photo, const spec::DocumentSpec& spec)
{
    try {
        const auto number = receipt::ReceiptNumber::parse(receipt_number);
        const auto content = receipt::make_slip_content(number, photo.preview, spec, cities_.find(kiosk_.default_city),
                                                        kiosk_, local_today(), photo_aspect_tolerance_);
        const auto slip = renderer_.render_pdf(content);
        std::lock_guard lock(printer_mutex_);
        receipt::ReceiptPrinter receipts(*printer_, journal_, copies_);
        const auto outcome = purpose == SlipFor::Resubmission ? receipts.print_resubmission(number, slip)
                                                              : receipts.print_new(number, slip);
        if (outcome.printed)
            return session::ReceiptPrinted{receipt_number};
        spdlog::warn("receipt {} not printed: {} {}", receipt_number, printer::to_string(outcome.problem),
                     outcome.detail);
        const auto key = printer_problem_key(outcome.problem);
        return session::ReceiptNotPrinted{receipt_number, key.empty() ? "device.printer_unavailable" : key};
    } catch (const std::exception& e) {
        spdlog::error("receipt {} could not be printed: {}", receipt_number, e.what());
        return session::ReceiptNotPrinted{receipt_number, "device.printer_unavailable"};
    }
}

session::DeviceChanged ReceiptPrinting::check()
{
    const auto key = printer_problem_key(problem());
    return session::DeviceChanged{session::Device::Printer, key.empty(), key};
}

printer::Problem ReceiptPrinting::problem()
{
    try {
        std::lock_guard lock(printer_mutex_);
        return printer_->status().problem();
    } catch (const std::exception& e) {
        spdlog::warn("printer status: {}", e.what());
        return printer::Problem::Unreachable;
    }
}

std::optional<std::filesystem::path> ReceiptPrinting::printed_file(const std::string& receipt_number) const
{
    if (!file_folder_ || !std::filesystem::is_directory(*file_folder_))
        return std::nullopt;
    // The file printer names each job "<job id>-<title>.pdf", the title being
    // the number. A resubmission's slip shares the number: the highest job id
    // is the newest slip.
    const std::string suffix = "-" + receipt_number + ".pdf";
    std::optional<std::filesystem::path> newest;
    long newest_job = 0;
    for (const auto& entry : std::filesystem::directory_iterator(*file_folder_)) {
        const auto name = entry.path().filename().string();
        if (name.size() <= suffix.size() || !name.ends_with(suffix))
            continue;
        long job = 0;
        const auto id = std::string_view(name).substr(0, name.size() - suffix.size());
        if (std::from_chars(id.data(), id.data() + id.size(), job).ptr != id.data() + id.size())
            continue;
        if (!newest || job > newest_job) {
            newest = entry.path();
            newest_job = job;
        }
    }
    return newest;
}

} // namespace kiosk::runtime
