#pragma once

// Running a system tool from a test (promtool, systemd-analyze, cpack,
// dpkg-deb) and reading what it printed, so the test can show it on failure.
#include <sys/wait.h>

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

// What a program run through the shell printed, its two streams apart.
struct ShellRun {
    int exit_code = -1;   // -1 when it did not exit normally
    std::string out;
    std::string err;
};

// Runs `command` through the shell with stdin empty; its stderr passes
// through `stderr_file` (the caller's folder), so stdout can be parsed alone.
inline ShellRun run_command_apart(const std::string& command, const std::filesystem::path& stderr_file)
{
    ShellRun run;
    FILE* pipe = ::popen((command + " < /dev/null 2> '" + stderr_file.string() + "'").c_str(), "r");
    if (!pipe)
        return run;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe))
        run.out += buffer;
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = read_text_file(stderr_file);
    return run;
}

} // namespace kiosk::test
