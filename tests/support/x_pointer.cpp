#include "support/x_pointer.h"

#include <cstdio>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/shell_command.h"

namespace kiosk::test {
namespace {

// xdotool's --shell answer: one NAME=value a line.
std::map<std::string, int> shell_values(const std::string& command)
{
    const auto result = run_command(command);
    if (result.status != 0)
        throw std::runtime_error(command + " failed: " + result.output);
    std::map<std::string, int> values;
    std::istringstream lines(result.output);
    std::string line;
    while (std::getline(lines, line))
        if (const auto eq = line.find('='); eq != std::string::npos)
            values[line.substr(0, eq)] = std::stoi(line.substr(eq + 1));
    return values;
}

} // namespace

std::optional<std::string> find_window(const std::string& name_pattern, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto found = run_command("xdotool search --onlyvisible --name '" + name_pattern + "'").output;
        while (!found.empty() && found.back() == '\n')
            found.pop_back();
        found.erase(0, found.rfind('\n') + 1);
        if (!found.empty() && found.find_first_not_of("0123456789") == std::string::npos)
            return found;
        if (std::chrono::steady_clock::now() > deadline)
            return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

WindowGeometry window_geometry(const std::string& window)
{
    const auto v = shell_values("xdotool getwindowgeometry --shell " + window);
    return {v.at("X"), v.at("Y"), v.at("WIDTH"), v.at("HEIGHT")};
}

WindowGeometry display_geometry()
{
    const auto result = run_command("xdotool getdisplaygeometry");
    WindowGeometry g;
    std::istringstream words(result.output);
    if (result.status != 0 || !(words >> g.width >> g.height))
        throw std::runtime_error("xdotool getdisplaygeometry failed: " + result.output);
    return g;
}

void click_on_screen(int x, int y)
{
    const auto result = run_command("xdotool mousemove " + std::to_string(x) + " " + std::to_string(y) + " click 1");
    if (result.status != 0)
        throw std::runtime_error("xdotool click failed: " + result.output);
}

void press_on_screen(int x, int y, std::chrono::milliseconds hold)
{
    // One xdotool, so the hold is timed by it and not by two process starts.
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.3f", std::chrono::duration<double>(hold).count());
    const auto result = run_command("xdotool mousemove " + std::to_string(x) + " " + std::to_string(y) +
                                    " mousedown 1 sleep " + seconds + " mouseup 1");
    if (result.status != 0)
        throw std::runtime_error("xdotool press failed: " + result.output);
}

} // namespace kiosk::test
