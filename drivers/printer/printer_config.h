#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "printer/printer.h"

namespace kiosk::printer {

// config/printer/<name>.json: which backend prints the slips and how.
struct PrinterConfig {
    std::string name;                       // the file's stem
    std::string backend;                    // "cups" or "file"
    std::string paper;                      // slip layout id, e.g. "80mm"
    int copies = 1;

    // cups
    std::string server;                     // host name, address, or a domain socket path
    int port = 631;
    std::string queue;
    std::chrono::milliseconds connect_timeout{0};
    std::chrono::milliseconds job_timeout{0};
    std::chrono::milliseconds poll_interval{0};
    // A blocking condition must last this long while a job is under way
    // before the job is given up: some printers flash "offline" briefly.
    std::chrono::milliseconds problem_grace{0};

    // file
    std::filesystem::path folder;
};

// Throws ConfigError naming the file and field; InputError for an unknown name.
PrinterConfig load_printer_config(const std::filesystem::path& config, const std::string& name);

// The backend the config names. Connecting happens on first use, so this
// does not fail when the printer is switched off.
std::unique_ptr<Printer> make_printer(const PrinterConfig& config);

} // namespace kiosk::printer
