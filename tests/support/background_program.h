#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace kiosk::test {

// A program a test runs beside itself while it acts on it: the kiosk on its
// screen, or lightseat-sim with the kiosk as its child (the board on an
// emulated USB bus only the kiosk sees, the studio played by lines on the
// simulator's stdin: "sit", "status", "quit"). It runs in a process group of
// its own, so whatever it starts is ended with it; stdout and stderr go to
// <name>.out and <name>.err in the test's folder.
class BackgroundProgram {
public:
    // Throws std::runtime_error when it cannot be started.
    BackgroundProgram(const std::vector<std::string>& args, const std::filesystem::path& folder,
                      const std::string& name);
    // Kills the whole group when it still runs.
    ~BackgroundProgram();
    BackgroundProgram(const BackgroundProgram&) = delete;
    BackgroundProgram& operator=(const BackgroundProgram&) = delete;

    // One line on its stdin; throws std::runtime_error once it stopped reading.
    void say(const std::string& line);
    void terminate();   // SIGTERM to the program itself

    bool running();
    // Waits for the program to end; its exit status, or -1 when it died of a
    // signal or had to be killed (with its group) after `timeout`.
    int wait(std::chrono::seconds timeout);

    std::string out() const;
    std::string err() const;

private:
    void kill_group();

    std::filesystem::path out_file_;
    std::filesystem::path err_file_;
    pid_t pid_ = -1;
    int stdin_ = -1;
    int exit_status_ = -1;
};

} // namespace kiosk::test
