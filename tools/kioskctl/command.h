#pragma once

#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

namespace kiosk::ctl {

// Each kioskctl subcommand lives in its own file and registers itself on the
// app through one of these; main() only lists them. A command's callback
// throws on failure and main() turns the exception into the exit code.
void add_receipt_command(CLI::App& app);
void add_printer_command(CLI::App& app);
void add_devices_command(CLI::App& app);
void add_upload_command(CLI::App& app);
void add_fleet_command(CLI::App& app);
void add_calibrate_access_command(CLI::App& app);   // calibrate pin ..., calibrate log
void add_calibrate_profile_command(CLI::App& app);  // calibrate profile ...
void add_calibrate_procedures_command(CLI::App& app); // calibrate seat|printer|self-test

// `kioskctl calibrate`: the procedures and the access and profile commands
// hang under one subcommand, made by whichever of their files adds first.
inline CLI::App& calibrate_command(CLI::App& app)
{
    const auto existing = app.get_subcommands([](CLI::App* sub) { return sub->get_name() == "calibrate"; });
    if (!existing.empty())
        return *existing.front();
    auto* calibrate = app.add_subcommand("calibrate", "technician calibration: procedures, PINs, profile, log");
    calibrate->require_subcommand(1);
    return *calibrate;
}

// Exit codes: 1 unexpected, 2 bad input, 3 bad configuration, 4 the printer
// cannot print (or a reprint failed).
constexpr int kExitPrinterProblem = 4;
// 5: `kioskctl devices` found a configured device missing or not ready (the
// camera the kiosk films with, the light/seat board).
constexpr int kExitDeviceMissing = 5;
// 6 and 7: `kioskctl fleet status` polled every kiosk and some was not ready
// (6), or some could not be reached or did not answer usably (7, which wins).
constexpr int kExitFleetNotReady = 6;
constexpr int kExitFleetUnreachable = 7;
// 8-11: `kioskctl calibrate <procedure>`: the procedure failed (8) or could
// not run (9), the kiosk holds the devices (10), the PIN was refused (11).
constexpr int kExitCalibrationFailed = 8;
constexpr int kExitCalibrationError = 9;
constexpr int kExitDevicesInUse = 10;
constexpr int kExitAccessRefused = 11;

// A command that ran but did not succeed; main() prints the message and
// exits with the code.
class CommandFailed : public std::runtime_error {
public:
    CommandFailed(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

} // namespace kiosk::ctl
