// kiosk: the walk-up ID-photo kiosk. See kiosk_options.cpp for the command
// line and config/kiosk/ for what it wires together.
#include <chrono>
#include <cstdio>
#include <iostream>

#include <spdlog/spdlog.h>

#include "core/logging.h"
#include "core/paths.h"
#include "kiosk/kiosk_options.h"
#include "kiosk/runtime.h"
#include "kiosk/walkup_script.h"

using namespace kiosk;
using namespace kiosk::runtime;

namespace {

double ms(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

void print_walkup(const WalkupReport& report, const Runtime& runtime, const LatencySummary& latency)
{
    std::printf("walk-up visit: receipt %s, slip %s\n", report.receipt_number.c_str(),
                report.receipt_printed ? "printed" : "NOT printed");
    std::printf("%-22s %10s\n", "step", "ms");
    for (const auto& step : report.steps)
        std::printf("%-22s %10.0f\n", std::string(session::to_string(step.step)).c_str(), ms(step.duration));
    std::printf("first touch to receipt: %.0f ms\n", ms(report.total));
    std::printf("  citizen posing (seat-and-pose until every check passed): %.0f ms\n", ms(report.posing));
    std::printf("  countdown: %.0f ms\n", ms(report.countdown));
    std::printf("  machine's own time (the rest): %.0f ms (goal < 10000 ms plus the countdown)\n",
                ms(report.machine()));
    std::printf("frame-to-guidance latency (camera capture to guidance published), %zu frames: median %.1f ms, "
                "p90 %.1f ms, max %.1f ms\n",
                latency.count, latency.median_ms, latency.p90_ms, latency.max_ms);
    if (const auto file = runtime.last_printed_file())
        std::printf("slip PDF: %s\n", file->c_str());
    std::printf("%s\n", runtime.upload_description().c_str());
}

int run_headless(Runtime& runtime)
{
    WalkupScript script(runtime.session(), runtime.simulated_controller(), WalkupCitizen::load(config_dir()));
    try {
        const auto report = script.run();
        const auto latency = runtime.session().guidance_latency();
        runtime.stop();
        print_walkup(report, runtime, latency);
        return kExitDone;
    } catch (const std::runtime_error& e) {
        spdlog::error("walk-up script: {}", e.what());
        runtime.stop();
        return kExitVisitFailed;
    }
}

} // namespace

int main(int argc, char** argv)
{
    const auto parsed = parse_kiosk_options(argc, argv);
    if (const int* stop = std::get_if<int>(&parsed))
        return *stop;
    const auto& options = std::get<KioskOptions>(parsed);
    setup_logging("kiosk", options.log_level);

    try {
        Runtime runtime(options.runtime);
        std::printf("kiosk state folder: %s\n", runtime.state_dir().c_str());
        std::fflush(stdout);
        if (!options.headless) {
            spdlog::error("the touch screen is not wired into the kiosk program yet: use --headless --script walkup");
            return kExitUsage;
        }
        runtime.start();
        return run_headless(runtime);
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return kExitUsage;
    }
}
