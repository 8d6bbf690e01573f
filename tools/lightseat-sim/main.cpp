// lightseat-sim: the light and seat board, simulated on an emulated USB bus,
// for a program that should talk to it through libusb as to the real board
// (the kiosk, kioskctl, a test client). The program runs as a child that sees
// the emulated bus; the studio (someone sitting down, a jammed motor, a pulled
// cable) is played by lines on standard input.
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <csignal>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "board_console.h"
#include "core/error.h"
#include "core/logging.h"
#include "core/paths.h"
#include "lightseat/lightseat_settings.h"
#include "lightseat/usb_board_emulation.h"

namespace {

constexpr std::string_view preload_library = "libumockdev-preload.so.0";

bool preloaded()
{
    const char* preload = std::getenv("LD_PRELOAD");
    return preload && std::string_view(preload).find("libumockdev-preload") != std::string_view::npos;
}

} // namespace

int main(int argc, char** argv)
{
    // The emulation needs umockdev's preload library in this process too.
    if (!preloaded()) {
        setenv("LD_PRELOAD", std::string(preload_library).c_str(), 1);
        execv("/proc/self/exe", argv);
        std::cerr << "lightseat-sim: cannot re-run itself under " << preload_library << "\n";
        return 127;
    }

    CLI::App app{"Simulated light and seat board on an emulated USB bus.\n"
                 "Runs PROGRAM so that it finds the board with libusb; reads studio events on stdin.\n" +
                 std::string(kiosk::lightseat::console_help())};
    std::string board_file = (kiosk::config_dir() / "lightseat" / "board.json").string();
    std::string controller_file = (kiosk::config_dir() / "lightseat" / "controller.json").string();
    std::string log_level = "info";
    bool unplugged = false;
    std::vector<std::string> program;
    app.add_option("--board", board_file, "the board's seat and timing settings");
    app.add_option("--controller", controller_file, "where the USB ids come from");
    app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off");
    app.add_flag("--unplugged", unplugged, "start with the cable out: the board arrives on \"plug\"");
    app.add_option("program", program, "the program to run against the board, after --")->required();
    CLI11_PARSE(app, argc, argv);
    kiosk::setup_logging("lightseat-sim", log_level);

    try {
        const auto board_settings = kiosk::lightseat::BoardSettings::load(board_file);
        const auto controller_settings = kiosk::lightseat::ControllerSettings::load(controller_file);
        kiosk::lightseat::UsbBoardEmulation board(board_settings, controller_settings.vendor_id,
                                                  controller_settings.product_id);
        if (!unplugged)
            board.plug();

        const pid_t child = fork();
        if (child == 0) {
            // umockdev's preload finds the testbed through UMOCKDEV_DIR.
            setenv("UMOCKDEV_DIR", board.root_dir().c_str(), 1);
            std::vector<char*> args;
            for (auto& word : program)
                args.push_back(word.data());
            args.push_back(nullptr);
            execvp(args[0], args.data());
            std::cerr << "lightseat-sim: cannot run " << program[0] << "\n";
            _exit(127);
        }
        if (child < 0)
            throw std::runtime_error("cannot start " + program[0]);

        // Studio events until the program ends. poll() keeps the wait short
        // so the program's exit is seen even while nobody types.
        std::string pending;
        bool reading = true;
        int status = 0;
        while (waitpid(child, &status, WNOHANG) == 0) {
            pollfd input{STDIN_FILENO, POLLIN, 0};
            if (!reading || poll(&input, 1, 50) <= 0) {
                if (!reading)
                    usleep(50'000);
                continue;
            }
            char chunk[256];
            const ssize_t got = read(STDIN_FILENO, chunk, sizeof(chunk));
            if (got <= 0) {
                reading = false;
                continue;
            }
            pending.append(chunk, static_cast<std::size_t>(got));
            for (auto end_of_line = pending.find('\n'); end_of_line != std::string::npos;
                 end_of_line = pending.find('\n')) {
                const std::string line = pending.substr(0, end_of_line);
                pending.erase(0, end_of_line + 1);
                const bool more = kiosk::lightseat::run_console_line(line, board, std::cout);
                // Whoever typed the line may be reading the answer while the program runs.
                std::cout.flush();
                if (!more) {
                    kill(child, SIGTERM);
                    reading = false;
                    break;
                }
            }
        }
        if (WIFEXITED(status))
            return WEXITSTATUS(status);
        return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    } catch (const kiosk::ConfigError& e) {
        spdlog::error("{}", e.what());
        return 2;
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return 1;
    }
}
