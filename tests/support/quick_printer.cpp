#include "support/quick_printer.h"

#include <chrono>

#include "core/paths.h"

namespace kiosk::test {

const std::string kOnePagePdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 226 300]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

printer::PrinterConfig quick_printer_config(const TemporaryCupsd& cupsd, const std::string& queue)
{
    using namespace std::chrono_literals;
    auto config = printer::load_printer_config(config_dir(), "thermal-80mm");
    config.server = cupsd.host();
    config.port = cupsd.port();
    config.queue = queue;
    config.poll_interval = 20ms;
    config.problem_grace = 300ms;
    config.job_timeout = 30s;
    return config;
}

} // namespace kiosk::test
