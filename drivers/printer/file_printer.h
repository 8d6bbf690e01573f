#pragma once

#include <filesystem>

#include "printer/printer.h"

namespace kiosk::printer {

// For a kiosk with no printer queue (and for demos): every "printed" slip is
// written as <folder>/<job id>-<title>.pdf. The folder must exist and be
// writable, else status() reports Offline, the same as an unplugged printer.
class FilePrinter : public Printer {
public:
    explicit FilePrinter(std::filesystem::path folder);

    PrinterStatus status() override;
    PrintResult print(const PrintRequest& request) override;
    JobState job_state(int job_id) override;
    std::optional<int> find_job(const std::string& title) override;

private:
    std::filesystem::path file_of(int job_id) const;

    std::filesystem::path folder_;
};

} // namespace kiosk::printer
