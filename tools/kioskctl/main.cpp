// kioskctl: the technician's command line for one kiosk.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "command.h"
#include "core/error.h"
#include "core/logging.h"

int main(int argc, char** argv)
{
    CLI::App app{"kioskctl: technician commands for the ID-photo kiosk"};
    app.require_subcommand(1);
    std::string log_level = "warn";
    app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off");
    app.parse_complete_callback([&] { kiosk::setup_logging("kioskctl", log_level); });

    kiosk::ctl::add_receipt_command(app);
    kiosk::ctl::add_printer_command(app);
    kiosk::ctl::add_devices_command(app);
    kiosk::ctl::add_upload_command(app);
    kiosk::ctl::add_fleet_command(app);
    kiosk::ctl::add_calibrate_access_command(app);
    kiosk::ctl::add_calibrate_profile_command(app);
    kiosk::ctl::add_calibrate_procedures_command(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help exits 0; any other usage error is bad input, 2, like the commands' own.
        return app.exit(e) == 0 ? 0 : 2;
    } catch (const kiosk::ctl::CommandFailed& e) {
        std::fprintf(stderr, "kioskctl: %s\n", e.what());
        return e.code();
    } catch (const kiosk::InputError& e) {
        std::fprintf(stderr, "kioskctl: %s\n", e.what());
        return 2;
    } catch (const kiosk::ConfigError& e) {
        std::fprintf(stderr, "kioskctl: configuration: %s\n", e.what());
        return 3;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kioskctl: %s\n", e.what());
        return 1;
    }
    return 0;
}
