// kioskctl receipt: renders a slip to PDF (and optionally a raster) without
// printing, so a technician can check a layout or a city's wording.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "command.h"
#include "core/error.h"
#include "core/paths.h"
#include "core/durable_file.h"
#include "receipt/receipt_config.h"
#include "receipt/slip_renderer.h"
#include "spec/document_spec.h"

namespace kiosk::ctl {
namespace {

struct ReceiptOptions {
    std::string number;
    std::string photo;
    std::string spec;
    std::string city;
    std::string out;
    std::string raster;
    std::string paper = "80mm";
    std::string date;
};

std::chrono::year_month_day today()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return std::chrono::year_month_day{std::chrono::year{local.tm_year + 1900},
                                       std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
                                       std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

std::chrono::year_month_day parse_date(const std::string& text)
{
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3)
        throw InputError("--date must be YYYY-MM-DD, not \"" + text + "\"");
    const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!date.ok())
        throw InputError("--date " + text + " is not a real day");
    return date;
}

void run(const ReceiptOptions& o)
{
    const auto config = config_dir();
    const auto number = receipt::ReceiptNumber::parse(o.number);
    const auto spec_ids = spec::spec_ids(config / "specs");
    if (std::find(spec_ids.begin(), spec_ids.end(), o.spec) == spec_ids.end()) {
        std::string known;
        for (const auto& id : spec_ids)
            known += (known.empty() ? "" : ", ") + id;
        throw InputError("unknown spec \"" + o.spec + "\" (known: " + known + ")");
    }
    const auto spec = spec::load_spec(config / "specs", o.spec);
    const auto kiosk = receipt::load_kiosk_identity(config);
    const auto cities = receipt::load_city_table(config);
    const auto& city = cities.find(o.city.empty() ? kiosk.default_city : o.city);
    const auto layout = receipt::load_slip_layout(config, o.paper);
    const auto taken = o.date.empty() ? today() : parse_date(o.date);

    const auto content = receipt::make_slip_content(number, o.photo, spec, city, kiosk, taken,
                                                    layout.photo_aspect_tolerance);
    const receipt::SlipRenderer renderer(layout, receipt::load_slip_text(config));
    // Both outputs are rendered in memory before either file is written, so
    // a slip that cannot be laid out leaves no file behind.
    const auto pdf = renderer.render_pdf(content);
    std::vector<unsigned char> raster;
    if (!o.raster.empty()) {
        const std::string extension = std::filesystem::path(o.raster).extension().string();
        if (!cv::haveImageWriter(o.raster) || !cv::imencode(extension, renderer.render_raster(content), raster))
            throw InputError("cannot write a raster as \"" + extension + "\" (use a .png or .pbm name)");
    }
    write_file_durably(o.out, pdf.bytes);
    if (!o.raster.empty())
        write_file_durably(o.raster, std::string_view(reinterpret_cast<const char*>(raster.data()),
                                                                  raster.size()));
    std::printf("%s: %.0f x %.1f mm, receipt %s\n", o.out.c_str(), pdf.width_mm, pdf.length_mm,
                number.str().c_str());
}

} // namespace

void add_receipt_command(CLI::App& app)
{
    auto options = std::make_shared<ReceiptOptions>();
    CLI::App* cmd = app.add_subcommand("receipt", "Render a receipt slip to PDF without printing");
    cmd->add_option("--number", options->number, "Receipt number (spaces and hyphens allowed)")->required();
    cmd->add_option("--photo", options->photo, "The document photo (JPEG or PNG)")->required();
    cmd->add_option("--spec", options->spec, "Document spec id, e.g. resident-id")->required();
    cmd->add_option("--city", options->city, "Issuing city id (default: the kiosk's city)");
    cmd->add_option("--out", options->out, "PDF file to write")->required();
    cmd->add_option("--raster", options->raster, "Also write the 1-bit raster the printer head sees (.png)");
    cmd->add_option("--paper", options->paper, "Paper layout: 80mm or 58mm")->capture_default_str();
    cmd->add_option("--date", options->date, "Date taken, YYYY-MM-DD (default: today)");
    cmd->callback([options] { run(*options); });
}

} // namespace kiosk::ctl
