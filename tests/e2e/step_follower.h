#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::test {

// Reads the kiosk's --report-steps file as it grows: one line per screen
// change ("applicant_details phone complete"), noting when the test first
// saw each line.
class StepFollower {
public:
    using Clock = std::chrono::steady_clock;
    struct Seen {
        std::string line;
        Clock::time_point at;
    };

    explicit StepFollower(std::filesystem::path file) : file_(std::move(file)) {}

    // Waits until the newest line is `line`; false after `timeout`.
    bool wait_for(const std::string& line, std::chrono::milliseconds timeout);
    // Waits until the newest line starts with `step` and a space.
    bool wait_for_step(const std::string& step, std::chrono::milliseconds timeout);

    // The newest complete line ("" before the first).
    std::string newest();
    // Every line so far, in order.
    const std::vector<Seen>& lines();

private:
    void read_new_lines();

    std::filesystem::path file_;
    std::size_t consumed_ = 0;   // bytes of the file already split into lines
    std::vector<Seen> lines_;
};

} // namespace kiosk::test
