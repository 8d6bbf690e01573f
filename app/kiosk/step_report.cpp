#include "kiosk/step_report.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "core/error.h"

namespace kiosk::runtime {

namespace {

// How long the thread waits for a new view before looking at its stop flag.
constexpr std::chrono::milliseconds kStopCheck{100};

std::string line_for(const session::ViewModel& view)
{
    std::string line(session::to_string(view.step));
    line += ' ';
    line += view.focused_field ? std::string(session::to_string(*view.focused_field)) : "-";
    // On a form, whether it may be left: the reader touches Next only then.
    if (!view.fields.empty())
        line += std::all_of(view.fields.begin(), view.fields.end(), [](const auto& f) { return f.valid; })
                    ? " complete"
                    : " incomplete";
    return line + '\n';
}

} // namespace

StepReport::StepReport(const SessionLoop& loop, const std::filesystem::path& file) : loop_(loop)
{
    out_ = std::fopen(file.c_str(), "w");
    if (!out_)
        throw InputError("cannot write the step report " + file.string() + ": " + std::strerror(errno));
    thread_ = std::thread([this] { follow(); });
}

StepReport::~StepReport()
{
    stopping_ = true;
    thread_.join();
    std::fclose(out_);
}

void StepReport::follow()
{
    std::uint64_t seen = 0;
    std::string last;
    while (!stopping_) {
        seen = loop_.wait_for_view(seen, kStopCheck);
        const auto view = loop_.view();
        if (!view)
            continue;
        // Written whole and flushed at once: the reader polls the file and
        // acts on complete lines.
        const std::string line = line_for(*view);
        if (line == last)
            continue;
        std::fputs(line.c_str(), out_);
        std::fflush(out_);
        last = line;
    }
}

} // namespace kiosk::runtime
