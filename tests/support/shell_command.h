#pragma once

// Running a system tool from a test (promtool, systemd-analyze, cpack,
// dpkg-deb) and reading what it printed, so the test can show it on failure.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kiosk::test {

struct CommandResult {
    int status;           // as pclose reports it: 0 for success
    std::string output;   // stdout and stderr together
};

inline CommandResult run_command(const std::string& command)
{
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe)
        return {-1, "could not start: " + command};
    std::string output;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe))
        output += buffer;
    return {::pclose(pipe), output};
}

// Whether `program` is on PATH, so a test can skip saying which is missing.
inline bool have_program(const std::string& program)
{
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

inline std::string read_text_file(const std::filesystem::path& file)
{
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace kiosk::test
