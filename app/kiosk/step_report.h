#pragma once

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "kiosk/session_loop.h"

namespace kiosk::runtime {

// `kiosk --report-steps FILE`: a line per change of screen, so a program
// outside the kiosk (an end-to-end test touching the screen through X, a
// technician's tail -f) knows where the visit is. A line holds the step, the
// focused form field and, on a form, whether every field is valid
// ("applicant_details phone complete", "review -"): names of screens and
// fields only, never what was typed or photographed.
class StepReport {
public:
    // Truncates `file`; throws InputError when it cannot be written.
    StepReport(const SessionLoop& loop, const std::filesystem::path& file);
    ~StepReport();
    StepReport(const StepReport&) = delete;
    StepReport& operator=(const StepReport&) = delete;

private:
    void follow();

    const SessionLoop& loop_;
    std::FILE* out_ = nullptr;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace kiosk::runtime
