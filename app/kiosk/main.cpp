// kiosk: the walk-up ID-photo kiosk. See kiosk_options.cpp for the command
// line and config/kiosk/ for what it wires together.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <thread>

#include <pthread.h>
#include <spdlog/spdlog.h>

#include "core/logging.h"
#include "core/paths.h"
#include "health/journal_sink.h"
#include "kiosk-ui/front_end.h"
#include "kiosk/kiosk_options.h"
#include "kiosk/runtime.h"
#include "kiosk/step_report.h"
#include "kiosk/walkup_script.h"

using namespace kiosk;
using namespace kiosk::runtime;

namespace {

double ms(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

double ms(std::chrono::microseconds d)
{
    return static_cast<double>(d.count()) / 1000.0;
}

void print_walkup(const WalkupReport& report)
{
    std::printf("walk-up visit: receipt %s, slip %s\n", report.receipt_number.c_str(),
                report.receipt_printed ? "printed" : "NOT printed");
    std::printf("%-22s %10s\n", "step", "ms");
    for (const auto& step : report.steps)
        std::printf("%-22s %10.0f\n", std::string(session::to_string(step.step)).c_str(), ms(step.duration));
    std::printf("first touch to receipt: %.0f ms\n", ms(report.total));
    std::printf("  citizen posing (seat-and-pose until every check passed): %.0f ms\n", ms(report.posing));
    std::printf("  countdown: %.0f ms\n", ms(report.countdown));
    std::printf("  citizen looking at the review photo: %.0f ms\n", ms(report.looking));
    std::printf("  machine's own time (the rest): %.0f ms (goal < 10000 ms plus the countdown)\n",
                ms(report.machine()));
}

void print_latency(const LatencySummary& published, const std::optional<ui::FrameLatency>& drawn)
{
    std::printf("frame-to-guidance latency, camera capture to guidance published (%zu frames): median %.1f ms, "
                "p90 %.1f ms, max %.1f ms\n",
                published.count, ms(published.median), ms(published.p90), ms(published.max));
    if (drawn)
        std::printf("frame-to-guidance latency, camera capture to overlay on screen (%zu frames): median %.1f ms, "
                    "p90 %.1f ms, max %.1f ms; preview picture age on screen: median %.1f ms, p90 %.1f ms\n",
                    drawn->guidance.count, ms(drawn->guidance.median), ms(drawn->guidance.p90),
                    ms(drawn->guidance.max), ms(drawn->preview.median), ms(drawn->preview.p90));
}

void print_outputs(const Runtime& runtime)
{
    if (const auto file = runtime.last_printed_file())
        std::printf("slip PDF: %s\n", file->c_str());
    std::printf("%s\n", runtime.upload_description().c_str());
}

// Runs the scripted citizen; nullopt (after logging why) when the visit failed.
std::optional<WalkupReport> walk_up(Runtime& runtime)
{
    try {
        return WalkupScript(runtime.session(), runtime.simulated_controller(), WalkupCitizen::load(config_dir())).run();
    } catch (const std::runtime_error& e) {
        spdlog::error("walk-up script: {}", e.what());
        return std::nullopt;
    }
}

// Nobody can touch a kiosk without a screen or a script: it serves its
// health endpoint (a fleet's scrapers, the watchdog) until told to stop.
int serve_headless(Runtime& runtime, const sigset_t& stop_signals)
{
    runtime.start();
    int signal = 0;
    sigwait(&stop_signals, &signal);
    runtime.stop();
    return kExitDone;
}

int run_headless(Runtime& runtime)
{
    runtime.start();
    const auto report = walk_up(runtime);
    runtime.stop();
    if (!report)
        return kExitVisitFailed;
    print_walkup(*report);
    print_latency(runtime.session().guidance_latency(), std::nullopt);
    print_outputs(runtime);
    return kExitDone;
}

int run_screen(Runtime& runtime, const KioskOptions& options, const sigset_t& stop_signals)
{
    ui::FrontEnd screen(ui::FrontEndOptions{options.layout, !options.window, config_dir(), options.screenshots},
                        runtime.preview(), [&runtime] { return runtime.session().view(); },
                        [&runtime](session::Event event) { runtime.session().post(std::move(event)); });
    // The screen ignores every way out a keyboard offers; the operator stops
    // the kiosk with SIGINT or SIGTERM, taken here rather than by SDL.
    std::thread signals([&screen, stop_signals] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        if (signal != SIGUSR1)
            screen.quit();
    });
    std::optional<WalkupReport> report;
    std::thread script;
    runtime.start();
    if (options.script)
        script = std::thread([&] {
            report = walk_up(runtime);
            screen.quit();
        });
    int status = kExitDone;
    try {
        screen.run();
    } catch (const std::runtime_error& e) {
        spdlog::error("{}", e.what());
        std::fprintf(stderr, "no display to open the kiosk's screen: run it under Xvfb,\n"
                             "  xvfb-run -s '-screen 0 1080x1920x24' build/bin/kiosk --demo\n"
                             "or without a screen: build/bin/kiosk --demo --headless --script walkup\n");
        status = kExitUsage;
        screen.quit();
    }
    if (script.joinable())
        script.join();
    runtime.stop();
    ::pthread_kill(signals.native_handle(), SIGUSR1);
    signals.join();
    if (status != kExitDone)
        return status;
    if (options.script && !report)
        return kExitVisitFailed;
    if (report)
        print_walkup(*report);
    print_latency(runtime.session().guidance_latency(), screen.latency());
    print_outputs(runtime);
    return kExitDone;
}

} // namespace

int main(int argc, char** argv)
{
    const auto parsed = parse_kiosk_options(argc, argv);
    if (const int* stop = std::get_if<int>(&parsed))
        return *stop;
    const auto& options = std::get<KioskOptions>(parsed);
    setup_logging("kiosk", options.log_level);
    if (options.log_journal || health::stderr_is_journal())
        health::log_to_journal("kiosk");

    if (!options.headless && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) {
        std::fprintf(stderr, "kiosk: no display. Run the screen under Xvfb:\n"
                             "  xvfb-run -s '-screen 0 1080x1920x24' build/bin/kiosk --demo\n"
                             "or without a screen: build/bin/kiosk --demo --headless --script walkup\n");
        return kExitUsage;
    }
    // Every thread started from here on inherits the mask, so only the
    // screen's signal thread receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGUSR1);
    if (!options.headless || !options.script)
        pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    try {
        Runtime runtime(options.runtime);
        std::printf("kiosk state folder: %s\n", runtime.state_dir().c_str());
        std::printf("%s\n", runtime.health_description().c_str());
        std::fflush(stdout);
        std::optional<StepReport> steps;
        if (options.step_report)
            steps.emplace(runtime.session(), *options.step_report);
        if (options.headless && !options.script)
            return serve_headless(runtime, stop_signals);
        return options.headless ? run_headless(runtime) : run_screen(runtime, options, stop_signals);
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return kExitUsage;
    }
}
