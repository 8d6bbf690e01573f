#include "printer/printer_config.h"

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "printer/cups_printer.h"
#include "printer/file_printer.h"

namespace kiosk::printer {

using nlohmann::json;

PrinterConfig load_printer_config(const std::filesystem::path& config, const std::string& name)
{
    const auto file = config / "printer" / (name + ".json");
    if (name.empty() || name.find('/') != std::string::npos || !std::filesystem::is_regular_file(file))
        throw InputError("no printer config \"" + name + "\" in " + (config / "printer").string());
    const json doc = load_json_file(file);
    const JsonFields f(file.string(), doc);
    PrinterConfig c;
    c.name = name;
    c.backend = f.text("backend");
    c.paper = f.text("paper");
    c.copies = f.positive_int("copies");
    if (c.backend == "cups") {
        c.server = f.text("server");
        c.port = f.positive_int("port");
        c.queue = f.text("queue");
        c.connect_timeout = f.millis("connect_timeout_ms");
        c.job_timeout = f.millis("job_timeout_ms");
        c.poll_interval = f.millis("poll_interval_ms");
        c.problem_grace = f.millis("problem_grace_ms");
    } else if (c.backend == "file") {
        c.folder = f.text("folder");
    } else {
        f.fail("backend", "must be \"cups\" or \"file\", not \"" + c.backend + "\"");
    }
    return c;
}

std::unique_ptr<Printer> make_printer(const PrinterConfig& config)
{
    if (config.backend == "cups")
        return std::make_unique<CupsPrinter>(config);
    if (config.backend == "file")
        return std::make_unique<FilePrinter>(config.folder);
    throw ConfigError("printer config " + config.name + ": unknown backend \"" + config.backend + "\"");
}

} // namespace kiosk::printer
