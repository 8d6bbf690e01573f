#include "kiosk/kiosk_options.h"

#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

namespace kiosk::runtime {

std::variant<KioskOptions, int> parse_kiosk_options(int argc, char** argv)
{
    KioskOptions o;
    bool demo = false;
    std::string state_dir, upload_config, printer, printer_file, faces, screenshots, script, profile, step_report;
    std::string health_config;
    CLI::App app{"The ID-photo kiosk: camera, live guidance, capture, upload and receipt, on a touch screen."};
    app.footer("Exit status: 0 ran (or the script reached the done screen); 1 the scripted visit failed; "
               "2 usage or configuration error.\n"
               "Without a display: xvfb-run -s '-screen 0 1080x1920x24' build/bin/kiosk --demo, or --headless.");
    app.add_flag("--demo", demo, "replay camera filming a portrait that walks up, simulated seat and lights, slips "
                                 "as PDF files (config/kiosk/demo.json)");
    app.add_option("--profile", profile, "device wiring config/kiosk/<name>.json instead of kiosk.json (demo.json "
                                         "with --demo), e.g. e2e-usb for a test's emulated USB board");
    app.add_flag("--headless", o.headless,
                 "no screen: with --script the scripted visit runs and the kiosk exits; without, the kiosk serves "
                 "its health endpoint (and nobody can touch it) until SIGTERM or SIGINT");
    app.add_option("--script", script, "a scripted citizen instead of touches")->check(CLI::IsMember({"walkup"}));
    app.add_option("--layout", o.layout, "screen layout")
        ->transform(CLI::CheckedTransformer(std::map<std::string, ui::Layout>{{"portrait", ui::Layout::Portrait},
                                                                              {"landscape", ui::Layout::Landscape}}));
    app.add_flag("--window", o.window, "a window instead of fullscreen");
    app.add_option("--state-dir", state_dir, "receipt state, kept slips (and for the demo the outbox and PDFs)");
    app.add_option("--upload-config", upload_config, "upload settings of a review service that knows this kiosk");
    app.add_option("--printer", printer, "printer config name in config/printer, e.g. thermal-80mm for CUPS");
    app.add_option("--printer-config", printer_file, "a printer config file printer/<name>.json outside config/");
    app.add_option("--faces", faces, "the shared photo set (default $KIOSK_FACES, else ../shared/faces)");
    app.add_option("--screenshots", screenshots, "save a PNG of every new screen here");
    app.add_option("--health-config", health_config,
                   "a health config outside config/ (listen address and port, token_file read beside it, readiness "
                   "limits), instead of the one the profile names");
    app.add_option("--report-steps", step_report,
                   "write a line per screen change here (step, focused field, form complete or not; never what "
                   "was typed)");
    app.add_option("--log-level", o.log_level, "stderr log level")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    app.add_flag("--log-journal", o.log_journal,
                 "log structured records to the systemd journal (the default when stderr is the journal)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int shown = app.exit(e, std::cout, std::cerr);
        return e.get_exit_code() == 0 ? shown : kExitUsage;
    }
    o.runtime.profile = !profile.empty() ? profile : demo ? "demo" : "kiosk";
    if (!state_dir.empty())
        o.runtime.state_dir = state_dir;
    if (!upload_config.empty())
        o.runtime.upload_config = upload_config;
    if (!printer.empty())
        o.runtime.printer = printer;
    if (!printer_file.empty())
        o.runtime.printer_file = printer_file;
    if (!faces.empty())
        o.runtime.faces_dir = faces;
    if (!health_config.empty())
        o.runtime.health_config = health_config;
    if (!screenshots.empty())
        o.screenshots = screenshots;
    if (!script.empty())
        o.script = script;
    if (!step_report.empty())
        o.step_report = step_report;
    return o;
}

} // namespace kiosk::runtime
