#include "printer/file_printer.h"

#include <fstream>
#include <string>

#include <unistd.h>

namespace kiosk::printer {
namespace {

// The job id is the file's leading number, so ids survive a restart.
int job_id_of(const std::filesystem::path& file)
{
    const std::string name = file.filename().string();
    const auto dash = name.find('-');
    if (dash == std::string::npos || dash == 0 || name.find_first_not_of("0123456789") != dash)
        return 0;
    return std::stoi(name.substr(0, dash));
}

std::string title_of(const std::filesystem::path& file)
{
    const std::string stem = file.stem().string();
    return stem.substr(stem.find('-') + 1);
}

} // namespace

FilePrinter::FilePrinter(std::filesystem::path folder) : folder_(std::move(folder)) {}

PrinterStatus FilePrinter::status()
{
    PrinterStatus s;
    s.accepting = true;
    s.state = PrinterState::Idle;
    if (!std::filesystem::is_directory(folder_) || ::access(folder_.c_str(), W_OK) != 0) {
        s.reasons.push_back("offline-report");
        s.message = "folder " + folder_.string() + " is missing or not writable";
    }
    return s;
}

std::filesystem::path FilePrinter::file_of(int job_id) const
{
    for (const auto& entry : std::filesystem::directory_iterator(folder_))
        if (job_id_of(entry.path()) == job_id)
            return entry.path();
    return {};
}

PrintResult FilePrinter::print(const PrintRequest& request)
{
    PrintResult result;
    result.before = status();
    result.after = result.before;
    if (result.before.problem() != Problem::None) {
        result.problem = result.before.problem();
        result.detail = "not written: " + result.before.message;
        return result;
    }
    int last = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder_))
        last = std::max(last, job_id_of(entry.path()));
    result.job_id = last + 1;

    // Copies are a matter of paper; one file stands for all of them.
    const auto target = folder_ / (std::to_string(result.job_id) + "-" + request.title + ".pdf");
    const auto partial = folder_ / ("." + target.filename().string() + ".part");
    {
        std::ofstream out(partial, std::ios::binary);
        out.write(request.pdf.data(), static_cast<std::streamsize>(request.pdf.size()));
        if (!out) {
            std::filesystem::remove(partial);
            result.problem = Problem::JobFailed;
            result.detail = "cannot write " + target.string();
            return result;
        }
    }
    // Renamed into place only when complete, so a reader never sees half a slip.
    std::filesystem::rename(partial, target);
    if (request.on_submitted)
        request.on_submitted(result.job_id);
    result.printed = true;
    return result;
}

JobState FilePrinter::job_state(int job_id)
{
    if (!std::filesystem::is_directory(folder_))
        return JobState::Unknown;
    return file_of(job_id).empty() ? JobState::Unknown : JobState::Completed;
}

std::optional<int> FilePrinter::find_job(const std::string& title)
{
    std::optional<int> newest;
    if (!std::filesystem::is_directory(folder_))
        return newest;
    for (const auto& entry : std::filesystem::directory_iterator(folder_)) {
        const int id = job_id_of(entry.path());
        if (id > 0 && entry.path().extension() == ".pdf" && title_of(entry.path()) == title)
            newest = std::max(newest.value_or(0), id);
    }
    return newest;
}

} // namespace kiosk::printer
